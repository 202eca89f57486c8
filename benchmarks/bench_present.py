"""Presenting speed in a real X window (starts its own Xvfb at 1920×1080 unless DISPLAY is set).

- key press → next step painted on the audience window (median of 60; budget 8 ms)
- the same with the room in English, through slides with diagrams (the two background pages
  that carry a picture, between the programme's own items)
- launch of `opvoed-desktop present --programme …` → first step painted (median of 5; budget 0.5 s)

Run: `.venv/bin/python benchmarks/bench_present.py`
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROGRAMME = "programma-dagdeel"
PICTURE_PAGES = ("vormen-en-sleutelfiguren", "rollen-gemeente")


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY") and not os.environ.get("BENCH_OWN_X"):
        return None
    assert shutil.which("Xvfb"), "Xvfb is needed (apt-get install xvfb)"
    for number in range(150, 250):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return proc


def key_to_paint(repeat: int = 60, room: str = "nl", pictures: bool = False) -> tuple[float, float]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from opvoed_desktop.app import build_services
    from opvoed_desktop.services.presenting import AgendaItem, AgendaPlan, MemoryNoteSink, build_show
    from opvoed_desktop.ui.presenter import PresenterController

    os.environ.pop("QT_QPA_PLATFORM", None)
    app = QApplication.instance() or QApplication([])
    services = build_services(tempfile.mkdtemp(prefix="opvoed-bench-"))
    plan = AgendaPlan.from_programme(services.library.get(PROGRAMME), services.library)  # type: ignore[arg-type]
    items = list(plan.items)
    if pictures:
        # Picture slides in every stretch of ten keys: the walk below goes 10 forward, 10 back.
        pages = [AgendaItem("background", page, 10, page) for page in PICTURE_PAGES]
        items = items[:2] + pages + items[2:4] + pages + items[4:]
    controller = PresenterController(
        build_show(items, services.library), services.library, MemoryNoteSink(), room_language=room
    )
    controller.start()
    if controller.single_screen:
        controller.show_room_fullscreen(True)  # one screen: measure the room's view, full-screen (Tab)
    canvas = controller.audience.canvas
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()
    assert canvas.width() >= 1920, f"audience window is {canvas.width()}×{canvas.height()}, not full-screen"

    painted: list[float] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    spy = Spy()
    canvas.installEventFilter(spy)
    room_ms, everything = [], []
    for i in range(repeat):
        key = Qt.Key.Key_Right if (i // 10) % 2 == 0 else Qt.Key.Key_Left
        painted.clear()
        start = time.perf_counter()
        # The audience window is painted and its backing store flushed to X inside the key
        # handling (repaint()). app.sync() would also run the deferred console update, so the
        # room's figure is taken when the key handling returns.
        QTest.keyClick(controller.console, key)
        assert painted, "the audience window was not painted"
        room_ms.append((time.perf_counter() - start) * 1000)
        app.processEvents()  # the console's update
        app.sync()
        everything.append((time.perf_counter() - start) * 1000)
    controller.stop()
    return statistics.median(room_ms), statistics.median(everything)


def launch_to_first_paint(repeat: int = 5) -> float:
    results = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "painted"
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
            env["OPVOED_BENCH_FIRST_PAINT"] = str(report)
            start = time.time()
            subprocess.run(
                [sys.executable, "-m", "opvoed_desktop", "--data-dir", folder, "present", "--programme", PROGRAMME],
                env=env,
                check=True,
                timeout=60,
            )
            results.append(float(report.read_text()) - start)
    return statistics.median(results)


def main() -> None:
    xvfb = start_xvfb()
    try:
        launch = launch_to_first_paint()
        room, everything = key_to_paint()
        room_en, everything_en = key_to_paint(room="en", pictures=True)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    print("| measure | median | budget |")
    print("| --- | --- | --- |")
    print(f"| key press → next step painted on the audience window (1920×1080) | {room:.2f} ms | 8 ms |")
    print(f"| key press → audience and presenter console both updated | {everything:.2f} ms | — |")
    print(f"| the same, room in English, with diagram slides: audience | {room_en:.2f} ms | 8 ms |")
    print(f"| the same, room in English, with diagram slides: both | {everything_en:.2f} ms | — |")
    print(f"| launch `present --programme` → first step painted | {launch * 1000:.0f} ms | 500 ms |")


if __name__ == "__main__":
    main()
