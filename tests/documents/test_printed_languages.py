"""Everything printed on paper exists in every hand-out language: no Dutch left inside a translation.

The oracle is the renderer's own tally of what it looked up and had to show in Dutch, so a text the
builders print that the catalogs lack (a new template line, an exercise title in the agenda) fails here.
"""

from __future__ import annotations

import pytest

from opvoed_desktop.content import Library
from opvoed_desktop.content.model import Programme
from opvoed_desktop.i18n.catalogs import HANDOUT_LANGUAGES
from opvoed_desktop.services.handouts import TEMPLATES, HandoutRequest, HandoutService, agenda_times

KINDS = ("ouders", "deelnemers", *TEMPLATES)


def every_agenda_line(library: Library) -> tuple[tuple[str, str, int], ...]:
    """An agenda naming every item (exercise, page, programme, template) and every programme's own lines."""
    entries = [(item.id, 10) for item in library.items.values()]
    for programme in library.programmes():
        assert isinstance(programme, Programme)
        entries += [("pauze" if e.kind == "pauze" else (e.ref or e.title), 5) for e in programme.entries]
    return tuple(agenda_times(entries, "09:00"))


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES[1:])
def test_nothing_printed_falls_back_to_dutch(service: HandoutService, library: Library, lang: str) -> None:
    agenda = every_agenda_line(library)
    assert len(agenda) > len(library.items)  # the programmes' own lines are in it too
    left_in_dutch = {}
    for kind in (*KINDS, "agenda"):
        request = HandoutRequest(kind, lang, municipality="Lindewaard", agenda=agenda if kind == "agenda" else ())
        tally = service.render(request).tally
        assert tally.draft + tally.checked + tally.missing > 10  # the texts were looked up at all
        if tally.missing:
            left_in_dutch[kind] = tally.missing_ids
    assert left_in_dutch == {}
