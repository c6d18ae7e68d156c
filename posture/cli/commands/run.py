"""`run` (the default command): watch the configured source until stopped."""

from __future__ import annotations

import argparse

from posture.cli.common import config, config_file, data_dir
from posture.cli.monitoring import watch
from posture.cli.watch_options import add_watch_arguments, parse_replay_start
from posture.config.model_variants import checked_variant

HELP = "watch your posture until stopped (the default command)"
DESCRIPTION = (
    "Watch the configured source (default: webcam 0) until stopped. A video file or folder "
    "replays on its own clock as fast as the machine allows."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--source, --profile and --replay-start (shared with `start`)."""
    add_watch_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run the monitor loop as the one instance for the data folder (see `single_instance`)."""
    settings = config(args)
    return watch(
        folder=data_dir(args),
        settings=settings,
        source=getattr(args, "source", None) or settings.monitor.source,
        variant=checked_variant(getattr(args, "model", None) or settings.monitor.model),
        profile=getattr(args, "profile", None),
        notifier=settings.monitor.notifier,
        replay_start_s=parse_replay_start(getattr(args, "replay_start", None)),
        config_file=config_file(args),
    )
