"""Connection handling and writes.

One writer per crawl (the store pipeline); readers open the file read-only.
WAL lets readers and the writer work at once; a long busy timeout makes a
second writer wait instead of failing; a batch of articles is written in one
transaction, so a kill leaves either the old rows or the new ones.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from cleaning.record import ArticleRecord
from db.columns import decode_row, row_of
from db.migrations import apply_migrations
from db.stories import DEFAULT_STORY_OPTIONS, StoryOptions, assign_story, recompute_original

# What a story's original is chosen by (db/stories.py, choose_original).
_ORIGINAL_INPUTS = frozenset({"url", "canonical_url", "source_url", "published"})

DEFAULT_TIMEOUT = 60.0
# zlib level for stored pages. On real news pages (the extraction
# benchmark's 181), per page: level 1 takes 1.0 ms for 40.8 KB, 4 takes 1.5 ms
# for 36.0 KB, 6 takes 2.7 ms for 34.3 KB: past 4, each KB saved costs a
# millisecond of the worker's time on every page.
HTML_COMPRESSION_LEVEL = 4
# URLs looked up in one query: well under SQLite's limit on bound values.
LOOKUP_CHUNK = 500


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


def compress_html(html: str) -> bytes:
    """The stored form of a fetched page (done in the worker processes)."""
    return zlib.compress(html.encode("utf-8"), HTML_COMPRESSION_LEVEL)


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

    def find_all(self, urls: list[str]) -> dict[str, dict[str, Any]]:
        """The stored rows of these URLs, by URL, in one query per LOOKUP_CHUNK of them."""
        found: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(urls))
        for start in range(0, len(unique), LOOKUP_CHUNK):
            chunk = unique[start:start + LOOKUP_CHUNK]
            found.update((row["url"], row) for row in self.db.query(
                f"select * from articles where url in ({','.join('?' * len(chunk))})", chunk))
        return found

    def upsert_article(self, record: ArticleRecord, page: bytes | None = None) -> tuple[str, int]:
        """Insert or update one article by URL; see `write_batch`."""
        status, article_id, *_story = self.write_batch([(record, page)])[0]
        return status, article_id

    def write_batch(
        self,
        entries: list[tuple[ArticleRecord, bytes | None]],
        failed: list[tuple[ArticleRecord, bytes | None, str]] = (),
    ) -> list[tuple[str, int, int | None, bool, int]]:
        """Insert or update articles by URL in one transaction; keep each
        replaced text as a version; place each in its story. `failed` are
        pages the page function could not process: their HTML is kept in
        `failed_pages` for `reclean`.

        `page` is the fetched HTML as `compress_html` made it, or None.
        Returns (status, article id, story id, is the original, copies in the
        story) per entry; status is "stored", "updated" or "unchanged"."""
        with write_transaction(self.db):
            # The batch's stored rows in one query; a URL met twice in the
            # batch is read again, as its first write left it.
            known = self.find_all([record.url for record, _page in entries])
            placed = []
            for record, page in entries:
                existing = known.pop(record.url) if record.url in known else self.find(record.url)
                status, article_id = self._upsert(record, page, existing)
                placed.append((status, article_id, *self.story_of(article_id)))
            for record, page, error in failed:
                self.db["failed_pages"].upsert(
                    {"url": record.url, "fetched_url": record.fetched_url, "fetched_at": record.fetched_at or utcnow(),
                     "source_name": record.source_name, "error": error, "html": page},
                    pk="url",
                )
            if entries:
                urls = [record.url for record, _page in entries]
                self.db.execute(f"delete from failed_pages where url in ({','.join('?' * len(urls))})", urls)
            return placed

    def _upsert(self, record: ArticleRecord, page: bytes | None, existing: dict[str, Any] | None) -> tuple[str, int]:
        now = utcnow()
        row = row_of(record)
        row["fetched_at"] = row.get("fetched_at") or now
        if existing is None:
            row["first_seen"] = row["fetched_at"]
            article_id = self.db["articles"].insert(row).last_pk
            status = "stored"
        else:
            article_id = existing["id"]
            same = existing["content_hash"] == row.get("content_hash") and existing["title"] == row.get("title")
            if same:
                # The text stays; metadata read better since (by `reclean`,
                # or changed on the page) is written over the old, and figures
                # computed from the text follow their formula's current version.
                # A refetch points at its newest archived copy.
                refreshed = {k: v for k, v in row.items() if existing.get(k) != v}
                if not row.get("warc_file"):
                    refreshed.pop("warc_file", None)
                    refreshed.pop("warc_offset", None)
                self.db["articles"].update(article_id, {**refreshed, "fetched_at": row["fetched_at"]})
                status = "unchanged"
                if existing.get("story_id") is not None and refreshed.keys() & _ORIGINAL_INPUTS:
                    recompute_original(self.db, existing["story_id"])
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
                self.db["articles"].update(article_id, row)
                status = "updated"
        # A changed text may belong to another story now; an unchanged one
        # is placed only if it never was (stored before stories existed).
        if status != "unchanged" or existing.get("story_id") is None:
            assign_story(self.db, article_id, row.get("text") or "", row.get("content_hash"), record.bands or None,
                         self.story_options, anchors=record.anchors)
        if page is not None and status != "unchanged":
            self.save_page(article_id, page, row["fetched_at"])
        return status, article_id

    def save_page(self, article_id: int, page: bytes, fetched_at: str) -> None:
        self.db["pages"].upsert(
            {"article_id": article_id, "html": page, "encoding": "utf-8", "fetched_at": fetched_at},
            pk="article_id",
        )

    def story_of(self, article_id: int) -> tuple[int | None, bool, int]:
        """(story id, is the original, copies in the story) of a stored article."""
        row = self.db.conn.execute(
            "select story_id, is_original, (select count(*) from articles c where c.story_id = a.story_id) "
            "from articles a where id = ?",
            (article_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return None, False, 0
        return row[0], bool(row[1]), row[2]


def iter_stored_urls(db: sqlite_utils.Database, chunk: int = 10000):
    """Every stored article's key, in lists of up to `chunk`, by id."""
    last = 0
    while True:
        rows = db.execute("select id, url from articles where id > ? order by id limit ?", [last, chunk]).fetchall()
        if not rows:
            return
        yield [url for _id, url in rows]
        last = rows[-1][0]


def load_html(db: sqlite_utils.Database, article_id: int) -> str | None:
    rows = list(db.query("select html from pages where article_id = ?", [article_id]))
    if not rows:
        return None
    return zlib.decompress(rows[0]["html"]).decode("utf-8")
