"""The console's labels put the toolkit's titles in bidi isolates: in an Arabic interface
("الخطوة 1: …") a Dutch title keeps its own direction, its "?" at its end."""

from __future__ import annotations

from opvoed_desktop.content.model import Exercise, Library
from opvoed_desktop.services.presenting import build_show
from tests.presenting.conftest import small_library  # noqa: F401 (fixture)
from tests.presenting.test_presenting_core import AGENDA


def test_step_and_screen_titles_are_isolated(small_library: Library) -> None:  # noqa: F811
    show = build_show(AGENDA, small_library)
    captioned = [s for s in show.slides if s.caption]
    assert captioned, "the agenda needs an exercise with steps or a background page with screens"
    for slide in captioned:
        item = show.items[slide.item_index]
        target = small_library.get(item.ref) if item.ref else None
        titles = (
            [step.title for step in target.steps] if isinstance(target, Exercise) else [p.title for p in target.screens]  # type: ignore[union-attr]
        )
        assert any(f"\u2068{t}\u2069" in slide.caption for t in titles), slide.caption
        assert f"\u2068{item.title}\u2069" in slide.label, slide.label
