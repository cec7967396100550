"""Reads used by the CLI and the demo: search with filters, one article,
stories; and what a running crawl asks the store (`KnownArticles`).

Dates. `published` holds what the page gave: a date, a local time without
zone, or an instant with its offset; `fetched_at` stands in when it is
empty. Ordering compares instants in UTC; a time without offset counts as
UTC and a date alone as the last second of its day (cleaning/dates.py), so
a page that says only "4 March" never comes before one timed on 4 March.
Filters: a date (2024-03-04) compares the article's own calendar date as the
page gives it; a date-time (2024-03-04T08:00, offset optional, else UTC)
compares instants, and an article dated without time is within the filter
when any part of its day is.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from cleaning.record import FETCH_FIELDS
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
    author: str | None = None
    min_mt_score: float | None = None
    sort: str | None = None  # "relevance", "published" or "mt_score"; None: relevance for a search, else published
    limit: int | None = 20  # None: every match


def _day_start(column: str) -> str:
    """SQL for the first instant (UTC) a stored date or date-time can mean."""
    return f"datetime({column})"


def _day_end(column: str) -> str:
    """SQL for the last instant (UTC) a stored date or date-time can mean: a
    date alone lasts its whole day."""
    return f"(case when length({column}) = 10 then datetime({column}, '+1 day', '-1 second') else datetime({column}) end)"


# The moment an article is ordered by (see the module docstring).
_WHEN = "coalesce(articles.published, articles.fetched_at)"
INSTANT = _day_end(_WHEN)


def _is_date(value: str) -> bool:
    return len(value.strip()) == 10


def date_condition(when: str, bound: str, value: str) -> str:
    """SQL keeping what `when` dates on or after (`bound` "since") or on or
    before ("until") the parameter of that name: a date compares calendar
    dates (an --until date includes its day), a date-time instants, where a
    stored date alone is in when any part of its day is."""
    if _is_date(value):
        return f"substr({when}, 1, 10) {'>=' if bound == 'since' else '<='} :{bound}"
    if bound == "since":
        return f"{_day_end(when)} >= datetime(:since)"
    return f"{_day_start(when)} <= datetime(:until)"


def _author_matches(authors_json: str | None, wanted: str) -> int:
    """Whether one of the stored authors is `wanted`: its words, in order,
    whole, case and accents ignored ("baumann" finds Birgit Baumann)."""
    from cleaning.authors import fold_name

    try:
        names = json.loads(authors_json or "[]")
    except ValueError:
        return 0
    want = [fold_name(w) for w in wanted.split() if fold_name(w)]
    if not want:
        return 0
    for name in names if isinstance(names, list) else []:
        words = [fold_name(w) for w in str(name).split() if fold_name(w)]
        if any(words[i : i + len(want)] == want for i in range(len(words) - len(want) + 1)):
            return 1
    return 0


# The orders `query --sort` offers.
ARTICLE_SORTS = {
    "published": f"{INSTANT} desc, articles.id desc",
    "mt_score": "articles.mt_score desc nulls last, articles.id desc",
}


NO_MT_SCORES = "this database has no machine-translation scores yet (`newscrawl reclean` computes them)"


def has_mt_scores(db: sqlite_utils.Database) -> bool:
    """A store made before the score existed has no column for it until a writer opens it."""
    return "mt_score" in db["articles"].columns_dict


def search_articles(db: sqlite_utils.Database, filters: Filters) -> list[dict[str, Any]]:
    return list(iter_articles(db, filters))


def iter_articles(db: sqlite_utils.Database, filters: Filters, *, columns: list[str] | None = None,
                  by_id: bool = False):
    """The matching articles one at a time, from one query: memory stays
    flat whatever their number. `columns` (default: the contract's, the
    site's name and `is_original`); `by_id` orders them by id (a search
    for words keeps its ranking)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    scored = has_mt_scores(db)
    if not scored and (filters.min_mt_score is not None or filters.sort == "mt_score"):
        raise QueryError(NO_MT_SCORES)
    wanted = columns or [*CONTRACT_COLUMNS, "site_name", "is_original", *(["mt_score"] if scored else [])]
    columns = ", ".join(f"articles.{c}" for c in wanted)
    if not scored and "mt_score" not in wanted:
        columns += ", null as mt_score"
    if filters.text and filters.text.strip():
        match = filters.text if filters.raw else db.quote_fts(filters.text)
        sql_from = "articles join articles_fts on articles_fts.rowid = articles.id"
        where.append("articles_fts match :match")
        params["match"] = match
        order = "articles_fts.rank"
    else:
        sql_from = "articles"
        order = f"{INSTANT} desc, articles.id desc"
    if by_id:
        order = "articles.id"
    if isinstance(filters.site, (list, tuple)):
        # Hosts already resolved (db/sites.py): exactly these.
        where.append(f"articles.site in ({', '.join(f':site{i}' for i in range(len(filters.site)))})")
        params.update({f"site{i}": host for i, host in enumerate(filters.site)})
    elif filters.site:
        where.append("(articles.site = :site or articles.site like '%.' || :site)")
        params["site"] = filters.site.lower()
    if filters.language:
        where.append("articles.language = :language")
        params["language"] = filters.language.lower()
    for name, value in (("since", filters.since), ("until", filters.until)):
        if value:
            where.append(date_condition(_WHEN, name, value))
            params[name] = value.strip()
    if filters.author:
        db.register_function(_author_matches, name="newscrawl_author_matches", deterministic=True, replace=True)
        where.append("newscrawl_author_matches(articles.authors, :author)")
        params["author"] = filters.author
    if filters.story is not None:
        where.append("articles.story_id = :story")
        params["story"] = filters.story
        order = f"articles.is_original desc, {INSTANT}, articles.id"
    if filters.min_mt_score is not None:
        where.append("articles.mt_score >= :min_mt_score")
        params["min_mt_score"] = filters.min_mt_score
    if filters.sort in ARTICLE_SORTS:
        order = ARTICLE_SORTS[filters.sort]
    elif filters.sort == "relevance" and not (filters.text and filters.text.strip()):
        raise QueryError("--sort relevance needs a search TEXT")
    sql = f"select {columns} from {sql_from}"
    if where:
        sql += " where " + " and ".join(where)
    sql += f" order by {order}"
    if filters.limit is not None:
        sql += " limit :limit"
        params["limit"] = filters.limit
    try:
        for row in db.query(sql, params):
            yield decode_row(row)
    except sqlite3.OperationalError as exc:
        if filters.raw:
            raise QueryError(f"full-text syntax error: {exc} (drop --raw to search the words as typed)") from None
        raise


