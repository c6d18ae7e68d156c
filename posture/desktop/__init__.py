"""The desktop app: a tray icon coloured by what the monitor sees, its menu, and a status
window where no tray exists, over the monitor loop hosted in the same process.

The only package that imports Qt (PySide6, the optional `desktop` extra); nothing imports it
but the `desktop` command, lazily, so the core and the command line load without Qt. It knows
nothing of the monitor's insides: the command line hands it a `DesktopHost` (`host.py`), the
callables that run the monitor and act on it, and it maps the published status to a colour
(`states.py`).

Windows (calibration, settings) and the nudge border live in `posture.desktop.windows`; the menu
reaches them only through `window_hooks.py`, one small function each, called with the host's
`WindowContext`.
"""
