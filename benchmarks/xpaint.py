"""What the screen shows, measured on a real X server: the first XDamage event on the root window
after a process starts or after a key, with keys sent through XTest, and peak memory (max RSS of
the child, from wait4) on that screen rather than offscreen.

Used by bench_paint.py; the floors it compares against are in floors.py. Needs Xvfb (Debian:
xvfb) and python-xlib (the dev group of pyproject.toml).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from Xlib import XK, X, display
from Xlib.ext import damage, xtest

WIDTH, HEIGHT = 1920, 1080


class XServer:
    """An Xvfb of its own at 1920×1080 (a display number nobody uses), stopped on exit."""

    def __enter__(self) -> XServer:
        assert shutil.which("Xvfb"), "Xvfb is needed (apt-get install xvfb)"
        # BENCH_DISPLAY=:N takes that number (on a shared machine, the one you were given).
        chosen = os.environ.get("BENCH_DISPLAY", "").lstrip(":")
        for number in [int(chosen)] if chosen else range(160, 260):
            if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
                break
        else:
            raise AssertionError(f"no free X display ({chosen or '160–259'})")
        self.name = f":{number}"
        self.proc = subprocess.Popen(
            ["Xvfb", self.name, "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Screen:
    """Watches every change of the root window's contents (XDamage, one event per drawing)."""

    def __init__(self, name: str) -> None:
        self.display = display.Display(name)
        self.root = self.display.screen().root
        self.display.damage_query_version()
        self.root.damage_create(damage.DamageReportRawRectangles)
        self.notify = self.display.extension_event.DamageNotify
        self.display.sync()
        self.env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        self.env["DISPLAY"] = name
        # A user's installed app has its bytecode compiled (pip, the bundle); so must the runs.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def drain(self) -> None:
        self.display.sync()
        while self.display.pending_events():
            self.display.next_event()

    def wait_damage(self, timeout: float, min_area: int = 1) -> float | None:
        """perf_counter() of the first damage of at least `min_area` pixels, or None."""
        deadline = time.perf_counter() + timeout
        while True:
            while self.display.pending_events():
                event = self.display.next_event()
                if event.type == self.notify and event.area.width * event.area.height >= min_area:
                    return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            select.select([self.display], [], [], left)

    def spawn_to_paint(self, argv: Sequence[str], *, min_area: int, timeout: float = 60) -> tuple[float, Any]:
        """Seconds from spawning `argv` to its first paint of at least `min_area` pixels; the
        process is left running (the caller presses keys or stops it)."""
        self.drain()
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        painted = self.wait_damage(timeout, min_area)
        if painted is None:
            proc.kill()
            raise RuntimeError(f"nothing painted within {timeout} s: {argv}\n{proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        return painted - start, proc

    def settle(self, quiet: float = 0.3, timeout: float = 30) -> None:
        """Wait until the screen has not changed for `quiet` seconds (the app finished starting)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self.wait_damage(quiet) is not None:
            pass

    def focus_window_named(self, part: str) -> None:
        """Give keyboard focus to the top-level window whose name contains `part` (no window
        manager runs on Xvfb, so nobody else does)."""
        net_name = self.display.intern_atom("_NET_WM_NAME")
        for window in self._windows(self.root):
            try:
                name = window.get_full_text_property(net_name) or window.get_wm_name() or ""
            except Exception:  # a window that went away meanwhile
                continue
            if isinstance(name, bytes):
                name = name.decode("utf-8", "replace")
            if part in name and window.get_attributes().map_state == X.IsViewable:
                window.set_input_focus(X.RevertToParent, X.CurrentTime)
                self.display.sync()
                return
        raise RuntimeError(f"no window named like {part!r}")

    def _windows(self, window: Any) -> list[Any]:
        found = []
        for child in window.query_tree().children:
            found.append(child)
            found.extend(self._windows(child))
        return found

    def key_to_paint(self, key: str, *, min_area: int, timeout: float = 5) -> float | None:
        """Seconds from an XTest key press to the first damage of at least `min_area` pixels."""
        code = self.display.keysym_to_keycode(XK.string_to_keysym(key))
        self.drain()
        start = time.perf_counter()
        xtest.fake_input(self.display, X.KeyPress, code)
        xtest.fake_input(self.display, X.KeyRelease, code)
        self.display.sync()
        painted = self.wait_damage(timeout, min_area)
        return None if painted is None else painted - start


def stop(proc: Any) -> int:
    """Stop a child and return its peak memory in kB: VmHWM of /proc, which starts afresh at
    exec (wait4's ru_maxrss would count the benchmark's own memory, copied at fork)."""
    peak = 0
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    except OSError:
        pass
    if proc.poll() is None:
        proc.terminate()
    proc.wait(timeout=30)
    return peak
