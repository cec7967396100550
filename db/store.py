"""Connection handling and writes.

One writer per crawl (the store pipeline); readers open the file read-only.
WAL lets readers and the writer work at once; a long busy timeout makes a
second writer wait instead of failing; every article write is one
transaction, so a kill leaves either the old row or the new one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from db.migrations import apply_migrations
from db.stories import DEFAULT_STORY_OPTIONS, StoryOptions, assign_story

DEFAULT_TIMEOUT = 60.0

# Columns of `articles` that hold JSON lists.
JSON_COLUMNS = ("categories", "tags", "source_links", "captions", "changes")


class StoreError(Exception):
    """The database cannot be used; the message is for the user."""


def utcnow() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT, readonly: bool = False) -> sqlite_utils.Database:
    """Open the store. Writers create and migrate it; readers never write."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"no database at {path} (run `newscrawl ingest` or `newscrawl crawl` first)")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    else:
        if path.parent and not path.parent.exists():
            raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
        conn = sqlite3.connect(str(path), timeout=timeout)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    try:
        db = sqlite_utils.Database(conn)
        if not readonly:
            _enable_wal(db, timeout)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            with write_transaction(db):
                apply_migrations(db)
        elif not db["articles"].exists():
            raise StoreError(f"{path} is not a newscrawl database (no articles table)")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot open database {path}: {exc}") from None
    return db


def _enable_wal(db: sqlite_utils.Database, timeout: float) -> None:
    # Switching a new file to WAL needs an exclusive lock, and SQLite does not
    # always call the busy handler for it: two processes creating the same
    # database at once would otherwise fail at once with "database is locked".
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def write_transaction(db: sqlite_utils.Database):
    """A transaction that takes the write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes cannot wait for another
    writer: SQLite answers SQLITE_BUSY at once to avoid a deadlock. Taking the
    lock first lets the busy timeout do its job.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its JSON columns turned back into lists."""
    out = dict(row)
    for column in JSON_COLUMNS:
        if column in out and isinstance(out[column], str):
            try:
                out[column] = json.loads(out[column])
            except ValueError:
                pass
    return out


class Store:
    """The writer side of the database."""

    def __init__(self, path: str | Path, timeout: float = DEFAULT_TIMEOUT, story_options: StoryOptions = DEFAULT_STORY_OPTIONS):
        self.path = Path(path)
        self.db = open_db(self.path, timeout=timeout)
        self.story_options = story_options

    def close(self) -> None:
        # A reader that never lets go stops automatic checkpoints; fold the
        # WAL back into the database when a crawl ends.
        # A TRUNCATE checkpoint waits for readers; do not let a reader that
        # holds a snapshot keep the crawl from exiting.
        try:
            self.db.conn.execute("PRAGMA busy_timeout = 2000")
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass
        self.db.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def find(self, url: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from articles where url = ?", [url]))
        return rows[0] if rows else None

    def upsert_article(
        self, record: dict[str, Any], html: str | None = None, bands: list[tuple[int, int]] | None = None
    ) -> tuple[str, int]:
        """Insert or update one article by URL; keep the previous text as a version.

        The article is placed in its story (db/stories.py) in the same
        transaction; `bands` are its MinHash band hashes when the caller has
        them already. Returns ("stored" | "updated" | "unchanged", article id).
        """
        now = utcnow()
        row = {k: (json.dumps(v, ensure_ascii=False) if k in JSON_COLUMNS else v) for k, v in record.items()}
        row.setdefault("fetched_at", now)
        with write_transaction(self.db):
            existing = self.find(row["url"])
            if existing is None:
                row["first_seen"] = row["fetched_at"]
                article_id = self.db["articles"].insert(row).last_pk
                status = "stored"
            else:
                article_id = existing["id"]
                same = existing["content_hash"] == row.get("content_hash") and existing["title"] == row.get("title")
                if same:
                    self.db["articles"].update(article_id, {"fetched_at": row["fetched_at"]})
                    status = "unchanged"
                else:
                    self.db["article_versions"].insert(
                        {
                            "article_id": article_id,
                            "title": existing["title"],
                            "text": existing["text"],
                            "content_hash": existing["content_hash"],
                            "fetched_at": existing["fetched_at"],
                            "replaced_at": now,
                        }
                    )
                    row.pop("first_seen", None)
                    self.db["articles"].update(article_id, row)
                    status = "updated"
            # A changed text may belong to another story now; an unchanged one
            # is placed only if it never was (stored before stories existed).
            if status != "unchanged" or existing.get("story_id") is None:
                assign_story(
                    self.db, article_id, row.get("text") or "", row.get("content_hash"), bands, self.story_options
                )
            if html is not None and status != "unchanged":
                self.save_html(article_id, html, row["fetched_at"])
        return status, article_id

    def save_html(self, article_id: int, html: str, fetched_at: str) -> None:
        self.db["pages"].upsert(
            {
                "article_id": article_id,
                "html": zlib.compress(html.encode("utf-8"), 6),
                "encoding": "utf-8",
                "fetched_at": fetched_at,
            },
            pk="article_id",
        )


def load_html(db: sqlite_utils.Database, article_id: int) -> str | None:
    rows = list(db.query("select html from pages where article_id = ?", [article_id]))
    if not rows:
        return None
    return zlib.decompress(rows[0]["html"]).decode("utf-8")
