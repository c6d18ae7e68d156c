"""The pure core: the values Posture works with and every decision it makes.

Landmarks and metrics, the calibrated baseline, judging one frame, issues over time, setup
drift, sitting time, where each second went, coaching and its words, the exercise library,
quiet hours, local days, how lengths of time are written (`durations`), the stored records'
shapes, the health note, and the names of the files in the data folder (`folder_layout`).
Modules here import the standard library, numpy, `posture.config` (the typed settings) and
`posture.errors` only; time enters as an argument (`now_s`), never from a clock, so tests drive
hours without waiting.
"""
