"""The audience screen's language: the meeting's content language, independent of the interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from opvoed_desktop.content import Library
from opvoed_desktop.i18n import Translator, speaking
from opvoed_desktop.i18n.catalogs import clear_cache
from opvoed_desktop.paths import translations_dir
from opvoed_desktop.services.presenting import ManualClock, Presentation, build_show, load_room_language
from opvoed_desktop.services.presenting.room_language import is_room_language, room_languages
from tests.presenting.conftest import MARKER
from tests.presenting.test_presenting_core import AGENDA

# Translations of the room's texts, one of them a draft, one missing ("Tweede scherm"); the
# private instruction and tip are translated too, so a leak would show in the room's language.
CATALOG = f"""
msgid ""
msgstr ""
"Language: ar\\n"

msgid "Welkom"
msgstr "أهلاً"

#, fuzzy
msgid "Fijn dat je er bent"
msgstr "يسعدنا حضورك"

msgid "Wat wil je vandaag leren?"
msgstr "ماذا تريد أن تتعلم اليوم؟"

msgid "In tweetallen"
msgstr "في أزواج"

msgid "Eerste scherm"
msgstr "الشاشة الأولى"

msgid "een punt"
msgstr "نقطة"

msgid "Vertel wat we gaan doen. {MARKER}-instructie"
msgstr "قل ما سنفعله {MARKER}-instructie-ar"

msgid "Begin op tijd. {MARKER}-tip"
msgstr "ابدأ في الوقت {MARKER}-tip-ar"
"""

UI_CATALOG = """
msgid ""
msgstr ""
"Language: ar\\n"

msgid "Pauze"
msgstr "استراحة"

msgid "{n} minuten"
msgstr "{n} دقيقة"
"""


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    folder = tmp_path / "translations" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "content.po").write_text(CATALOG, encoding="utf-8")
    (folder / "ui.po").write_text(UI_CATALOG, encoding="utf-8")
    clear_cache()
    return tmp_path / "translations"


def test_dutch_is_free_and_unchanged(small_library: Library) -> None:
    room = load_room_language("nl", Path("/nonexistent"))
    slide = build_show(AGENDA, small_library).slides[1].audience
    assert room.is_source and room.slide(slide) is slide and not room.rtl


def test_slides_are_translated_unit_by_unit_with_dutch_fallback(small_library: Library, translations: Path) -> None:
    room = load_room_language("ar", translations)
    assert room.rtl
    slides = [s.audience for s in build_show(AGENDA, small_library).slides]
    welcome = room.translate(slides[1])
    assert welcome.slide.title == "أهلاً" and welcome.slide.question == "ماذا تريد أن تتعلم اليوم؟"
    assert [line.text for line in welcome.slide.lines] == ["يسعدنا حضورك"]
    assert welcome.slide.lines[0].bullet and welcome.draft and not welcome.dutch  # a draft is shown as is
    pause = room.translate(slides[3])
    assert (pause.slide.title, pause.slide.lines[0].text) == ("استراحة", "15 دقيقة")
    second = room.translate(slides[5])
    assert second.slide.title == "Tweede scherm" and second.dutch  # falls back per unit
    assert room.translate(slides[0]).slide.title == "أهلاً"  # agenda titles are looked up too
    assert room.slide(slides[1]) is room.slide(slides[1])  # memoised: no work on the key path


def test_room_phrases_ignore_the_interface_language(small_library: Library, translations: Path) -> None:
    with speaking(Translator.load("ar", translations)):  # the interface in Arabic …
        show = build_show(AGENDA, small_library)
        assert show.slides[3].audience.title == "Pauze"  # … the show itself stays Dutch …
        p = Presentation(show, ManualClock())
        p.start(3)
        assert p.audience().title == "Pauze"  # … and so does the room, until its language is chosen
        p.set_room(load_room_language("ar", translations))
        assert p.audience().title == "استراحة"


def test_translated_room_never_receives_private_text(small_library: Library, translations: Path) -> None:
    p = Presentation(build_show(AGENDA, small_library), ManualClock())
    p.set_room(load_room_language("ar", translations))
    p.start()
    seen = []
    for _ in p.show.slides:
        slide = p.audience()
        assert slide is not None
        seen.append(repr(slide))
        p.next()
    p.end()
    seen.append(repr(p.audience()))
    assert any("أهلاً" in s for s in seen)
    assert not [s for s in seen if MARKER in s]


def test_room_state_for_the_console(small_library: Library, translations: Path) -> None:
    p = Presentation(build_show(AGENDA, small_library), ManualClock())
    p.start(1)
    assert p.room_state() is not None and not p.room_state().draft  # type: ignore[union-attr]
    p.set_room(load_room_language("ar", translations))
    assert p.room_state().draft  # type: ignore[union-attr]
    p.go(5)
    assert p.room_state().dutch  # type: ignore[union-attr]


def test_room_languages_are_those_with_a_content_catalog(tmp_path: Path) -> None:
    named = dict(room_languages(translations_dir()))
    assert named["nl"] == "Nederlands" and named["en"] == "English" and named["ar"] == "العربية"
    overlay = tmp_path / "overlay"
    (overlay / "rif").mkdir(parents=True)
    (overlay / "rif" / "content.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert "rif" in dict(room_languages(translations_dir(), overlay))
    assert is_room_language("en", translations_dir()) and not is_room_language("xx", translations_dir())
    assert is_room_language("rif", translations_dir(), overlay)


def test_english_content_is_all_there(library: Library) -> None:
    """English has every content unit drafted: a whole programme shows in English."""
    from opvoed_desktop.services.presenting import AgendaPlan

    room = load_room_language("en", translations_dir())
    plan = AgendaPlan.from_programme(library.get("programma-dagdeel"), library)  # type: ignore[arg-type]
    content = [s.audience for s in build_show(plan.items, library).slides if s.audience.style == "content"]
    translated = [room.translate(slide) for slide in content]
    assert content and not [t for t in translated if t.dutch]
    assert all(t.draft for t in translated)


def test_present_refuses_a_screen_language_without_content(tmp_path: Path) -> None:
    from tests.test_cli import call

    code, _out, err = call(
        "--data-dir", str(tmp_path), "present", "--programme", "programma-dagdeel", "--screen-lang", "xx"
    )
    assert code != 0
    assert "Voor de taal 'xx' is er geen vertaling van de inhoud" in err and "en, " in err
