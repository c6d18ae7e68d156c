"""One-shot operations behind the commands: calibrate, analyze, evaluate, doctor and the demo day.

Each is the work itself, testable without argparse: it takes real adapters (a frame source, the
pose model, the history) and returns values for the command line to print. Operations may
import every layer below the command line: monitor, setup, report, adapters, pose_models,
config, core and ports.
"""
