"""The SQLite store: one writer, any number of read-only readers (WAL)."""

from db.store import Store, open_db

__all__ = ["Store", "open_db"]
