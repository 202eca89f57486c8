"""What an import says before and after it runs (storage/merge_result.py): the person decides from
these sentences whether to let a bundle delete meetings here, so each count, plural, title and
meeting must be the right one, and a row's text never appears in them."""

from __future__ import annotations

from datetime import datetime

import pytest

from opvoed_desktop.i18n import Translator
from opvoed_desktop.i18n.translator import speaking, ui_languages
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.storage.merge_result import BUNDLE, LOCAL, Conflict, MergeResult

EARLIER, LATER = datetime(2026, 3, 1, 19, 0), datetime(2026, 3, 2, 20, 0)


def _conflict(winner: str = LOCAL, deleted_on: str | None = None, kind: str = "notes") -> Conflict:
    return Conflict(
        kind=kind,
        record_id="0123456789abcdef",
        meeting_id="m1",
        meeting_title="Ouderavond Gouda",
        winner=winner,
        local_updated_at=LATER,
        bundle_updated_at=EARLIER,
        deleted_on=deleted_on,
    )


def test_a_conflict_says_which_version_was_kept_and_where() -> None:
    both_local = _conflict(LOCAL).describe()
    both_bundle = _conflict(BUNDLE).describe()
    lead = "Notitie 01234567 van \u201cOuderavond Gouda\u201d: "
    assert both_local == lead + "beide gewijzigd, de nieuwere van deze computer is bewaard."
    assert both_bundle == lead + "beide gewijzigd, de nieuwere uit de bundel is bewaard."
    assert _conflict(LOCAL, deleted_on=BUNDLE).describe() == (
        lead + "elders verwijderd maar hier later gewijzigd, en daarom bewaard."
    )
    assert _conflict(BUNDLE, deleted_on=LOCAL, kind="agreements").describe() == (
        "Afspraak 01234567 van \u201cOuderavond Gouda\u201d: hier verwijderd maar in de bundel later gewijzigd, "
        "en daarom teruggezet."
    )
    assert _conflict(kind="iets-nieuws").describe().startswith("iets-nieuws 01234567 van")


def test_only_deletions_or_tombstones_still_change_something() -> None:
    """A bundle that only deletes is a change: the backup before it (the undo) must be taken."""
    assert not MergeResult().changes_anything
    assert not MergeResult(unchanged=4, meetings=2, not_restored=3).changes_anything
    assert MergeResult(added={"note": 1}).changes_anything
    assert MergeResult(updated={"note": 1}).changes_anything
    assert MergeResult(deleted={"note": 1}).changes_anything
    assert MergeResult(tombstones=1).changes_anything


def test_the_plan_names_added_changed_and_deleted_meetings_by_title_in_order() -> None:
    result = MergeResult(
        added={"meeting": 2, "notes": 3},
        added_meetings=["Zomeravond", "Avond in april"],
        updated={"notes": 2, "wishes": 1},
        changed_meetings=["Winteravond"],
        deleted={"meeting": 1, "notes": 4},
        deleted_meetings=["Oude avond"],
    )
    assert result.describe_plan() == [
        "Toevoegen: 2 bijeenkomsten: \u201cAvond in april\u201d, \u201cZomeravond\u201d; 3 rijen.",
        "Wijzigen: 3 rijen in \u201cWinteravond\u201d.",
        "Verwijderen: 1 bijeenkomst met alles erin: \u201cOude avond\u201d; 4 andere rijen.",
    ]


def test_one_of_each_is_said_in_the_singular() -> None:
    result = MergeResult(
        added={"meeting": 1, "notes": 1},
        added_meetings=["Avond"],
        updated={"notes": 1},
        changed_meetings=["Avond"],
        deleted={"meeting": 2, "notes": 1},
        deleted_meetings=["Eerste", "Tweede"],
    )
    assert result.describe_adding() == "Toevoegen: 1 bijeenkomst: \u201cAvond\u201d; 1 rij."
    assert result.describe_changing() == "Wijzigen: 1 rij in \u201cAvond\u201d."
    assert result.describe_deleting() == (
        "Verwijderen: 2 bijeenkomsten met alles erin: \u201cEerste\u201d, \u201cTweede\u201d; 1 andere rij."
    )


