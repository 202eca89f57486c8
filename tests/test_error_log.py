"""Errors leave a trace: the log file, its limits and privacy, the hooks, and the CLI's one sentence."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from opvoed_desktop.errorlog import BACKUPS, LOG_NAME, MAX_BYTES, ErrorLog, safe_traceback

SECRET = "Moeder van Yusuf vertelde over de schulden van het gezin"


def provoke(message: str) -> BaseException:
    def inner() -> None:
        try:
            {}["sleutel"]
        except KeyError as exc:
            raise RuntimeError(message) from exc

    try:
        inner()
    except RuntimeError as exc:
        return exc
    raise AssertionError("no error raised")


def test_nothing_is_written_until_something_goes_wrong(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "logs")
    log.attach()
    log.detach()
    assert not (tmp_path / "logs").exists() and log.log_file() is None


def test_an_error_is_logged_privately_with_its_code_but_never_its_message(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "logs")
    details = log.unexpected(provoke(SECRET), "test")
    log.detach()
    text = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError" in text and "KeyError" in text and "in inner" in text and "unexpected error in test" in text
    assert SECRET not in text and "sleutel" not in text.replace('{}["sleutel"]', "")  # the code line may show
    assert SECRET not in details and "RuntimeError" in details
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "logs" / LOG_NAME).stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "logs").stat().st_mode) == 0o700


def test_an_os_error_keeps_its_code_and_drops_its_path() -> None:
    error = OSError(28, "No space left on device", "/home/fatima/notities.txt")
    try:
        raise error
    except OSError as exc:
        text = safe_traceback(exc)
    assert "ENOSPC" in text and "fatima" not in text


def test_the_log_is_bounded(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "logs")
    for _ in range(3000):
        log.unexpected(provoke("x"))
    log.detach()
    files = sorted((tmp_path / "logs").iterdir())
    assert len(files) == BACKUPS + 1
    assert all(f.stat().st_size <= MAX_BYTES for f in files)
    if os.name == "posix":
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}


def test_a_wider_old_log_file_is_narrowed(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / LOG_NAME).write_text("old\n")
    os.chmod(folder / LOG_NAME, 0o644)
    log = ErrorLog(folder)
    log.unexpected(provoke("x"))
    log.detach()
    if os.name == "posix":
        assert stat.S_IMODE((folder / LOG_NAME).stat().st_mode) == 0o600


def test_hooks_catch_errors_of_the_main_flow_and_of_other_threads(tmp_path: Path) -> None:
    log = ErrorLog(tmp_path / "logs")
    reported: list[tuple[str, str]] = []
    before = (sys.excepthook, threading.excepthook)
    log.install_hooks(lambda exc, details: reported.append((type(exc).__name__, details)))
    try:
        worker = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError(SECRET)), name="achtergrond")
        worker.start()
        worker.join()
        error = provoke(SECRET)
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        log.uninstall_hooks()
        log.detach()
    assert (sys.excepthook, threading.excepthook) == before
    assert [name for name, _details in reported] == ["ValueError", "RuntimeError"]
    text = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "in thread achtergrond" in text and "ValueError" in text and SECRET not in text


PROVOKE_IN_CLI = """
import sys
import opvoed_desktop.cli.commands.content as content_cli

def broken(*args, **kwargs):
    raise RuntimeError(sys.argv[1])

content_cli.run = broken
from opvoed_desktop.__main__ import main
sys.exit(main(["--data-dir", sys.argv[2], "content", "check"]))
"""


def test_the_cli_says_one_sentence_with_the_log_path_and_exits_non_zero(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", PROVOKE_IN_CLI, SECRET, str(data)], capture_output=True, text=True, timeout=120
    )
    log = data / "logs" / LOG_NAME
    assert result.returncode == 70
    assert result.stderr.strip().splitlines() == [
        f"Er ging iets mis dat de app niet verwachtte; de details staan in {log}."
    ]
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "in broken" in text and SECRET not in text


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into a read-only folder")
def test_without_a_writable_log_the_cli_still_says_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o500)
    try:
        result = subprocess.run(
            [sys.executable, "-c", PROVOKE_IN_CLI, SECRET, str(data)], capture_output=True, text=True, timeout=120
        )
    finally:
        os.chmod(data, 0o700)
    assert result.returncode == 70
    assert result.stderr.strip().splitlines() == [
        "Er ging iets mis dat de app niet verwachtte; er kon geen logbestand worden geschreven."
    ]


def test_the_cli_log_sentence_when_the_log_cannot_be_written(tmp_path: Path) -> None:
    """As root a read-only folder is still writable; a file where the folder should be is not."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "logs").write_text("not a folder")
    result = subprocess.run(
        [sys.executable, "-c", PROVOKE_IN_CLI, SECRET, str(data)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 70
    assert result.stderr.strip().splitlines() == [
        "Er ging iets mis dat de app niet verwachtte; er kon geen logbestand worden geschreven."
    ]


def test_a_handler_that_formats_first_does_not_hand_the_message_to_the_log(tmp_path: Path) -> None:
    """logging caches the first handler's exception text on the record; a plain handler on the same
    logger (a library's, a test runner's) formatting before ours must not put the message in our file."""
    import io
    import logging

    plain = logging.StreamHandler(io.StringIO())
    plain.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("opvoed_desktop")
    logger.addHandler(plain)
    log = ErrorLog(tmp_path / "logs")
    try:
        log.unexpected(provoke(SECRET), "window")
    finally:
        log.detach()
        logger.removeHandler(plain)
    assert SECRET in plain.stream.getvalue()  # the plain handler did see it: the test can fail
    text = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError" in text and SECRET not in text
