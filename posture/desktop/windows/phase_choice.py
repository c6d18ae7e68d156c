"""The optional calibration phases offered by the calibration window, and what they learned.

Two choices follow the required upright capture, as `calibrate --phases` names them: "Look at
your keyboard, then at your other screen" (the `keyboard` and `screen` phases) and "Show me your
usual slouch" (`slouch`). Each chosen phase has its own instruction, countdown and sampling in
the window; once every phase is sampled, `learn_chosen` learns through the phase API
(`posture.operations.calibration_phases`) and says in one line per phase what was learned, or
why a phase taught nothing (that phase then stores nothing; the others are kept).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from posture.config.schema import Config
from posture.core.baseline import Baseline
from posture.operations.calibration_phases import (
    Learned,
    Phase,
    PhaseRefused,
    learn,
    plan,
    with_learned,
)
from posture.operations.calibration_sampling import SampleSeen

# (what the check box says, the phases it asks for, in order)
CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Look at your keyboard, then at your other screen", ("keyboard", "screen")),
    ("Show me your usual slouch", ("slouch",)),
)


class PhaseChoice(QWidget):
    """One check box per optional choice; none is checked, so the upright capture stays alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes = [QCheckBox(label) for label, _ in CHOICES]
        for box in self.boxes:
            row.addWidget(box)

    def chosen(self) -> tuple[Phase, ...]:
        """The phases the checked boxes ask for, in the order of `CHOICES`."""
        names = [
            n
            for box, (_, names) in zip(self.boxes, CHOICES, strict=True)
            if box.isChecked()
            for n in names
        ]
        return plan(names)


def learn_chosen(
    phases: Sequence[Phase],
    samples: Mapping[str, Sequence[SampleSeen]],
    baseline: Baseline,
    config: Config,
) -> tuple[Baseline, list[str]]:
    """The baseline with what each phase's samples taught, and one line a phase for the review."""
    learned: list[Learned] = []
    lines: list[str] = []
    for phase in phases:
        frames = [seen.poses for seen in samples.get(phase.name, ())]
        try:
            one = learn(phase.name, frames, baseline, config)
        except PhaseRefused as exc:
            lines.append(f"Not learned ({phase.name}): {exc}.")
            continue
        learned.append(one)
        lines.append(f"Learned {one.summary}.")
    return (with_learned(baseline, learned) if learned else baseline), lines
