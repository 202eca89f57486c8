"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0 crashed on Signal.emit).

A presenter emits signals on every key press for hours; a crash mid-meeting is unacceptable.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Emitter(QObject):
    changed = Signal(str)
app = QCoreApplication([])
emitter = Emitter()
seen = []
emitter.changed.connect(seen.append)
for n in range(50000):
    emitter.changed.emit("x")
unconnected = Emitter()
for n in range(50000):
    unconnected.changed.emit("y")
print(len(seen))
"""


def test_many_signal_emits_do_not_crash_the_interpreter() -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "50000"
