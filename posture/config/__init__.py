"""The typed settings: one schema of frozen dataclasses, and the TOML that documents them.

`schema` holds the defaults and reads a user's file into a `Config` (or a `ConfigError` that
names the key); `writer` sets chosen settings in the text of a config file (tomlkit), keeping
every comment and the layout the user wrote, and `toml_values` spells one key or value;
`model_variants` is the one list of pose model variants. `default.toml` (every setting,
documented) and `exercises.toml` (the exercise library) are package data. Imports: the
standard library, `tomlkit` and `posture.errors`.

`clock` is the one parser (and printer) of "HH:MM" times of day, for the schema, the core and
setup alike.
"""
