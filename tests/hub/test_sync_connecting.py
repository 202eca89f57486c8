"""Connecting to the hub does not freeze the window: a hub that takes its time (or never answers)
is waited for on the sync's thread, with "Stoppen" at hand, and its failure is said at the address."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from opvoed_desktop.hub import connection
from opvoed_desktop.hub.identity import stored_url
from opvoed_desktop.storage import Database
from opvoed_desktop.ui.hub.sync_dialog import HubDialog


@contextlib.contextmanager
def _silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word (a hung server, a black-holing firewall)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield int(server.getsockname()[1])
    finally:
        server.close()
        for conn in held:
            conn.close()


def test_a_hub_that_does_not_answer_leaves_the_window_usable(
    qtbot: QtBot, laptops: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "CONNECT_TIMEOUT_S", 3)
    a, _b = laptops
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    with _silent_server() as port:
        dialog.url.setText(f"postgresql://app@127.0.0.1:{port}/opvoed?sslmode=disable")
        started = time.monotonic()
        dialog.sync_button.click()
        assert time.monotonic() - started < 1.0, "the window waited for the hub"
        assert dialog.running()
        assert dialog.stop_button.isEnabled()
        assert not dialog.sync_button.isEnabled()  # no second sync on top of this one
        qtbot.waitUntil(lambda: not dialog.running(), timeout=15_000)
    assert dialog.url_error.isVisibleTo(dialog)
    assert "niet bereikbaar" in dialog.url_error.text()
    assert dialog.sync_button.isEnabled()
    assert stored_url(a) is None  # an address that did not work is not remembered


def test_stopping_while_connecting_says_stopped(
    qtbot: QtBot, laptops: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "CONNECT_TIMEOUT_S", 3)
    a, _b = laptops
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    with _silent_server() as port:
        dialog.url.setText(f"postgresql://app@127.0.0.1:{port}/opvoed?sslmode=disable")
        dialog.sync_button.click()
        dialog.stop_button.click()
        qtbot.waitUntil(lambda: not dialog.running(), timeout=15_000)
    assert "Gestopt" in dialog.phase.text()
    assert not dialog.url_error.isVisibleTo(dialog)
    assert stored_url(a) is None


def test_a_connected_hub_is_remembered(
    qtbot: QtBot, hub: object, hub_url: str, laptops: tuple[Database, Database]
) -> None:
    a, _b = laptops
    dialog = HubDialog(a)
    qtbot.addWidget(dialog)
    dialog.url.setText(hub_url)
    dialog.name.setText("Laptop Fatima")
    with qtbot.waitSignal(dialog.synced, timeout=60_000):
        dialog.sync_button.click()
    assert stored_url(a) is not None and "127.0.0.1" in stored_url(a)  # type: ignore[operator]
    assert not dialog.url_error.isVisibleTo(dialog)
