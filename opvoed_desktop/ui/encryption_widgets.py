"""The parts the encryption dialogs share: a sentence at a field, wrapping labels, a dialog that grows
with its sentences, one page at a time, password fields, and a new passphrase typed twice with its
strength shown while typing.

The dialogs themselves are unlock_dialog.py (at start), encrypt_dialog.py (turning it on) and
encryption.py (the menu, changing the passphrase, turning it off).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.errors import StorageError


def sentence_label() -> QLabel:
    """Where a plain sentence about the field above appears (red, wraps, empty when all is well)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(_("Melding"))
    return label


def say(label: QLabel, text: str) -> None:
    """Show a sentence in a wrapping label and let the dialog grow to it: a dialog's layout does
    not follow a wrapped label's height when its text changes later (two lines would overlap the
    buttons below)."""
    label.setText(text)
    width = label.width() if label.isVisible() and label.width() > 50 else label.minimumWidth() or 400
    label.setMinimumHeight(label.heightForWidth(width) if text else 0)
    # Each nested layout learns the new minimum only when activated, innermost first.
    widget = label.parentWidget()
    while widget is not None:
        if widget.layout() is not None:
            widget.layout().activate()
        widget = widget.parentWidget()
    label.window().adjustSize()


def wrapping(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def fit(dialog: QDialog, layout: QVBoxLayout) -> None:
    """Wide enough for sentences, and growing with them: wrapped labels (a sentence appearing at
    a field, 40% longer translations) never squeeze the fields."""
    # On the children: the size constraint makes the dialog's own minimum the layout's.
    width = max(480, dialog.fontMetrics().averageCharWidth() * 80)
    for index in range(layout.count()):
        child = layout.itemAt(index).widget()
        if child is not None:
            child.setMinimumWidth(width)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)


class Pages(QWidget):
    """One page at a time. Not a QStackedWidget: that one hides its pages' height-for-width, so
    wrapped sentences would overlap the fields below them."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = 0

    def addWidget(self, page: QWidget) -> None:
        page.setVisible(not self._pages)
        self._pages.append(page)
        self._layout.addWidget(page)

    def currentIndex(self) -> int:
        return self._current

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for n, page in enumerate(self._pages):
            page.setVisible(n == index)
        window = self.window()
        window.adjustSize()


def password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(placeholder)
    return field


class NewPassphrase(QWidget):
    """A new passphrase typed twice, with its strength shown while typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.first = password_field(_("Nieuw wachtwoord"))
        self.second = password_field(_("Nieuw wachtwoord nog een keer"))
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        hint = wrapping(
            _(
                "Een paar losse woorden die samen een zin vormen, zijn sterk en goed te onthouden "
                "(minstens {n} tekens)."
            ).format(n=crypto.MIN_PASSPHRASE)
        )
        self.error = sentence_label()
        for widget in (hint, self.first, self.strength, self.second, self.error):
            layout.addWidget(widget)
        self.first.textChanged.connect(self._show_strength)
        self._show_strength("")

    def _show_strength(self, text: str) -> None:
        score = crypto.strength(text)
        self.strength.setText(_("Sterkte: {label}").format(label=crypto.strength_label(score)))
        if self.error.text():
            say(self.error, "")

    def value(self) -> str | None:
        """The passphrase, or None with a sentence at the field."""
        first, second = self.first.text(), self.second.text()
        try:
            crypto.check_passphrase(first)
        except StorageError as exc:
            say(self.error, str(exc))
            self.first.setFocus()
            return None
        if first != second:
            say(self.error, _("De twee wachtwoorden zijn niet gelijk; typ ze nog eens."))
            self.second.setFocus()
            return None
        return first
