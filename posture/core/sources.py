"""What a source names: a live camera or stream, watched until stopped, or a recording.

A recording (a video, a picture or a folder of pictures) replays on its own clock to its end,
so the live rules (pauses, the background monitor, the permanent source) do not apply to it.
"""

from __future__ import annotations


def is_live(spec: str) -> bool:
    """True for a camera index or a stream URL; False for a file or folder (a recording)."""
    return spec.isdigit() or "://" in spec
