"""Headless Chromium for the report tests: render a page, read its DOM and its console.

Chromium is Debian's `/usr/bin/chromium`, which `scripts/test` installs; when it is missing the
tests fail rather than skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHARTS = ("timeline", "issues", "hourly", "sitting", "trend")
CHROMIUM_TIMEOUT_S = 120


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        pytest.fail(
            "headless Chromium is missing (/usr/bin/chromium); scripts/test installs "
            "the Debian package 'chromium'"
        )
    return found


def run_chromium(page: Path, work: Path, *action: str) -> subprocess.CompletedProcess[str]:
    profile = work / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *action,
            page.resolve().as_uri(),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=CHROMIUM_TIMEOUT_S,
        env={**os.environ, "HOME": str(work)},
    )


def console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    chart: str | None = None  # the data-chart of the svg it sits in


class Dom(HTMLParser):
    """The rendered DOM as a flat list of elements, with their text and enclosing chart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        chart = next((e.chart for e in reversed(self._open) if e.chart), None)
        values = {k: v or "" for k, v in attrs}
        element = Element(tag, values, chart=values.get("data-chart") or chart)
        self.elements.append(element)
        if tag not in ("meta", "br", "img", "input", "link", "line", "circle", "polyline"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def parse_dom(text: str) -> Dom:
    dom = Dom()
    dom.feed(text)
    return dom


def render(page: Path, work: Path) -> tuple[Dom, str, str]:
    """The rendered DOM, its raw text, and Chromium's log."""
    done = run_chromium(page, work, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, "Chromium printed no DOM"
    return parse_dom(done.stdout), done.stdout, done.stderr


def drawn(element: Element) -> bool:
    """A data mark with a real size."""
    a = element.attrs
    if element.tag == "rect":
        return float(a.get("width", 0)) > 0 and float(a.get("height", 0)) > 0
    if element.tag == "circle":
        return float(a.get("r", 0)) > 0
    return False
