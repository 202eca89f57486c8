"""Revisions 0003 and 0004 convert stored text with frozen copies of the app's readers (the room's
languages; opening hours), so that a later change to the app cannot change what an old revision does
to a database that meets it years later. These tests show that each copy started out equal to the
app's reader of today, on many inputs.

When one of them fails after a deliberate change to the app's reader, the revision is right to keep
its copy: the change is for new text (and for a new revision, if stored data must follow). Then
narrow or drop the comparison here; never edit the frozen copy to match.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvoed_desktop.i18n import hours, language_names
from opvoed_desktop.i18n.language_table import AUTONYMS, NAMES
from opvoed_desktop.storage import migrate

VERSIONS = Path(migrate.__file__).parent / "migrations" / "versions"


def load_revision(file_name: str) -> ModuleType:
    """A revision script as alembic loads it: by its path, not as a module of the package."""
    path = VERSIONS / file_name
    spec = importlib.util.spec_from_file_location(f"frozen_revision_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REV0003 = load_revision("0003_room_languages_deadlines.py")
REV0004 = load_revision("0004_opening_slots.py")


# Revision 0003: the room's languages.


def test_the_frozen_names_are_the_names_the_app_matches_today() -> None:
    assert REV0003.frozen_names() == language_names._all_names("nl")
    assert len(REV0003.frozen_names()) > 3000  # every language babel names, in eighteen languages


_NAMES = sorted({name for table in NAMES.values() for name in table.values() if name} | set(AUTONYMS.values()) - {""})
_CODES = sorted(language_names.known_languages())
_REGIONAL = ["nl-BE", "nl_BE", "ar-MA", "ar_SY", "fa-AF", "en-GB", "pt-BR", "zh-Hant", "sr-Latn", "xx-YY", "ku-IQ"]
_PARTS = st.one_of(
    st.sampled_from(_NAMES),
    st.sampled_from(_NAMES).map(str.upper),
    st.sampled_from(_NAMES).map(lambda name: f"{name} (Marokkaans)"),
    st.sampled_from(_CODES),
    st.sampled_from(_REGIONAL),
    st.sampled_from(["Farsi", "tigrinja", "Pashtu", "Koerdisch (Sorani)", "Klingon", "gebarentaal", ""]),
    st.text(max_size=12),
)
_SEPARATORS = st.sampled_from([", ", ",", "; ", " / ", " en ", " and ", " و ", "، ", "\n", " + ", " & ", " · "])


@st.composite
def typed_languages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_PARTS, min_size=1, max_size=4))
    text = parts[0]
    for part in parts[1:]:
        text += draw(_SEPARATORS) + part
    return draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", ".", " "]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(typed_languages(), max_size=4))
def test_the_frozen_language_matcher_reads_as_the_app_reads_today(values: list[str]) -> None:
    assert REV0003.normalise_languages(values) == language_names.normalise_languages(values)


@pytest.mark.parametrize(
    "values",
    [
        ["Nederlands, Arabisch, Tigrinya, Turks", "Türkçe / Klingon", "ar"],
        ["x, x", "Klingon, klingon"],
        ["ARABISCH (Marokkaans)", "Koerdisch (Sorani)", "nl-BE", "العربية و Türkçe"],
        ["", "   ", "fa", "Farsi", "Perzisch"],
    ],
)
def test_the_frozen_language_matcher_on_what_facilitators_typed(values: list[str]) -> None:
    assert REV0003.normalise_languages(values) == language_names.normalise_languages(values)


# Revision 0004: opening hours.

_DAY_WORDS = sorted(hours.DAYS)
_TIMES = [
    "9",
    "9.00",
    "09:30",
    "17",
    "17.00",
    "12.30",
    "8.5",
    "24.00",
    "23.59",
    "0.00",
    "9 uur",
    "17 uur",
    "25",
    "9.60",
]
_DASHES = ["–", "-", "—", " - ", " t/m ", " tot "]


@st.composite
def typed_hours(draw: st.DrawFn) -> str:
    def day() -> str:
        word = draw(st.sampled_from(_DAY_WORDS))
        return draw(st.sampled_from([word, word.upper(), word.title()]))

    slots = []
    for _slot in range(draw(st.integers(1, 3))):
        days = day()
        for _more in range(draw(st.integers(0, 2))):
            days += draw(st.sampled_from([*_DASHES, ", ", " en "])) + day()
        start, end = draw(st.sampled_from(_TIMES)), draw(st.sampled_from(_TIMES))
        van = draw(st.sampled_from(["", "van "]))
        slots.append(f"{days}{draw(st.sampled_from(['', '.']))} {van}{start}{draw(st.sampled_from(_DASHES))}{end}")
    text = draw(st.sampled_from(["; ", ", ", " ", ";"])).join(slots)
    return text + draw(st.one_of(st.just(""), st.text(max_size=8), st.sampled_from([", of bel", " uur", ";"])))


def _as_tuples(slots: tuple[hours.Slot, ...] | None) -> tuple[Any, ...] | None:
    return None if slots is None else tuple((s.days, s.start, s.end) for s in slots)


@settings(max_examples=600, deadline=None)
@given(st.one_of(typed_hours(), st.text(max_size=30)))
def test_the_frozen_hours_reader_reads_as_the_app_reads_today(text: str) -> None:
    frozen = REV0004.parse_hours(text)
    assert frozen == _as_tuples(hours.parse_hours(text))
    slots, kept = hours.read_typed_hours(text)
    if frozen:
        assert REV0004.slots_to_json(frozen) == hours.slots_to_json(slots) and kept == ""


_STORED_TIMES = st.one_of(
    st.sampled_from(["09:00", "12:30", "17:00", "23:59", "00:00", "24:00", "9:00"]), st.text(max_size=5)
)
_SLOT = st.fixed_dictionaries(
    {
        "days": st.lists(st.one_of(st.integers(-1, 7), st.booleans()), max_size=8),
        "from": _STORED_TIMES,
        "to": _STORED_TIMES,
    }
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_SLOT, max_size=3), st.lists(st.integers(), max_size=2), st.none(), st.text(max_size=5)))
def test_the_frozen_downgrade_writes_hours_back_as_the_app_does_today(stored: Any) -> None:
    try:
        live = hours.slots_from_json(stored)
    except hours.HoursError:
        with pytest.raises(ValueError):
            REV0004.slots_from_json(stored)
        return
    frozen = REV0004.slots_from_json(stored)
    assert frozen == _as_tuples(live)
    assert REV0004.dutch_hours(frozen) == hours.dutch_hours(live)


def test_the_frozen_downgrade_reads_back_what_the_upgrade_wrote() -> None:
    text = "ma, wo en vr 9.00–12.30; za 10–12"
    slots = REV0004.parse_hours(text)
    stored = json.loads(json.dumps(REV0004.slots_to_json(slots)))
    assert REV0004.parse_hours(REV0004.dutch_hours(REV0004.slots_from_json(stored))) == slots


def test_an_older_bundle_is_read_by_the_revision_that_converted_the_same_text() -> None:
    # bundle_reading converts a version 2 or 3 bundle's text with `migrate.revision_module`: it
    # must be the revision's own script, the one a database's upgrade ran, not another revision.
    for revision, loaded in (("0003", REV0003), ("0004", REV0004)):
        module = migrate.revision_module(revision)
        assert module.revision == revision
        assert Path(module.__file__ or "").name == Path(loaded.__file__ or "").name
    text = "ma, wo en vr 9.00–12.30; za 10–12"
    assert migrate.revision_module("0004").parse_hours(text) == REV0004.parse_hours(text)
    assert migrate.revision_module("0003").normalise_languages(["Arabisch", "Nederlands"]) == (
        REV0003.normalise_languages(["Arabisch", "Nederlands"])
    )
