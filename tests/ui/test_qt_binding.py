"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0 did)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    changed = Signal(str)
sender = Sender()
received = []
sender.changed.connect(received.append)
before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range(20000):
    sender.changed.emit("topic")
after = sys.getrefcount(True), sys.getrefcount(None)
print(len(received), after[0] - before[0], after[1] - before[1])
"""


def test_signal_emits_keep_reference_counts() -> None:
    # In a child process: the faulty binding aborts the interpreter.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    count, true_delta, none_delta = (int(x) for x in result.stdout.split())
    assert count == 20000
    assert abs(true_delta) < 100 and abs(none_delta) < 100
