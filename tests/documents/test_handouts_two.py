"""`handout --all-languages` on two cores (cli/commands/handouts_two.py): the same files to the
byte as made one after the other in one process, the paths printed in the languages' order, and a
language that fails stops the command with its sentence, whichever process made it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from opvoed_desktop.cli.commands.handouts_two import split_by_script, usable_cores

needs_two_cores = pytest.mark.skipif(usable_cores() < 2 or not hasattr(os, "fork"), reason="one core, or no fork")


def _command(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run(
        [sys.executable, "-m", "opvoed_desktop", "--data-dir", str(data), "handout", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_split_keeps_each_font_family_together_and_in_order() -> None:
    arabic, other = split_by_script(["nl", "en", "ar", "tr", "ti", "so", "fa", "ps", "uk", "pl", "am", "ckb"])
    assert arabic == ["ar", "fa", "ps", "ckb"]
    assert other == ["nl", "en", "tr", "ti", "so", "uk", "pl", "am"]


@needs_two_cores
@pytest.mark.parametrize("extra", [[], ["--bilingual", "nl"]])
def test_two_processes_make_the_same_files_as_one(tmp_path: Path, extra: list[str]) -> None:
    from opvoed_desktop.content.cache import load_library
    from opvoed_desktop.paths import content_dir, translations_dir
    from opvoed_desktop.services.handouts import HandoutRequest, HandoutService

    forked, serial = tmp_path / "forked", tmp_path / "serial"
    forked.mkdir()
    serial.mkdir()
    done = _command(tmp_path / "data", "ouders", "--all-languages", *extra, "-o", str(forked))
    assert done.returncode == 0, done.stderr
    # One process, one language after the other (what the command did before), in a fresh process.
    code = (
        "import sys, pathlib\n"
        "from opvoed_desktop.content.cache import load_library\n"
        "from opvoed_desktop.paths import content_dir, translations_dir\n"
        "from opvoed_desktop.services.handouts import HandoutRequest, HandoutService\n"
        "service = HandoutService(load_library(content_dir(), None), translations_dir())\n"
        "bilingual = sys.argv[2] or None\n"
        "service.write_all(HandoutRequest('ouders', 'nl', bilingual=bilingual), pathlib.Path(sys.argv[1]))\n"
    )
    one = subprocess.run([sys.executable, "-c", code, str(serial), "nl" if extra else ""], capture_output=True,
                         text=True, timeout=300)
    assert one.returncode == 0, one.stderr
    service = HandoutService(load_library(content_dir(), None), translations_dir())
    names = [service.file_name(HandoutRequest("ouders", lang, bilingual="nl" if extra and lang != "nl" else None))
             for lang in service.languages()]
    assert done.stdout.split() == [str(forked / name) for name in names]  # the languages' order
    for name in names:
        assert (forked / name).read_bytes() == (serial / name).read_bytes(), name


@needs_two_cores
@pytest.mark.parametrize("broken", ["fa", "tr"])  # one in the forked child, one in this process
def test_a_failing_language_stops_the_command_with_its_sentence(tmp_path: Path, broken: str) -> None:
    data = tmp_path / "data"
    overlay = data / "translations" / broken / "content.po"
    overlay.parent.mkdir(parents=True)
    overlay.write_bytes(b'msgid "x"\nmsgstr "\xff\xfe not a catalog\n')
    out = tmp_path / "out"
    out.mkdir()
    done = _command(data, "ouders", "--all-languages", "-o", str(out))
    assert done.returncode == 1
    assert str(overlay) in done.stderr
    assert done.stdout == ""


BUG_IN = """
import sys
from opvoed_desktop.services import handouts

real_write = handouts.HandoutService.write
broken = sys.argv[1]

def write(self, request, path):
    if request.lang == broken:
        raise ZeroDivisionError("note text 7f3a")
    return real_write(self, request, path)

handouts.HandoutService.write = write
sys.argv = ["opvoed-desktop", *sys.argv[2:]]
from opvoed_desktop.__main__ import main
sys.exit(main())
"""


@needs_two_cores
@pytest.mark.parametrize("broken", ["fa", "tr"])
def test_a_bug_in_either_process_is_logged_and_said_in_one_sentence(tmp_path: Path, broken: str) -> None:
    from opvoed_desktop.errors import UNEXPECTED_EXIT

    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", BUG_IN, broken, "--data-dir", str(data), "handout", "ouders", "--all-languages",
         "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == UNEXPECTED_EXIT, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    logged = "".join(p.read_text() for p in (data / "logs").glob("*.log*"))
    assert "ZeroDivisionError" in logged  # with its traceback; its message is left out, as always
    assert "note text 7f3a" not in logged
