"""The posture history in SQLite: the store, its connection, its file on disk, and its schema.

`store.SqliteStore` implements `posture.ports.Store`, one part per port: `writes`, `reads`,
`profiles` and `snoozes`, each a subclass of `connection.SqliteConnection`, which opens,
configures and migrates the file, runs transactions and, through `errors`, turns SQLite's
failures into `StorageError`s. `validation` checks values before they are saved; `file`
creates the database owner-only and moves aside a damaged or foreign file; `migrations` lists
the schema's steps.
"""
