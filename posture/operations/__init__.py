"""One-shot operations behind the commands: calibrate, analyze, evaluate, doctor and the demo day.

`calibration_sampling` is the one calibration loop (frames -> poses -> samples -> a baseline or
a refusal, with a per-frame seam for a live preview); `calibrate`, `setup`, `analyze
--calibrate-with` and `evaluate` all go through it.

Each is the work itself, testable without argparse: it takes real adapters (a frame source, the
pose model, the history) and returns values for the command line to print. Operations may
import every layer below the command line: monitor, setup, report, adapters, pose_models,
config, core and ports.
"""
