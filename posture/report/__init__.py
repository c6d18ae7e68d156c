"""The daily and weekly report, computed and rendered from stored records. Pure.

`build` computes every figure of a local day or week, `timeline` the day's stretches,
`figures` rounds the headline numbers once, `tips` picks advice; `as_text`, `as_html` (with
`svg_charts`), `as_json` and `as_csv` render them, and `status_text` renders `status`. Modules
here import `posture.core` only and return text: writing files is the caller's business.
"""
