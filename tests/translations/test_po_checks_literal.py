"""Checks compare with the source: literal braces and asterisks that the source has are not mistakes."""

from __future__ import annotations

from opvoed_desktop.i18n.po_checks import ERROR, check_text


def errors(source: str, text: str) -> list[str]:
    return [p.sentence() for p in check_text(source, text) if p.is_error]


def test_file_filter_asterisks_as_in_the_source_are_fine() -> None:
    assert errors("PDF-bestanden (*.pdf)", "ملفات PDF (*.pdf)") == []
    assert errors("Vertalingen (*.po)", "Translations (*.po)") == []


def test_unbalanced_emphasis_not_in_the_source_is_an_error() -> None:
    assert errors("Dit is **vet**.", "This is **bold.")


def test_a_message_about_a_lone_brace_may_show_that_brace() -> None:
    assert errors("een accolade '{' of '}' staat alleen", "a brace '{' or '}' stands alone") == []
    assert errors("Hallo {naam}", "Hello {naam") and ERROR
