"""The translation editor (pytest-qt, offscreen): edit, check, filter, Ctrl+Enter, RTL, export/import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.handouts import HandoutService
from opvoed_desktop.services.translations import ImportPreview, TranslationService
from opvoed_desktop.ui.translation_dialogs import ImportPreviewDialog
from opvoed_desktop.ui.translation_editor import TranslationEditor

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "translations"
TITLE = "Vragen over opvoeden? Hier kunt u terecht"


def make_editor(qtbot: QtBot, overlay: Path, library: Library, lang: str = "ti") -> TranslationEditor:
    service = TranslationService(SHIPPED, overlay)
    editor = TranslationEditor(service, lambda: HandoutService(library, SHIPPED, overlay))
    qtbot.addWidget(editor)
    editor.ask_checker_name = lambda: "Semhar"
    editor.resize(1300, 800)
    editor.show()
    editor.set_language(lang)
    editor.scope_box.setCurrentIndex(editor.scope_box.findData("handout-ouders"))
    return editor


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path, library: Library) -> TranslationEditor:
    return make_editor(qtbot, tmp_path / "overlay", library)


def visible_keys(editor: TranslationEditor) -> list[str]:
    return [editor.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1).key for row in range(editor.proxy.rowCount())]


def test_typing_is_autosaved_to_the_overlay_as_draft(qtbot: QtBot, editor: TranslationEditor, tmp_path: Path) -> None:
    assert editor.select_key(TITLE)
    box = editor.forms[0]
    box.setFocus()
    box.selectAll()
    box.insertPlainText("ሓድሽ ኣርእስቲ")  # QTest.keyClicks aborts on non-Latin-1 text
    overlay = tmp_path / "overlay" / "ti" / "content.po"
    qtbot.waitUntil(overlay.is_file, timeout=3000)  # debounced autosave, no button
    assert 'msgstr "ሓድሽ ኣርእስቲ"' in overlay.read_text(encoding="utf-8")
    row = editor.model.segments[[s.key for s in editor.model.segments].index(TITLE)]
    assert (row.state, row.in_overlay) == ("draft", True)
    assert editor.reset_button.isEnabled()
    editor.reset_button.click()
    assert editor.forms[0].toPlainText().startswith("ብዛዕባ")
    assert 'msgstr "ሓድሽ' not in overlay.read_text(encoding="utf-8")


def test_checks_are_shown_while_typing(editor: TranslationEditor) -> None:
    editor.select_key(TITLE)
    editor.forms[0].setPlainText("ሕቶ {gemeente}")
    assert "plaatshouders" in editor.checks.text() and "te veel: {gemeente}" in editor.checks.text()
    editor.forms[0].setPlainText("ሕቶ")
    assert "Geen problemen" in editor.checks.text()


def test_ctrl_enter_marks_checked_and_goes_to_next_unfinished(editor: TranslationEditor, tmp_path: Path) -> None:
    keys = visible_keys(editor)
    editor.select_key(keys[0])
    editor.service.mark_checked("ti", "content", keys[1], "Iemand")  # already checked: to be skipped
    editor._reload()
    editor.select_key(keys[0])
    QTest.keyClick(editor.forms[0], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.current is not None and editor.current.key == keys[2]
    first = editor.service.segment("ti", "content", keys[0])
    assert (first.state, first.checked_by.split(",")[0]) == ("checked", "Semhar")
    text = (tmp_path / "overlay" / "ti" / "content.po").read_text(encoding="utf-8")
    assert "# checked-by: Semhar, " in text


def test_filter_by_state_and_search_in_both_columns(editor: TranslationEditor) -> None:
    assert len(visible_keys(editor)) == 45
    editor.select_key(TITLE)
    editor.check_and_next()
    editor.state_box.setCurrentIndex(editor.state_box.findData("checked"))
    assert visible_keys(editor) == [TITLE]
    editor.state_box.setCurrentIndex(editor.state_box.findData("unfinished"))
    assert TITLE not in visible_keys(editor) and len(visible_keys(editor)) == 44
    editor.state_box.setCurrentIndex(editor.state_box.findData("all"))
    editor.search.setText("wijkteam")  # Dutch column
    dutch = visible_keys(editor)
    assert dutch and all(
        "wijkteam" in k.lower() or "wijkteam" in editor.service.segment("ti", "content", k).text for k in dutch
    )
    editor.search.setText("ኣተዓባብያ")  # Tigrinya column only
    assert TITLE in visible_keys(editor)


def test_editor_direction_follows_the_language(qtbot: QtBot, tmp_path: Path, library: Library) -> None:
    arabic = make_editor(qtbot, tmp_path / "overlay", library, "ar")
    arabic.select_key(TITLE)
    assert arabic.forms[0].layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.forms[0].document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.source_view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    arabic.set_language("tr")
    arabic.select_key(TITLE)
    assert arabic.forms[0].layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_live_preview_renders_the_handout_after_typing(qtbot: QtBot, editor: TranslationEditor) -> None:
    editor.select_key(TITLE)
    qtbot.waitUntil(lambda: editor.preview.renders >= 1, timeout=5000)
    before = editor.preview.renders
    editor.forms[0].setPlainText("ሓድሽ")
    editor.forms[0].setPlainText("ሓድሽ ኣርእስቲ")
    qtbot.waitUntil(lambda: editor.preview.renders == before + 1, timeout=5000)  # debounced: one render
    assert "Hand-out voor ouders" in editor.preview.caption.text()
    assert not editor.preview.image.pixmap().isNull()


def test_export_import_round_trip(qtbot: QtBot, editor: TranslationEditor, tmp_path: Path, library: Library) -> None:
    editor.select_key(TITLE)
    editor.forms[0].setPlainText("ሓድሽ ኣርእስቲ")
    target = tmp_path / "shared.po"
    editor.ask_save_path = lambda name: str(target)
    editor.export_button.click()
    assert target.is_file() and "ሓድሽ ኣርእስቲ" in target.read_text(encoding="utf-8")

    other = make_editor(qtbot, tmp_path / "other", library)
    shown: list[ImportPreviewDialog] = []

    def confirm(preview: ImportPreview) -> bool:
        shown.append(ImportPreviewDialog(preview, "ትግርኛ", other))
        return True

    other.ask_open_path = lambda: str(target)
    other.confirm_import = confirm
    other.import_button.click()
    table = shown[0].table
    assert table.rowCount() == 1 and table.item(0, 2).text() == "ሓድሽ ኣርእስቲ"
    assert other.service.segment("ti", "content", TITLE).translation == ("ሓድሽ ኣርእስቲ",)
    assert "1 tekst ingelezen" in other.message.text()  # a plural form, not "1 teksten"


def test_a_bad_file_is_refused_with_a_sentence(editor: TranslationEditor, tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Language: ti\\n"\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    editor.ask_open_path = lambda: str(bad)
    editor.confirm_import = lambda preview: pytest.fail("a refused file must not reach the preview")
    editor.import_button.click()
    assert editor.message.isVisible()
    assert editor.message.text().startswith("bad.po: Niet ingelezen, er is niets veranderd: regel 6:")
    assert not (tmp_path / "overlay").exists()
