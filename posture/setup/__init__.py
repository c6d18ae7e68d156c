"""Setup: the guided first run, as a flow of questions over an injected world.

`flow` decides what to ask and what to do next; `answers` parses what the user typed;
`framing_advice` says what to fix before calibrating; `prompter` is the terminal (and the
answer-every-default prompter of `--yes`). The flow imports `posture.core`, `posture.config`
and `posture.ports` only; the command line builds the real world behind `SetupWorld`.
"""