def get_article(db: sqlite_utils.Database, key: str) -> dict[str, Any] | None:
    """One article by id or by URL: normalised as `ingest` stores it, with
    or without the trailing slash of its path."""
    if key.isdigit():
        rows = list(db.query("select * from articles where id = ?", [int(key)]))
    else:
        from cleaning.urls import InvalidURL, normalize_url

        candidates = [key]
        try:
            normalised = normalize_url(key)
        except InvalidURL:
            normalised = None
        if normalised:
            head, sep, query = normalised.partition("?")
            other = head[:-1] if head.endswith("/") else head + "/"
            if "://" in other and "/" in other.split("://", 1)[1]:
                candidates += [normalised, other + sep + query]
        rows = list(
            db.query(
                "select * from articles where url in ({}) or canonical_url in ({})".format(
                    ",".join("?" * len(candidates)), ",".join("?" * len(candidates))
                ),
                candidates + candidates,
            )
        )
    return decode_row(rows[0]) if rows else None


def stored_pages(db: sqlite_utils.Database, ids: list[int] | None = None, sites: list[str] | None = None):
    """Articles with their stored HTML, one at a time, in one query (the HTML
    is decompressed as each row is reached); `sites` are exact hosts."""
    where, params = [], []
    if ids:
        where.append("articles.id in ({})".format(",".join("?" * len(ids))))
        params += list(ids)
    if sites:
        where.append("articles.site in ({})".format(",".join("?" * len(sites))))
        params += list(sites)
    # Every fetch fact the record declares (a reclean keeps them), of those
    # this database has already.
    columns = set(db["articles"].columns_dict)
    fetch = "".join(f"articles.{name}, " for name in FETCH_FIELDS if name in columns)
    sql = f"select articles.id, {fetch}pages.html from articles join pages on pages.article_id = articles.id"
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
    "language_count",
    "first_published",
    "last_published",
    "spread_seconds",
    "original_id",
    "original_url",
    "original_site",
    "title",
]