def test_rows_without_meetings_are_counted_without_titles() -> None:
    result = MergeResult(added={"notes": 2}, deleted={"wishes": 1})
    assert result.describe_plan() == ["Toevoegen: 2 rijen.", "Verwijderen: 1 andere rij."]
    assert MergeResult(added={"meeting": 1}, added_meetings=["A"]).describe_adding() == (
        "Toevoegen: 1 bijeenkomst: \u201cA\u201d."
    )
    assert MergeResult(deleted={"meeting": 1}, deleted_meetings=["A"]).describe_deleting() == (
        "Verwijderen: 1 bijeenkomst met alles erin: \u201cA\u201d."
    )


def test_nothing_to_do_says_nothing() -> None:
    result = MergeResult(unchanged=7, meetings=3)
    assert result.describe_plan() == []
    assert (result.describe_adding(), result.describe_changing(), result.describe_deleting()) == ("", "", "")
    assert result.describe_deletions() == ""


def test_many_titles_are_cut_after_twenty_with_how_many_more() -> None:
    titles = [f"Avond {n:02d}" for n in range(25, 0, -1)]
    result = MergeResult(deleted={"meeting": 25}, deleted_meetings=titles)
    line = result.describe_deleting()
    shown = [f"\u201cAvond {n:02d}\u201d" for n in range(1, 21)]
    assert line == "Verwijderen: 25 bijeenkomsten met alles erin: " + ", ".join(shown) + " en 5 andere."
    exactly = MergeResult(deleted={"meeting": 20}, deleted_meetings=titles[5:])
    assert "andere" not in exactly.describe_deleting() and "Avond 20" in exactly.describe_deleting()


def test_titles_are_set_apart_for_right_to_left_screens_only_when_asked() -> None:
    result = MergeResult(
        added={"meeting": 1},
        added_meetings=["لقاء الأهل"],
        updated={"notes": 1},
        changed_meetings=["Avond"],
        deleted={"meeting": 1},
        deleted_meetings=["Oud"],
    )
    isolated = result.describe_plan(isolated=True)
    assert isolated == [
        "Toevoegen: 1 bijeenkomst: \u201c\u2068لقاء الأهل\u2069\u201d.",
        "Wijzigen: 1 rij in \u201c\u2068Avond\u2069\u201d.",
        "Verwijderen: 1 bijeenkomst met alles erin: \u201c\u2068Oud\u2069\u201d.",
    ]
    assert not any("\u2068" in line for line in result.describe_plan())


@pytest.mark.parametrize(
    ("deleted", "kept", "sentence"),
    [
        (1, 0, "1 rij verwijderd omdat die elders is gewist, 0 gewiste rijen niet teruggezet."),
        (0, 1, "0 rijen verwijderd omdat ze elders zijn gewist, 1 gewiste rij niet teruggezet."),
        (3, 2, "3 rijen verwijderd omdat ze elders zijn gewist, 2 gewiste rijen niet teruggezet."),
    ],
)
def test_deletions_are_one_sentence_with_both_counts(deleted: int, kept: int, sentence: str) -> None:
    result = MergeResult(deleted={"notes": deleted} if deleted else {}, not_restored=kept)
    assert result.describe_deletions() == sentence


def test_the_counts_each_take_their_own_plural() -> None:
    one = MergeResult(added={"notes": 1}, updated={"wishes": 1}, unchanged=1, conflicts=[_conflict()])
    assert one.describe_counts() == "1 nieuw, 1 bijgewerkt, 1 al aanwezig, 1 conflict."
    many = MergeResult(
        added={"notes": 2, "meeting": 1}, updated={"wishes": 2}, unchanged=0, conflicts=[_conflict(), _conflict(BUNDLE)]
    )
    assert many.describe_counts() == "3 nieuw, 2 bijgewerkt, 0 al aanwezig, 2 conflicten."


@pytest.mark.parametrize("lang", ui_languages(translations_dir())[1:])
def test_the_counts_are_said_in_every_interface_language(lang: str) -> None:
    """The import's summary in a translated interface: every count in it, each with its own number."""
    result = MergeResult(added={"notes": 3}, updated={"wishes": 2}, unchanged=7, conflicts=[_conflict()] * 5)
    with speaking(Translator.load(lang, translations_dir())):
        line = result.describe_counts()
    assert [n for n in ("3", "2", "7", "5") if n in line] == ["3", "2", "7", "5"]
    assert "nieuw" not in line or lang == "nl"  # translated, not the Dutch source
