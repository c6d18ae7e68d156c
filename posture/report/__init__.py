"""The daily and weekly report, computed and rendered from stored records. Pure.

Computing: `day` builds every figure of a local day and `week` seven of them, over `tally`
(records shared out over a span of time), `comparisons` (the days before, the week average) and
`timeline` (the day's stretches); `figures` rounds the headline numbers once, `tips` picks
advice. Rendering: `as_text`, `as_json`, `as_csv` and `as_html` (its page frame in `html_page`,
its sections in `html_sections`, its charts in `svg_timelines` and `svg_bars` over
`svg_primitives`), and `status_text` renders `status`. Modules here import `posture.core` only
and return text: writing files is the caller's business.
"""
