"""The pieces every report chart is drawn with, as inline SVG text: no library, no network. Pure.

Each chart is one `<svg data-chart="...">` that scales with the page (viewBox). Shapes that
stand for data carry `class="mark"` and a `<title>` tooltip. Every piece of text is escaped,
even our own, so stored text can never become markup. The charts share one width, one gutter
for labels on the left and one palette, which the page's legends use too.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

WIDTH = 960
GUTTER = 96  # room for band labels on the left
PLOT = WIDTH - GUTTER - 16

COLOURS = {
    "present": "#5b8def",
    "away": "#f2c14e",
    "unavailable": "#a1887f",
    "paused": "#b39ddb",
    "setup_changed": "#90a4ae",
    "unknown": "#cfd5de",
    "good": "#43a673",
    "issues": "#e5604f",
    "sitting": "#7986cb",
    "break": "#43a673",
    "monitored": "#c5d6f7",
    "score": "#e5604f",
    "band": "#eef1f5",
    "grid": "#d9dee7",
    "ink": "#4a5568",
}


def esc(text: object) -> str:
    """Text made safe for HTML and SVG, quotes included."""
    return html.escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: '12.5', '3'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg(chart: str, height: float, label: str, body: list[str]) -> str:
    """One chart: the `<svg data-chart>` element around its shapes, described by `label`."""
    return (
        f'<svg data-chart="{esc(chart)}" viewBox="0 0 {WIDTH} {num(height)}" '
        f'width="100%" role="img" aria-label="{esc(label)}" '
        f'font-family="system-ui, sans-serif" '
        f'font-size="12">' + "".join(body) + "</svg>"
    )


def rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    title: str = "",
    mark: bool = True,
    rounded: bool = True,
) -> str:
    """A rectangle; a `mark` stands for data, and `title` becomes its tooltip."""
    cls = ' class="mark"' if mark else ""
    tip = f"<title>{esc(title)}</title>" if title else ""
    corner = ' rx="3"' if rounded else ""
    return (
        f'<rect{cls} x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
        f'fill="{fill}"{corner}>{tip}</rect>'
    )


def text(
    x: float, y: float, words: str, anchor: str = "start", fill: str = "", size: int = 12
) -> str:
    """A label at (x, y), escaped; `anchor` is 'start', 'middle' or 'end'."""
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" '
        f'fill="{fill or COLOURS["ink"]}" font-size="{size}">{esc(words)}</text>'
    )


def line(x1: float, y1: float, x2: float, y2: float) -> str:
    """A thin grid line."""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{COLOURS["grid"]}" stroke-width="1"/>'
    )


def label_every(count: int) -> int:
    """Label every hour of a short view, every second or third of a long one."""
    return 1 if count <= 12 else 2 if count <= 18 else 3


def legend(items: Sequence[tuple[str, str]]) -> str:
    """A small HTML legend: (colour key, words) pairs."""
    return (
        '<p class="legend">'
        + "".join(
            f'<span><i style="background:{COLOURS[key]}"></i>{esc(words)}</span>'
            for key, words in items
        )
        + "</p>"
    )
