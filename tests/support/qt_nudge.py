"""A tiny Qt program around `Nudge`, driven line by line on stdin, for the nudge's X11 test.

`show` / `hide` change the border and answer `shown` / `hidden` once the X server has drawn the
change (the strips exposed, or unmapped, and Qt's queue flushed); `quit` ends it. Run with
DISPLAY set to a test X server and QT_QPA_PLATFORM=xcb.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from posture.desktop.windows.nudge import Nudge


def main() -> int:
    app = QApplication(sys.argv[:1])
    nudge = Nudge()

    def command() -> None:
        line = sys.stdin.readline().strip()
        if line == "show":
            nudge.show()
            for strip in nudge.strips:
                QTest.qWaitForWindowExposed(strip, 5000)
            QTest.qWait(200)  # let the server paint the exposed strips
            print("shown", flush=True)
        elif line == "hide":
            nudge.hide()
            QTest.qWait(200)
            print("hidden", flush=True)
        else:
            nudge.close()
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
