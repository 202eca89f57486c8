"""Hub addresses a person may type or paste (from an e-mail, with a typo): each one the app cannot use
is one sentence at the address field, never a crash; and nothing in the address may move the
connection to another server without TLS."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from opvoed_desktop.hub import connection
from opvoed_desktop.storage import Database
from opvoed_desktop.ui.hub.sync_dialog import HubDialog

UNUSABLE = [
    "postgresql://app@hub.example.org:abc/opvoed",  # a port that is no number
    "postgresql://app@[::1/opvoed",  # an unclosed IPv6 bracket
    "postgresql://app@hub.example.org:99999/opvoed",  # no such port
    "postgresql://app@hub.example.org/opvoed?foo=bar",  # an option libpq does not know
]

# libpq reads these from the query too, and they decide where it connects: with them, an address
# that names this computer (so TLS may be off) would send the notes to another server in plain text.
REDIRECTS = [
    "postgresql://app@localhost/opvoed?sslmode=disable&host=hub.example.org",
    "postgresql://app@localhost/opvoed?sslmode=disable&hostaddr=203.0.113.7",
    "postgresql://app@localhost/opvoed?sslmode=prefer&service=kantoor",
]


@pytest.mark.parametrize("text", UNUSABLE + REDIRECTS)
def test_an_address_the_app_cannot_use_is_a_sentence(text: str) -> None:
    with pytest.raises(connection.HubUrlError) as raised:
        connection.parse(text)
    assert str(raised.value)  # a sentence, not a code


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://app@hub.example.org/opvoed",
        "postgresql://app@hub.example.org:6432/opvoed?sslmode=verify-full&sslrootcert=/etc/ca.pem",
        "postgresql://app@localhost/opvoed?sslmode=disable&connect_timeout=5&application_name=x",
    ],
)
def test_ordinary_addresses_still_parse(text: str) -> None:
    address, _password = connection.parse(text)
    assert address.url.database == "opvoed"


@pytest.mark.parametrize("text", UNUSABLE + REDIRECTS)
def test_the_dialog_says_it_at_the_field(qtbot: QtBot, laptops: tuple[Database, Database], text: str) -> None:
    a, _b = laptops
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(text)
    dialog.sync_button.click()  # an exception here fails the test
    assert dialog.url_error.isVisibleTo(dialog) and dialog.url_error.text()
    assert not dialog.running()
    assert dialog.sync_button.isEnabled()