# The orders `stories --sort` offers: largest first, newest first.
STORY_SORTS = {
    "copies": "copies desc, sites desc, last_instant desc, story_id desc",
    "sites": "sites desc, copies desc, last_instant desc, story_id desc",
    "spread": "spread_seconds desc nulls last, copies desc, story_id desc",
    "first_published": "first_instant desc nulls last, story_id desc",
}

# A copy's time is its publication, else when it was fetched. Compared as
# instants (julianday reads the offsets): "09:00+03:00" is before "07:00Z".
_COPY_TIME = "coalesce(a.published, a.fetched_at)"
# The earliest and latest copy's own time string: the lowest (highest) of
# "instant as fixed-width number + time string", with the number cut off.
_EDGE_TIME = ("substr({fn}(case when julianday({t}) is not null "
              "then printf('%020.10f', julianday({t})) || {t} end), 21)")


def list_stories(db: sqlite_utils.Database, since: str | None = None, limit: int | None = 20,
                 sort: str = "copies", min_copies: int = 1) -> list[dict[str, Any]]:
    """Stories with their number of copies, sites and languages, and the time
    from the first copy to the last; the title is the original's. `limit`
    None lists them all."""
    if sort not in STORY_SORTS:
        raise QueryError(f"unknown story order '{sort}' (known: {', '.join(STORY_SORTS)})")
    conditions = ["count(*) >= :min_copies"]
    # SQLite reads a negative LIMIT as none.
    params: dict[str, Any] = {"limit": -1 if limit is None else limit, "min_copies": min_copies}
    if since:
        # A story is listed when any of its copies is that recent.
        conditions.append(f"max({date_condition(_COPY_TIME, 'since', since)})")
        params["since"] = since.strip()
    having = "having " + " and ".join(conditions)
    sql = f"""
        select a.story_id as story_id, count(*) as copies, count(distinct a.site) as sites,
               group_concat(distinct a.language) as languages,
               count(distinct nullif(a.language, 'und')) as language_count,
               {_EDGE_TIME.format(fn="min", t=_COPY_TIME)} as first_published,
               {_EDGE_TIME.format(fn="max", t=_COPY_TIME)} as last_published,
               min(julianday({_COPY_TIME})) as first_instant,
               max(julianday({_COPY_TIME})) as last_instant,
               cast(round((max(julianday({_COPY_TIME})) - min(julianday({_COPY_TIME}))) * 86400) as integer)
                   as spread_seconds,
               s.original_id as original_id, o.url as original_url, o.site as original_site,
               o.site_name as original_site_name, coalesce(o.title, s.title) as title
        from articles a
        join stories s on s.id = a.story_id
        left join articles o on o.id = s.original_id
        where a.story_id is not null
        group by a.story_id
        {having}
        order by {STORY_SORTS[sort]}
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


def missing_article_ids(db: sqlite_utils.Database, ids: list[int]) -> list[int]:
    """Which of these ids no stored article has."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {row[0] for row in db.execute(f"select id from articles where id in ({marks})", list(ids))}
    return [i for i in ids if i not in found]


def count_site_articles(db: sqlite_utils.Database, sites: list[str]) -> int:
    """How many stored articles have one of these exact `site` values (host:port)."""
    if not sites or not db["articles"].exists():
        return 0
    marks = ", ".join("?" for _ in sites)
    return db.execute(f"select count(*) from articles where site in ({marks})", list(sites)).fetchone()[0]


def _instant(value: str | None):
    """An ISO 8601 time as an aware UTC datetime (a time without offset is UTC); None when unreadable."""
    import datetime as dt

    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


