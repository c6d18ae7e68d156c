"""The data folder's layout: the one place that names every file and folder Posture keeps in it.

A `DataFolder` is pure path arithmetic over the folder's root; where the root is (an option,
`POSTURE_DATA_DIR`, the platform's per-user folder) is decided in `posture.adapters.data_folder`,
and the files are written by `posture.adapters.private_files`. The names are part of the public
contract (the README and the docs name them), so they are spelled here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILENAME = "config.toml"


@dataclass(frozen=True)
class DataFolder:
    """The files and folders inside one data folder; `root` is the folder itself."""

    root: Path

    @property
    def history(self) -> Path:
        """The history database (SQLite keeps its -wal and -shm files beside it)."""
        return self.root / "history.sqlite3"

    @property
    def status(self) -> Path:
        """What the running monitor sees, rewritten every few seconds for `status`."""
        return self.root / "status.json"

    @property
    def pid(self) -> Path:
        """The pid file the one running monitor holds locked."""
        return self.root / "posture.pid"

    @property
    def log(self) -> Path:
        """The background monitor's log."""
        return self.root / "posture.log"

    @property
    def old_log(self) -> Path:
        """The previous log, kept once on rotation."""
        return self.root / "posture.log.1"

    @property
    def first_run_mark(self) -> Path:
        """An empty file saying that the health note has been shown once."""
        return self.root / ".first-run-done"

    @property
    def snapshot(self) -> Path:
        """The annotated picture `setup` takes of the user to check the camera's framing."""
        return self.root / "setup-snapshot.png"

    @property
    def config(self) -> Path:
        """The config file on macOS and Windows (Linux keeps it in the per-user config folder)."""
        return self.root / CONFIG_FILENAME

    @property
    def report_page(self) -> Path:
        """The HTML report `report --open` writes when no `--html` file is named."""
        return self.root / "report.html"

    @property
    def report_json(self) -> Path:
        """The JSON report the demo writes beside its page."""
        return self.root / "report.json"

    @property
    def models(self) -> Path:
        """The pose model files, when neither POSTURE_MODEL_DIR nor a checkout names another."""
        return self.root / "models"

    @property
    def demo(self) -> DataFolder:
        """The demo's own data folder, apart from the real history."""
        return DataFolder(self.root / "demo")

    @property
    def replays(self) -> DataFolder:
        """Where recordings replay when no data folder is named, apart from the live history."""
        return DataFolder(self.root / "replays")

    @property
    def demo_video(self) -> Path:
        """The demo day's generated video (in the demo's folder)."""
        return self.root / "demo-day.avi"

    @property
    def demo_calibration(self) -> Path:
        """The folder of upright pictures the demo profile is calibrated from."""
        return self.root / "calibration"

    def names(self) -> dict[str, Path]:
        """Every named path, by attribute name (for checks that nothing else is written)."""
        attributes = (
            "history",
            "status",
            "pid",
            "log",
            "old_log",
            "first_run_mark",
            "snapshot",
            "config",
            "report_page",
            "report_json",
            "models",
            "demo_video",
            "demo_calibration",
        )
        named = {name: getattr(self, name) for name in attributes}
        named["demo"] = self.demo.root
        named["replays"] = self.replays.root
        return named
