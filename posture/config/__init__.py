"""The typed settings: one schema of frozen dataclasses, and the TOML that documents them.

`schema` holds the defaults and reads a user's file into a `Config` (or a `ConfigError` that
names the key); `writer` turns chosen settings into the text of a config file, keeping what
the user wrote. `default.toml` (every setting, documented) and `exercises.toml` (the exercise
library) are package data. Imports: the standard library, `tomlkit` and `posture.errors`.

`clock` is the one parser (and printer) of "HH:MM" times of day, for the schema, the core and
setup alike.
"""