def _url_keys(url: str | None) -> set[str]:
    from cleaning.urls import InvalidURL, normalize_url

    if not url:
        return set()
    try:
        return {url, normalize_url(url)}
    except (InvalidURL, ValueError):
        return {url}


def story_copies(db: sqlite_utils.Database, story_id: int) -> dict[str, Any] | None:
    """A story's copies in time order (published, else fetched): each with
    its site, language, its time in UTC (`utc`, None when unreadable), the
    copy it names as its source (`source_id`, when that page is in the
    story) and its delay from the original in seconds. None when the story
    has no copies."""
    rows = [
        dict(row)
        for row in db.query(
            "select a.id, a.url, a.canonical_url, a.site, a.language, a.title, a.published, a.fetched_at, "
            f"a.source_url, a.is_original, {'a.mt_score' if has_mt_scores(db) else 'null as mt_score'}, s.original_id "
            "from articles a left join stories s on s.id = a.story_id where a.story_id = ? order by a.id",
            [story_id],
        )
    ]
    if not rows:
        return None
    owner: dict[str, int] = {}
    for row in rows:
        for key in _url_keys(row["url"]) | _url_keys(row["canonical_url"]):
            owner.setdefault(key, row["id"])
    for row in rows:
        row["time"] = row["published"] or row["fetched_at"]
        row["time_is"] = "published" if row["published"] else "fetched"
        named = [owner[key] for key in _url_keys(row["source_url"]) if key in owner]
        row["source_id"] = next((aid for aid in named if aid != row["id"]), None)
    original_id = rows[0]["original_id"]
    original = next((row for row in rows if row["id"] == original_id), None)
    start = _instant(original["time"]) if original else None
    for row in rows:
        moment = _instant(row["time"])
        row["utc"] = moment.isoformat() if moment else None
        row["delay_seconds"] = int((moment - start).total_seconds()) if moment and start else None
        row.pop("original_id")
        row.pop("canonical_url")
    far_future = _instant("9999-12-31T00:00:00+00:00")
    # At the same time (a date without an hour is common), the original first.
    rows.sort(key=lambda row: (_instant(row["time"]) or far_future, not row["is_original"], row["id"]))
    title = original["title"] if original else rows[0]["title"]
    return {"id": story_id, "title": title, "original_id": original_id, "copies": rows}


def site_mt_scores(db: sqlite_utils.Database, threshold: float | None = None,
                   site: str | None = None) -> list[dict[str, Any]]:
    """Each site's machine-translation scores: how many articles, how many
    scored by the current formula, their median, and the share above
    `threshold` (cleaning/mtscore.py's by default); the most damaged site
    first. Scores of an older formula are counted apart (`outdated`):
    `reclean` brings them up to date."""
    from statistics import median

    from cleaning.mtscore import MT_SCORE_THRESHOLD, MT_SCORE_VERSION

    threshold = MT_SCORE_THRESHOLD if threshold is None else threshold
    if not has_mt_scores(db):
        raise QueryError(NO_MT_SCORES)
    where, params = "", []
    if site:
        where = "where site = ? or site like '%.' || ?"
        params = [site.lower(), site.lower()]
    by_site: dict[str, dict[str, Any]] = {}
    for name, score, version in db.execute(
        f"select site, mt_score, mt_version from articles {where} order by site", params
    ):
        entry = by_site.setdefault(name, {"site": name, "articles": 0, "scores": [], "outdated": 0})
        entry["articles"] += 1
        if score is not None and version == MT_SCORE_VERSION:
            entry["scores"].append(score)
        else:
            entry["outdated"] += 1
    out = []
    for entry in by_site.values():
        scores = entry.pop("scores")
        above = sum(1 for score in scores if score >= threshold)
        out.append({
            **entry,
            "scored": len(scores),
            "median_mt_score": round(median(scores), 2) if scores else None,
            "above_threshold": above,
            "share_above": round(above / len(scores), 3) if scores else None,
            "threshold": threshold,
        })
    out.sort(key=lambda e: (e["median_mt_score"] is None, -(e["median_mt_score"] or 0), -(e["share_above"] or 0), e["site"]))
    return out


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
