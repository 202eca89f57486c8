"""`handout KIND --all-languages` on two cores: the Arabic-script languages in a forked child
while this process makes the others.

Making the twelve hand-outs is about two thirds of the command's time, all of it per language.
With a second core idle, a child forked after the imports (which it shares) makes half of them at
the same time; on a busy machine it costs only the fork. The languages are split by the font
family they are set in, each half in the order of the whole list, so that every font's private
glyph keys (shaping.GlyphFont.key: made in order of first use, with the advance of that first
use) are made by one process in the same order as one process would: the files come out the same
to the byte as made in one process (tests/documents/test_handouts_two.py compares them), and
whatever the split, they look and read the same (the engine draws each glyph at its own advance).

Only the process's own run forks (process_end.own_process: never a test or a window running the
command inside itself), only on a system with fork, at least two cores to use and no other
thread; otherwise the languages are made one after the other as before. A language that fails
stops the command with its sentence, as before; the other process may have written files for
languages after it.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opvoed_desktop.services.handouts import HandoutRequest, HandoutService

# The outcome of one half: (kind, sentence, the paths made): kind "ok" (sentence empty), "user" (a
# HandoutError's sentence) or "bug" (an unexpected error); the paths of the languages made.
Outcome = tuple[str, str, list[str]]


def usable_cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def may_fork() -> bool:
    from opvoed_desktop.process_end import own_process

    return own_process() and hasattr(os, "fork") and usable_cores() >= 2 and threading.active_count() == 1


def split_by_script(languages: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the Arabic-script languages, the others), each in the order of `languages`."""
    from opvoed_desktop.i18n.catalogs import locale_facts

    arabic: list[str] = []
    other: list[str] = []
    for lang in languages:
        try:
            script = locale_facts(lang).script
        except ValueError:  # a language babel does not know: the service says so in its turn
            script = "latin"
        (arabic if script == "arabic" else other).append(lang)
    return arabic, other


def write_all(service: HandoutService, request: HandoutRequest, folder: Path) -> list[Path]:
    """Every language's file in `folder`, in two processes when that may help (see above); the
    paths in the order of service.languages(). Raises HandoutError as service.write_all does."""
    from opvoed_desktop.services.handouts import HandoutError

    languages = service.languages()
    if not folder.is_dir() or not may_fork():
        return [r.path for r in service.write_all(request, folder) if r.path is not None]
    child_languages, own_languages = split_by_script(languages)
    if not child_languages or not own_languages:
        return [r.path for r in service.write_all(request, folder) if r.path is not None]
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()  # nothing buffered may be written twice
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: make its half, send the outcome, end without any teardown
        os.close(reading)
        _child(service, request, folder, child_languages, writing)
    os.close(writing)
    try:
        own = _half(service, request, folder, own_languages)  # a bug here goes up as it is
    finally:
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
    try:
        theirs: Outcome = pickle.loads(data)
    except Exception:  # the child died before it could answer
        theirs = ("bug", "the second process ended without an answer", [])
    paths: dict[str, Path] = {}
    failures: list[tuple[int, Outcome]] = []
    for group, outcome in ((own_languages, own), (child_languages, theirs)):
        kind, _sentence, made = outcome
        paths.update(zip(group, (Path(p) for p in made), strict=False))
        if kind != "ok":  # it stopped at its first language without a file
            failures.append((languages.index(group[min(len(made), len(group) - 1)]), outcome))
    if failures:
        kind, sentence, _made = min(failures, key=lambda failure: failure[0])[1]
        if kind == "user":
            raise HandoutError(sentence)
        raise RuntimeError(sentence)
    return [paths[lang] for lang in languages]


def _half(
    service: HandoutService, request: HandoutRequest, folder: Path, languages: list[str], *, child: bool = False
) -> Outcome:
    """One half's languages in order; on a failure, what was made before it. In the child a bug is
    logged with its traceback (the error log's handler came with the fork) and answered as "bug"."""
    from opvoed_desktop.services.handouts import HandoutError, in_language

    made: list[str] = []
    try:
        for lang in languages:
            one = in_language(request, lang)
            made.append(str(service.write(one, folder / service.file_name(one)).path))
    except HandoutError as exc:
        return "user", str(exc), made
    except Exception as exc:
        if not child:
            raise
        logging.getLogger(__name__).exception("hand-out in the second process")
        return "bug", f"{type(exc).__name__} in the second process (see the log)", made
    return "ok", "", made


def _child(service: HandoutService, request: HandoutRequest, folder: Path, languages: list[str], fd: int) -> None:
    status = 0
    try:
        data = pickle.dumps(_half(service, request, folder, languages, child=True))
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        status = 1
    finally:
        os._exit(status)
