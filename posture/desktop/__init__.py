"""The desktop app (Qt): tray, windows, nudge."""
