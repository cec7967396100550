"""Stored keys an older URL rule wrote (table `url_key_changes`, filled by
migration m050): reported once, never rewritten silently."""

from __future__ import annotations

import sqlite_utils

from db.store import write_transaction


def take_unreported_key_changes(db: sqlite_utils.Database) -> int:
    """How many listed keys were not reported yet; they count as reported now."""
    if not db["url_key_changes"].exists():
        return 0
    count = db.execute("select count(*) from url_key_changes where reported = 0").fetchone()[0]
    if count:
        with write_transaction(db):
            db.execute("update url_key_changes set reported = 1 where reported = 0")
    return count
