"""Qt for the window tests: the offscreen platform (no display needed), unless one is chosen.

pytest-qt builds the one QApplication of the test process on first use; the nudge's test runs
its own Qt process under Xvfb instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
