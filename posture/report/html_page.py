"""The frame of the report's HTML page and the small pieces its sections are built from. Pure.

Everything is inline: the style sheet here, and charts drawn as SVG. The page runs no script,
and its Content-Security-Policy forbids loading anything, so it works offline and never reaches
the network. Key numbers carry `data-figure="key"` with exactly the value of the JSON export's
`figures[key]`, so tools (and the tests) can check one against the other.
"""

from __future__ import annotations

from datetime import datetime

from posture.core.health import WARNING_SIGNS
from posture.report.day import DayReport
from posture.report.figures import Figure, show, signed
from posture.report.svg_primitives import esc

CSS = """
:root { color-scheme: light; --ink: #2d3748; --soft: #718096; --card: #fff; --line: #e2e8f0;
  --accent: #5b8def; --good: #43a673; --bad: #e5604f; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6fb; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
.sub { margin: 0; color: var(--soft); }
.notice { margin: 0 0 10px; padding: 8px 12px; border-radius: 8px; font-weight: 650;
  background: #fff3c4; color: #5c4400; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px;
  margin: 24px 0 12px; }
.card { background: var(--card); border-radius: 14px; padding: 14px 16px;
  box-shadow: 0 1px 3px rgba(0,0,0,.06); border: 1px solid var(--line); }
.card .label { color: var(--soft); font-size: 13px; text-transform: uppercase;
  letter-spacing: .04em; }
.card .value { font-size: 30px; font-weight: 650; line-height: 1.25; }
.card .value small { font-size: 15px; font-weight: 500; color: var(--soft); }
.card .note { font-size: 14px; color: var(--soft); }
.compare { margin: 0 0 8px; color: var(--soft); }
section { background: var(--card); border-radius: 14px; padding: 18px 20px; margin: 16px 0;
  border: 1px solid var(--line); box-shadow: 0 1px 3px rgba(0,0,0,.05); }
section h2 { margin: 0 0 10px; font-size: 19px; }
svg { display: block; max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0 0; font-size: 13px;
  color: var(--soft); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
  margin-right: 6px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.tips li { margin: 6px 0; }
.cards.four { grid-template-columns: repeat(4, 1fr); }
.aside { font-size: 13px; color: var(--soft); margin: 8px 0 0; }
@media (max-width: 640px) { .cards, .cards.four { grid-template-columns: 1fr 1fr; } }
.empty { font-size: 20px; text-align: center; padding: 40px 20px; }
.health { background: #fff8e6; border-color: #f6e0a8; }
.health h2 { font-size: 17px; }
footer { color: var(--soft); font-size: 13px; text-align: center; margin-top: 24px; }
"""

# Nothing may load: no script, no image, no font, no connection; inline styles only.
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def page(title: str, body: str) -> str:
    """The whole document: head, style sheet and policy, then `body` and the footer."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n<footer>Made by Posture from the history kept on this computer. "
        "Nothing on this page comes from or goes to the internet.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def fig(key: str, value: Figure) -> str:
    """A figure marked for tools: `<span data-figure="key">value</span>`."""
    return f'<span data-figure="{esc(key)}">{esc(show(value))}</span>'


def signed_fig(key: str, value: Figure) -> str:
    """A change marked for tools, printed with its sign: '+6', '-3', '0' or '-'."""
    text = signed(value if isinstance(value, int) else None)
    return f'<span data-figure="{esc(key)}">{esc(text)}</span>'


def card(label: str, value: str, note: str = "") -> str:
    """A headline card: a label, a big value (markup) and a note (markup) below."""
    return (
        f'<div class="card"><div class="label">{esc(label)}</div>'
        f'<div class="value">{value}</div><div class="note">{note}</div></div>'
    )


def clock(t_s: float, report: DayReport) -> str:
    """A moment as the day's local clock shows it: '09:30'."""
    return datetime.fromtimestamp(t_s, report.zone).strftime("%H:%M")


def health() -> str:
    """The closing note: this is not medical advice, and the signs to see a doctor for."""
    signs = "".join(f"<li>{esc(sign)}</li>" for sign in WARNING_SIGNS)
    return (
        '<section class="health"><h2>Not medical advice</h2>'
        "<p>This report describes sitting habits seen through your webcam. It is not a "
        "medical assessment and cannot tell what causes any pain. See a doctor promptly if "
        "back or leg pain comes with any of these warning signs:</p>"
        f"<ul>{signs}</ul><p>Stop any exercise that causes sharp pain.</p></section>"
    )


def long_date(day: DayReport) -> str:
    """The day as people write it: 'Wednesday, 25 November 2026'."""
    return f"{day.day:%A}, {day.day.day} {day.day:%B %Y}"


def section(title: str, content: str) -> str:
    """One card-like section under a heading."""
    return f"<section><h2>{esc(title)}</h2>{content}</section>"
