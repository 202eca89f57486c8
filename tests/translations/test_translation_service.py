"""The translation service: segments, overlay edits, checks, export/import, new languages, stats."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import stat
from pathlib import Path

import pytest

from opvoed_desktop.app import main as run
from opvoed_desktop.cli.commands.content import check as content_check
from opvoed_desktop.i18n.catalogs import load_content_catalog
from opvoed_desktop.i18n.po_checks import check_translation
from opvoed_desktop.services.translations import TranslationError, TranslationService

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "translations"
TITLE = "Vragen over opvoeden? Hier kunt u terecht"  # handout-ouders · title, a draft in every language


def shipped_states(lang: str) -> dict[str, int]:
    """Drafts and missing units of a shipped content catalog, read by babel (not by the code under test)."""
    from babel.messages.pofile import read_po

    with open(SHIPPED / lang / "LC_MESSAGES" / "content.po", "rb") as handle:
        catalog = read_po(handle)
    entries = [m for m in catalog if m.id]
    return {
        "draft": sum(1 for m in entries if m.string and m.fuzzy),
        "missing": sum(1 for m in entries if not m.string),
    }


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def service(tmp_path: Path) -> TranslationService:
    return TranslationService(SHIPPED, tmp_path / "overlay")


def test_segments_carry_source_translation_state_and_item(service: TranslationService) -> None:
    segments = {s.key: s for s in service.segments("ti", "content")}
    title = segments[TITLE]
    assert (title.item_id, title.role, title.state, title.handout) == ("handout-ouders", "title", "draft", "ouders")
    assert title.translation[0].startswith("ብዛዕባ")
    assert sum(1 for s in segments.values() if s.state == "missing") == shipped_states("ti")["missing"]
    progress = service.handout_progress("ti")
    assert (progress["handout-ouders"].total, progress["handout-ouders"].draft) == (45, 45)
    # Every unit of both hand-outs has a draft, in every language (issue 18).
    assert (progress["handout-deelnemers"].total, progress["handout-deelnemers"].draft) == (51, 51)


def test_edits_go_to_the_overlay_and_never_touch_shipped_files(service: TranslationService, tmp_path: Path) -> None:
    before = digest(SHIPPED)
    saved = service.save("ar", "content", TITLE, "نص جديد")
    assert (saved.state, saved.in_overlay, saved.translation) == ("draft", True, ("نص جديد",))
    service.mark_checked("ar", "content", TITLE, "Fatima")
    service.reset("ar", "content", TITLE)
    service.export_po("ar", "content")
    assert digest(SHIPPED) == before
    overlay = tmp_path / "overlay" / "ar" / "content.po"
    assert stat.S_IMODE(overlay.stat().st_mode) == 0o600
    # The hand-out renderer's reader sees the overlay at once.
    service.save("ar", "content", TITLE, "نص آخر")
    assert load_content_catalog("ar", SHIPPED, tmp_path / "overlay").lookup(TITLE) == ("نص آخر", "draft")


def test_mark_checked_keeps_name_and_date_and_drops_fuzzy(service: TranslationService, tmp_path: Path) -> None:
    service.save("ti", "content", TITLE, "ብዛዕባ ኣተዓባብያ ሕቶ ኣለኩም ድዩ?")  # a draft in the overlay first
    checked = service.mark_checked("ti", "content", TITLE, "Semhar, T.", on=dt.date(2026, 11, 24))
    assert checked.state == "checked"
    assert checked.checked_by == "Semhar T., 2026-11-24"
    text = (tmp_path / "overlay" / "ti" / "content.po").read_text(encoding="utf-8")
    entry = text[text.index("# checked-by:") :].split("\n\n")[0]
    assert "# checked-by: Semhar T., 2026-11-24" in entry
    assert "fuzzy" not in entry and f'msgid "{TITLE}"' in entry
    # An edit afterwards is a new draft: the check was for the old text.
    edited = service.save("ti", "content", TITLE, checked.translation[0] + " ።")
    assert (edited.state, edited.checked_by) == ("draft", "")


def test_reset_restores_the_shipped_text(service: TranslationService) -> None:
    shipped = service.segment("tr", "content", TITLE)
    service.save("tr", "content", TITLE, "Başka bir metin")
    back = service.reset("tr", "content", TITLE)
    assert (back.translation, back.state, back.in_overlay) == (shipped.translation, "draft", False)


def test_cannot_mark_missing_or_broken_text_checked(service: TranslationService) -> None:
    missing = next(s.key for s in service.segments("ti", "content") if s.state == "missing")
    with pytest.raises(TranslationError):
        service.mark_checked("ti", "content", missing, "Semhar")
    key = next(s.key for s in service.segments("ar", "content") if "{gemeente}" in s.key)
    service.save("ar", "content", key, "بلا متغير")
    with pytest.raises(TranslationError, match="plaatshouders"):
        service.mark_checked("ar", "content", key, "Fatima")


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("In {gemeente} op {datum}", "في {datum} في {gemeente}", []),
        ("In {gemeente} op {datum}", "في {gemeente}", ["error"]),
        ("Welkom in {gemeente}", "في {gemeente} {gemeente}", ["error"]),  # a multiset, not a set
        ("In {gemeente}", "في {gemente", ["error"]),
        ("Regel een\nregel twee", "سطر واحد", ["warning"]),
        ("**Vet** en gewoon", "**عريض و عادي", ["error"]),
        ("**Vet** en gewoon", "عريض و عادي", ["warning"]),
        ("Een korte zin hier.", "Een korte zin hier maar veel en veel langer dan de bron.", ["warning"]),
    ],
)
def test_checks_while_typing(source: str, text: str, expected: list[str]) -> None:
    assert [p.severity for p in check_translation(source, text)] == expected


def test_arabic_needs_all_six_plural_forms(service: TranslationService) -> None:
    segment = next(s for s in service.segments("ar", "ui") if s.is_plural and "{n} treffer" in s.msgid)
    assert len(segment.translation) == 6
    five = ["{n} نتيجة"] * 5 + [""]
    assert any("6 meervoudsvormen" in p.message for p in service.check("ar", segment, five))
    assert service.check("ar", segment, ["{n} نتيجة"] * 6) == []
    assert any(p.is_error for p in service.check("ar", segment, ["نتيجة"] * 6))


def test_export_import_round_trip(service: TranslationService, tmp_path: Path) -> None:
    service.save("ti", "content", TITLE, "ሓድሽ ኣርእስቲ")
    exported = service.export_po("ti", "content")
    assert b'"Language: ti\\n"' in exported and b"#. handout-ouders \xc2\xb7 title" in exported
    other = TranslationService(SHIPPED, tmp_path / "other-overlay")
    preview = other.preview_import("ti", "content", exported)
    assert [(c.key, c.old_state, c.new, c.new_state) for c in preview.changes] == [
        (TITLE, "draft", "ሓድሽ ኣርእስቲ", "draft")
    ]
    assert preview.unchanged == shipped_states("ti")["draft"] - 1
    assert other.apply_import(preview) == 1
    assert other.segment("ti", "content", TITLE).translation == ("ሓድሽ ኣርእስቲ",)
    assert other.export_po("ti", "content").split(b"\n\n")[1:] == exported.split(b"\n\n")[1:]


def _broken(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("change", "words", "line_marker"),
    [
        ((b'"Language: ti\\n"', b'"Language: am\\n"'), "'am'", '"Language: am'),
        ((b'msgstr "', b'msgstr "unterminated\nmsgstr "'), "afgesloten", 'msgstr "unterminated'),
        (("ሓድሽ ኣርእስቲ".encode(), "ሓድሽ {naam}".encode()), "plaatshouders", f'msgid "{TITLE}"'),
    ],
)
def test_bad_files_are_refused_with_line_number_and_nothing_written(
    service: TranslationService, tmp_path: Path, change: tuple[bytes, bytes], words: str, line_marker: str
) -> None:
    service.save("ti", "content", TITLE, "ሓድሽ ኣርእስቲ")
    exported = service.export_po("ti", "content")
    other = TranslationService(SHIPPED, tmp_path / "other-overlay")
    bad = _broken(exported, *change)
    with pytest.raises(TranslationError) as refused:
        other.preview_import("ti", "content", bad)
    message = str(refused.value)
    assert words in message and "niets" in message
    line = int(message.split("regel ")[1].split(":")[0])
    assert bad.decode().splitlines()[line - 1] == line_marker or bad.decode().splitlines()[line - 1].startswith(
        line_marker
    )
    assert not (tmp_path / "other-overlay").exists()


def test_add_a_language_babel_knows(service: TranslationService, tmp_path: Path) -> None:
    from babel.messages.plurals import get_plural

    facts, font = service.add_language("fa-AF")
    cldr = get_plural("fa_AF")  # a language we do not ship gets CLDR's plural rule, through babel
    assert (facts.code, facts.direction, facts.plural_count) == ("fa_AF", "rtl", cldr.num_plurals)
    assert font.script == "Arab" and font.ok
    header = (tmp_path / "overlay" / "fa_AF" / "content.po").read_text(encoding="utf-8")
    assert '"Language: fa_AF\\n"' in header and f"nplurals={cldr.num_plurals};" in header
    assert "fa_AF" in service.languages()
    rif, _font = service.add_language("rif")
    assert rif.native_name == "Tarifit"
    with pytest.raises(TranslationError):
        service.add_language("rif")
    with pytest.raises(TranslationError):
        service.add_language("xx-not-a-language")
    hindi = service.font_check("hi")
    assert not hindi.ok and "Noto Sans Devanagari" in hindi.message


def test_stats_command(tmp_path: Path) -> None:
    TranslationService(SHIPPED, tmp_path / "data" / "translations").mark_checked("ar", "content", TITLE, "Fatima")
    out, err = io.StringIO(), io.StringIO()
    assert run(["--data-dir", str(tmp_path / "data"), "translations", "stats", "--json"], out, err) == 0
    rows = {(r["lang"], r["domain"]): r for r in json.loads(out.getvalue())}
    shipped = shipped_states("ar")
    assert rows[("ar", "content")] == {
        "lang": "ar",
        "domain": "content",
        "total": 1517,  # the toolkit texts and the 14 fixed words of the printed documents
        "checked": 1,
        "draft": shipped["draft"] - 1,  # the title is checked in the overlay now
        "missing": shipped["missing"],
    }
    assert rows[("en", "content")]["draft"] == 1517
    assert rows[("ar", "ui")]["draft"] > 600 and rows[("ar", "ui")]["checked"] == 0  # drafted, not yet checked
    out = io.StringIO()
    assert run(["--data-dir", str(tmp_path / "data"), "translations", "stats"], out, err) == 0
    assert "ar      content     1517          1" in out.getvalue()


def test_content_check_catches_a_broken_catalog(library: object, tmp_path: Path) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(SHIPPED, copy)
    out, err = io.StringIO(), io.StringIO()
    assert content_check(library, out, err, copy) == 0  # type: ignore[arg-type]
    target = copy / "tr" / "LC_MESSAGES" / "content.po"
    lines = target.read_text(encoding="utf-8").splitlines()
    number = next(
        i
        for i, line in enumerate(lines)
        if line.startswith('msgstr "')
        and len(line) > 10
        and lines[i - 1].startswith('msgid "')
        and lines[i - 1] != 'msgid ""'
    )
    lines[number] = lines[number][:-1] + ' {stray}"'
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    assert content_check(library, out, err, copy) == 1  # type: ignore[arg-type]
    # `number` is the 0-based index of the msgstr, so the 1-based line of its msgid.
    assert err.getvalue().splitlines()[0].startswith(f"{target}:{number}: De plaatshouders")
