"""MediaPipe task bundles: a zip of TFLite models, written deterministically and checked.

A task bundle is an uncompressed zip. Each member's data is placed at a 64-byte boundary (padding
goes into a zipalign-style extra field), so that the TFLite buffers inside, themselves 16-byte
aligned, can be used in place; unaligned data makes the runtime copy it and warn.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

TFLITE_IDENTIFIER = b"TFL3"
# A fixed timestamp keeps the bytes of a built bundle the same on every run.
BUNDLE_DATE_TIME = (2023, 4, 27, 0, 0, 0)
MEMBER_ALIGNMENT = 64
_LOCAL_HEADER_SIZE = 30
_ALIGNMENT_EXTRA_ID = 0xD935  # the extra-field id Android's zipalign uses for padding


def is_tflite(data: bytes) -> bool:
    """Whether `data` looks like a TFLite flatbuffer (identifier "TFL3" at byte 4)."""
    return len(data) >= 8 and data[4:8] == TFLITE_IDENTIFIER


def write_task_bundle(members: Sequence[tuple[str, bytes]]) -> bytes:
    """The bytes of a task bundle holding `members` (name, data) in the given order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=BUNDLE_DATE_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # Unix, whatever the host, so the bytes do not vary
            info.external_attr = 0o644 << 16
            start = out.tell() + _LOCAL_HEADER_SIZE + len(name.encode("utf-8")) + 4
            pad = -start % MEMBER_ALIGNMENT
            info.extra = struct.pack("<HH", _ALIGNMENT_EXTRA_ID, pad) + bytes(pad)
            archive.writestr(info, data)
    return out.getvalue()


def bundle_problem(path: Path, members: Sequence[str]) -> str | None:
    """What is wrong with the task bundle at `path`, or None if it is structurally valid.

    Valid means: a readable zip whose members all pass their CRC-32 check, holding each of
    `members`, each a TFLite flatbuffer.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = [m for m in members if m not in names]
            if missing:
                return f"it lacks {', '.join(missing)}"
            damaged = archive.testzip()
            if damaged is not None:
                return f"its member {damaged} is damaged"
            for member in members:
                with archive.open(member) as stream:
                    if not is_tflite(stream.read(8)):
                        return f"its member {member} is not a TFLite model"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return f"it is not a readable task bundle ({exc})"
    return None
