"""Reads: search with filters, one article, stories (the CLI and the demo),
and what a running crawl asks the store (`KnownArticles`)."""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from db.columns import CONTRACT_COLUMNS, decode_row
from db.crawls import last_success_started
from db.store import LOOKUP_CHUNK, StoreError, open_db


class QueryError(Exception):
    """A search the user typed cannot run; the message is for the user."""


@dataclass
class Filters:
    text: str | None = None
    raw: bool = False
    site: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    story: int | None = None
    limit: int = 20


def search_articles(db: sqlite_utils.Database, filters: Filters) -> list[dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    columns = ", ".join(f"articles.{c}" for c in CONTRACT_COLUMNS) + ", articles.is_original"
    if filters.text and filters.text.strip():
        match = filters.text if filters.raw else db.quote_fts(filters.text)
        sql_from = "articles join articles_fts on articles_fts.rowid = articles.id"
        where.append("articles_fts match :match")
        params["match"] = match
        order = "articles_fts.rank"
    else:
        sql_from = "articles"
        order = "coalesce(articles.published, articles.fetched_at) desc, articles.id desc"
    if filters.site:
        where.append("(articles.site = :site or articles.site like '%.' || :site)")
        params["site"] = filters.site.lower()
    if filters.language:
        where.append("articles.language = :language")
        params["language"] = filters.language.lower()
    if filters.since:
        where.append("coalesce(articles.published, articles.fetched_at) >= :since")
        params["since"] = filters.since
    if filters.until:
        # An --until date includes the whole day.
        where.append("substr(coalesce(articles.published, articles.fetched_at), 1, length(:until)) <= :until")
        params["until"] = filters.until
    if filters.story is not None:
        where.append("articles.story_id = :story")
        params["story"] = filters.story
        order = "articles.is_original desc, coalesce(articles.published, articles.fetched_at), articles.id"
    sql = f"select {columns} from {sql_from}"
    if where:
        sql += " where " + " and ".join(where)
    sql += f" order by {order} limit :limit"
    params["limit"] = filters.limit
    try:
        return [dict(row) for row in db.query(sql, params)]
    except sqlite3.OperationalError as exc:
        if filters.raw:
            raise QueryError(f"full-text syntax error: {exc} (drop --raw to search the words as typed)") from None
        raise


def get_article(db: sqlite_utils.Database, key: str) -> dict[str, Any] | None:
    """One article by id or by URL (normalised the way it was stored)."""
    if key.isdigit():
        rows = list(db.query("select * from articles where id = ?", [int(key)]))
    else:
        from cleaning.urls import InvalidURL, normalize_url

        candidates = [key]
        try:
            candidates.append(normalize_url(key))
        except InvalidURL:
            pass
        rows = list(
            db.query(
                "select * from articles where url in ({}) or canonical_url in ({})".format(
                    ",".join("?" * len(candidates)), ",".join("?" * len(candidates))
                ),
                candidates + candidates,
            )
        )
    return decode_row(rows[0]) if rows else None


def stored_pages(db: sqlite_utils.Database, ids: list[int] | None = None, site: str | None = None):
    """Articles with their stored HTML, one at a time, in one query (the HTML
    is decompressed as each row is reached)."""
    where, params = [], []
    if ids:
        where.append("articles.id in ({})".format(",".join("?" * len(ids))))
        params += list(ids)
    if site:
        where.append("(articles.site = ? or articles.site like '%.' || ?)")
        params += [site.lower(), site.lower()]
    sql = (
        "select articles.id, articles.url, articles.fetched_url, articles.http_status, articles.fetched_at, "
        "articles.source_name, articles.site, pages.html from articles join pages on pages.article_id = articles.id"
    )
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by articles.id"
    for row in db.query(sql, params):
        yield {**row, "html": zlib.decompress(row["html"]).decode("utf-8")}


# The keys `stories --format json` prints, in this order.
STORY_COLUMNS = [
    "story_id",
    "copies",
    "sites",
    "languages",
    "first_published",
    "last_published",
    "original_id",
    "original_url",
    "original_site",
    "title",
]


def list_stories(db: sqlite_utils.Database, since: str | None = None, limit: int | None = 20,
                 min_copies: int = 1) -> list[dict[str, Any]]:
    """Stories with their number of copies and sites, largest first; the title
    is the original's. `limit` None lists them all."""
    conditions = ["count(*) >= :min_copies"]
    # SQLite reads a negative LIMIT as none.
    params: dict[str, Any] = {"limit": -1 if limit is None else limit, "min_copies": min_copies}
    if since:
        # A story is listed when any of its copies is that recent.
        conditions.append("max(coalesce(a.published, a.fetched_at)) >= :since")
        params["since"] = since
    having = "having " + " and ".join(conditions)
    sql = f"""
        select a.story_id as story_id, count(*) as copies, count(distinct a.site) as sites,
               group_concat(distinct a.language) as languages,
               min(coalesce(a.published, a.fetched_at)) as first_published,
               max(coalesce(a.published, a.fetched_at)) as last_published,
               s.original_id as original_id, o.url as original_url, o.site as original_site,
               coalesce(o.title, s.title) as title
        from articles a
        join stories s on s.id = a.story_id
        left join articles o on o.id = s.original_id
        where a.story_id is not null
        group by a.story_id
        {having}
        order by copies desc, sites desc, last_published desc, a.story_id desc
        limit :limit
    """
    return [dict(row) for row in db.query(sql, params)]


def story_summary(db: sqlite_utils.Database, story_id: int | None) -> dict[str, Any] | None:
    """How many copies a story has, on how many sites, and which one is the original."""
    if story_id is None:
        return None
    rows = list(
        db.query(
            "select count(*) as copies, count(distinct site) as sites, "
            "(select original_id from stories where id = :story) as original_id "
            "from articles where story_id = :story",
            {"story": story_id},
        )
    )
    if not rows or not rows[0]["copies"]:
        return None
    return {"id": story_id, **rows[0]}


def story_matches(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Why an article is in its story: each verified pair it is part of (either
    side), with the other article, the kind of match (exact, link, near,
    translation), its score and its evidence."""
    import json

    rows = db.query(
        "select p.other_id, p.kind, p.score, p.evidence, p.matched_at, p.direction, o.url, o.site, o.language "
        "from (select matched_id as other_id, kind, score, evidence, matched_at, 'matched' as direction "
        "      from story_matches where article_id = :id "
        "      union all "
        "      select article_id, kind, score, evidence, matched_at, 'matched by' "
        "      from story_matches where matched_id = :id) p "
        "left join articles o on o.id = p.other_id "
        "order by coalesce(p.matched_at, ''), p.other_id",
        {"id": article_id},
    )
    return [
        {
            "article_id": row["other_id"],
            "url": row["url"],
            "site": row["site"],
            "language": row["language"],
            "kind": row["kind"],
            "score": row["score"],
            "direction": row["direction"],
            "matched_at": row["matched_at"],
            "evidence": json.loads(row["evidence"]) if row["evidence"] else {},
        }
        for row in rows
    ]


def count_site_articles(db: sqlite_utils.Database, sites: list[str]) -> int:
    """How many stored articles have one of these exact `site` values (host:port)."""
    if not sites or not db["articles"].exists():
        return 0
    marks = ", ".join("?" for _ in sites)
    return db.execute(f"select count(*) from articles where site in ({marks})", list(sites)).fetchone()[0]


class KnownArticles:
    """What a crawl asks the store while it runs: which of the links it found
    are stored already, and when a source's last complete run started.

    It reads on a read-only connection of its own: the crawl's one writer is
    another connection, and this one never takes a write lock. A store that
    does not exist yet, or cannot be read, knows no article."""

    def __init__(self, path: str | Path, timeout: float = 30.0):
        self.path = Path(path)
        self.timeout = timeout
        self.db: sqlite_utils.Database | None = None

    def open(self) -> None:
        if self.db is not None or not self.path.exists():
            return
        try:
            self.db = open_db(self.path, timeout=self.timeout, readonly=True)
        except StoreError:
            self.db = None

    def stored_among(self, urls: list[str]) -> set[str]:
        """The URLs (normalised keys) of these that the store holds: one query per LOOKUP_CHUNK of them."""
        if self.db is None or not urls:
            return set()
        found: set[str] = set()
        for start in range(0, len(urls), LOOKUP_CHUNK):
            chunk = urls[start:start + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self.db.execute(f"select url from articles where url in ({marks})", chunk))
        return found

    def last_complete_run(self, source: str) -> str | None:
        """When the source's last run that ended "ok" started (ISO 8601), or None."""
        if self.db is None:
            return None
        try:
            return last_success_started(self.db, source)
        except sqlite3.DatabaseError:
            return None

    def close(self) -> None:
        if self.db is not None:
            self.db.conn.close()
            self.db = None
