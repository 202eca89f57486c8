from __future__ import annotations

from opvoed_desktop.content import Library
from opvoed_desktop.content.html import FIRST_HIT, MARK_STYLE, Renderer
from opvoed_desktop.content.search import SearchIndex, find_ranges, fold, terms_of


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Officiële BEZOEKER") == "officiele bezoeker"


def test_find_ranges_map_back_to_the_original_text() -> None:
    text = "De officiële bezoeker en de Officiele gast"
    ranges = find_ranges(text, terms_of("officiele"))
    assert [text[a:b] for a, b in ranges] == ["officiële", "Officiele"]


def test_search_finds_exercise_by_word_in_a_step(library: Library) -> None:
    hits = SearchIndex(library).search("plakbriefjes")
    assert "oefening-b" in [h.item_id for h in hits]


def test_all_words_must_match(library: Library) -> None:
    index = SearchIndex(library)
    both = {h.item_id for h in index.search("regievoerder gastheer")}
    assert "rollen-gemeente" in both
    assert index.search("regievoerder qqqzzz") == []


def test_title_hits_rank_first(library: Library) -> None:
    hits = SearchIndex(library).search("kracht van de ander")
    assert hits[0].item_id == "oefening-b"


def test_snippet_contains_the_word(library: Library) -> None:
    for hit in SearchIndex(library).search("sleutelfiguur")[:5]:
        assert "sleutelfiguur" in fold(hit.snippet)


def test_empty_query_returns_nothing(library: Library) -> None:
    assert SearchIndex(library).search("   ") == []


def test_renderer_highlights_hits_and_anchors_the_first(library: Library) -> None:
    item = library.get("beeld-dat-blokkeert")
    assert item is not None
    page = Renderer(library, "folder").item(item)
    assert MARK_STYLE in page
    assert f'name="{FIRST_HIT}"' in page
    assert page.count(f'name="{FIRST_HIT}"') == 1


def test_renderer_escapes_markup_in_text(library: Library) -> None:
    html = Renderer(library).text("a <b>vet</b> & **echt vet**")
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; <b>echt vet</b>" in html


def test_exercise_card_shows_facts_steps_screens_and_tips(library: Library) -> None:
    ex = library.get("oefening-f")
    assert ex is not None
    page = Renderer(library).item(ex)
    for label in (
        "Duur",
        "Groepsvorm",
        "Materiaal",
        "Doel",
        "Voorbereiding",
        "Op het scherm",
        "Tip voor de begeleider",
    ):
        assert label in page
    assert "afspraken: wat, wie, wanneer" in page
    assert page.count("Op het scherm") == len(ex.steps)  # type: ignore[attr-defined]
