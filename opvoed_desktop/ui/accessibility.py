"""Small helpers that make a control usable without a mouse and without sight.

- `name`: what a screen reader says for a control that has no visible label of its own (a search
  field with only a placeholder, a spin box in a grid under a column header).
- `no_tab_trap`: item views move the current cell with Tab by default, so Tab never leaves a table;
  here Tab leaves, and the arrows move inside.
- `note_field`: in a note, Tab moves on to the next control (a tab character is never needed).
- `ltr`: phone numbers, postcodes, times and e-mail addresses keep their order in a right-to-left
  interface ("0182 588 000" must not become "000 588 0182").
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QLabel, QPlainTextEdit, QTextEdit, QWidget

LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate … pop directional isolate


def spoken(text: str) -> str:
    """A label as it is said: without its accelerator '&' and trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def name(widget: QWidget, text: str, description: str = "") -> None:
    widget.setAccessibleName(spoken(text))
    if description:
        widget.setAccessibleDescription(description)


def no_tab_trap(view: QAbstractItemView) -> None:
    view.setTabKeyNavigation(False)


def note_field(edit: QPlainTextEdit | QTextEdit) -> None:
    edit.setTabChangesFocus(True)


def ltr(text: str) -> str:
    """`text` as a left-to-right run inside any paragraph (idempotent)."""
    if not text or text.startswith(LRI):
        return text
    return f"{LRI}{text}{PDI}"


def name_form_fields(form: QFormLayout) -> None:
    """A form row labels its field widget; when that widget hands its focus to an inner control
    (a line edit with an error line under it), name the inner control with the row's label too."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or field is None or not label.text():
            continue
        inner = field.focusProxy()
        if inner is not None and not inner.accessibleName():
            name(inner, label.text())
