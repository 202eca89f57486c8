"""Half an emoji (a lone surrogate: from a broken paste elsewhere, a terminal's undecodable byte)
cannot be stored in UTF-8; it is refused with a sentence, never a UnicodeEncodeError traceback."""

from __future__ import annotations

import io

import pytest

from opvoed_desktop import app
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.storage import Database, InvalidInputError

SENTENCE = "De tekst bevat een ongeldig teken (een half emoji-teken) en is niet bewaard; haal het teken weg."


@pytest.mark.parametrize("text", ["Ouders \ud83d kwamen", "\udcff", "einde \udc00"])
def test_a_lone_surrogate_is_refused_with_a_sentence(service: MeetingService, db: Database, text: str) -> None:
    mid = service.create_meeting("Avond")
    with pytest.raises(InvalidInputError) as info:
        service.add_note(mid, text)
    assert str(info.value) == SENTENCE
    with pytest.raises(InvalidInputError):
        service.update_meeting(mid, venue=text)
    assert isinstance(service.search(text), list)  # a query is not stored: the half character is skipped
    assert service.get_meeting(mid).notes == [] and service.get_meeting(mid).venue == ""


def test_the_cli_says_a_sentence_for_an_undecodable_argument(paths: DataPaths) -> None:
    out, err = io.StringIO(), io.StringIO()
    # On Linux a byte that is not UTF-8 in argv reaches Python as a lone surrogate (surrogateescape).
    code = app.main(["--data-dir", str(paths.root), "meetings", "show", "ab\udcff"], out, err)
    assert (code, out.getvalue()) == (1, "")
    assert err.getvalue() == SENTENCE + "\n"
