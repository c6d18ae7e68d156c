"""The posture history in SQLite: the store, its file on disk, and its schema migrations.

`store.SqliteStore` implements `posture.ports.Store`; `file` creates the database owner-only
and moves aside a damaged or foreign file; `migrations` lists the schema's steps.
"""
