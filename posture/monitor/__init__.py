"""The monitor: the one loop body `Monitor.step(now)` and the loops around it.

`step` wires frame -> pose -> metrics -> judgement -> sitting time -> coaching -> notification
-> stored record; `loop` runs it live on the wall clock or replays a file on its own clock;
`pausing` decides when to keep still (a snooze, a call, a locked screen). It imports only
`posture.core`, `posture.config` and `posture.ports`: every camera, model, notifier and store
is handed in, so a fresh `import posture.monitor` loads no OpenCV, SQLite or subprocess.
"""
