"""What a meeting's Details tab says about the organisation (services/sharing.py), without a hub:
shared or not, a sample never, and the laptop a meeting came from by the name it gave."""

from __future__ import annotations

from sqlalchemy import insert, update

from opvoed_desktop.hub.identity import device_id
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.services.sharing import meeting_sharing, set_shared
from opvoed_desktop.storage import Database
from opvoed_desktop.storage import models as m


def _came_from(db: Database, meeting_id: str, device: str) -> None:
    with db.write() as s:
        s.execute(update(m.Meeting).where(m.Meeting.id == meeting_id).values(origin_device=device))


def test_a_meeting_made_here_and_one_from_another_laptop(laptops: tuple[Database, Database]) -> None:
    a, _b = laptops
    service = MeetingService(a)
    here = service.create_meeting("Hier gemaakt")
    facts = meeting_sharing(a, here)
    assert (facts.shared, facts.sample, facts.origin_device, facts.origin_name) == (False, False, None, None)
    set_shared(a, [here], True)
    _came_from(a, here, device_id(a))  # synced once: its origin is this laptop itself
    assert meeting_sharing(a, here).shared and meeting_sharing(a, here).origin_device is None

    elsewhere = service.create_meeting("Van een collega")
    _came_from(a, elsewhere, "d" * 36)
    assert (meeting_sharing(a, elsewhere).origin_device, meeting_sharing(a, elsewhere).origin_name) == ("d" * 36, None)
    with a.write() as s:
        s.execute(insert(m.SyncDevice).values(id="d" * 36, name="Laptop van Fatima"))
    assert meeting_sharing(a, elsewhere).origin_name == "Laptop van Fatima"


def test_a_sample_meeting_says_so_and_is_never_shared(laptops: tuple[Database, Database]) -> None:
    a, _b = laptops
    sample = MeetingService(a).create_meeting("Voorbeeld", is_sample=True)
    assert set_shared(a, [sample], True) == 0
    facts = meeting_sharing(a, sample)
    assert facts.sample and not facts.shared
