"""Setup: the guided first run, as a flow of questions over an injected world.

`flow` runs the seven steps in order: `steps_picture` (the pose model, the camera and a
snapshot, framing and light), `steps_calibration`, `steps_notifications`, `steps_habits`
(sitting time, quiet hours, autostart) and `steps_save`; `plan` is what they share (the plan,
the outcome, the numbered header and the go-ahead question). `answers` parses what the user
typed; `framing_advice` says what to fix before calibrating; `prompter` is the terminal (and the
answer-every-default prompter of `--yes`). Setup imports `posture.core`, `posture.config` and
`posture.ports` only (never `posture.pose_models` or an adapter); the command line builds the
real world behind `SetupWorld`.
"""
