"""Schema versions. Add a new function at the end; never change what an applied
one does to an existing database. The columns of `articles` come from the
record (db/columns.py): `add_missing_columns` adds new ones to older stores."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

from db.columns import article_columns

migrations = Migrations("newscrawl")


@migrations()
def m001_articles(db):
    # The columns come from the record (db/columns.py); later fields are added
    # to older databases by `add_missing_columns`.
    db["articles"].create(
        article_columns(),
        pk="id",
        not_null={"url"},
        defaults={"language": "und", "is_original": 0},
    )
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["site"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["story_id"])
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["source_url"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["pages"].create(
        {"article_id": int, "html": bytes, "encoding": str, "fetched_at": str},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "title": str,
            "text": str,
            "content_hash": str,
            "fetched_at": str,
            "replaced_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id"])
    db["stories"].create(
        {"id": int, "created_at": str, "original_id": int, "title": str},
        pk="id",
    )


@migrations()
def m010_crawls(db):
    # One row per run of a source: what `newscrawl sources` shows, what
    # `schedule` reads to know what is due, and what a sitemap's lastmod is
    # compared with (the start of the last run that ended "ok").
    db["crawls"].create(
        {
            "id": int,
            "source": str,
            "spider": str,
            "pid": int,
            "started": str,
            "finished": str,
            "status": str,  # running | ok | errors | stopped | interrupted | failed
            "discovered": int,
            "fetched": int,
            "stored": int,
            "updated": int,
            "unchanged": int,
            "skipped": int,
            "failed": int,
            "errors": str,  # JSON list of {url, reason}
        },
        pk="id",
        not_null={"source", "started", "status"},
        defaults={"discovered": 0, "fetched": 0, "stored": 0, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0},
    )
    db["crawls"].create_index(["source", "started"])


@migrations()
def m020_story_bands(db):
    # MinHash band hashes of each article (see cleaning/fingerprint.py): the
    # near-duplicate index lives in the store, so it survives restarts and a
    # lookup is one indexed query whatever the number of stored articles.
    # (band, hash, article_id) covers the lookup: the table itself is never read.
    db.execute(
        "create table if not exists article_bands ("
        "band integer not null, hash integer not null, article_id integer not null references articles(id))"
    )
    db.execute("create index if not exists article_bands_lookup on article_bands (band, hash, article_id)")
    db.execute("create index if not exists article_bands_article on article_bands (article_id)")
    db["stories"].create_index(["original_id"], if_not_exists=True)


@migrations()
def m030_fts_update_on_text_only(db):
    # The trigger sqlite-utils creates re-indexes a row on any update; story
    # placement and fetch times update rows often and never touch the text.
    db.execute("drop trigger if exists articles_au")
    db.execute(
        """create trigger articles_au after update of title, text on articles begin
  insert into articles_fts (articles_fts, rowid, title, text) values('delete', old.rowid, old.title, old.text);
  insert into articles_fts (rowid, title, text) values (new.rowid, new.title, new.text);
end"""
    )


@migrations()
def m040_failed_pages(db):
    # Pages the page function raised on: their HTML is kept so `reclean`
    # retries them once the defect is fixed; nothing fetched is lost.
    db["failed_pages"].create(
        {"url": str, "fetched_url": str, "fetched_at": str, "source_name": str, "error": str, "html": bytes},
        pk="url",
    )


@migrations()
def m041_story_anchors(db):
    # Band hashes of each article's figures (cleaning/anchors.py): the
    # cross-language index, looked up like article_bands in the same query.
    db.execute(
        "create table if not exists article_anchor_bands ("
        "band integer not null, hash integer not null, article_id integer not null references articles(id))"
    )
    db.execute("create index if not exists article_anchor_bands_lookup on article_anchor_bands (band, hash, article_id)")
    db.execute("create index if not exists article_anchor_bands_article on article_anchor_bands (article_id)")
    # Why two articles were put in one story: one row per verified pair, with
    # its kind (exact, link, near, translation) and the evidence as JSON.
    db.execute(
        "create table if not exists story_matches ("
        "article_id integer not null references articles(id), "
        "matched_id integer not null references articles(id), "
        "kind text not null, score real, evidence text, matched_at text)"
    )
    db.execute("create index if not exists story_matches_article on story_matches (article_id)")
    db.execute("create index if not exists story_matches_matched on story_matches (matched_id)")



@migrations()
def m050_url_keys_and_outcomes(db):
    # Article keys used to keep only a few query parameters, so different
    # articles (?story=40, ?story=41) could share one key. Keys are never
    # rewritten behind the user's back: the rows whose key the current rule
    # would write differently are listed, for `newscrawl` to report once.
    from cleaning.urls import InvalidURL, normalize_url

    db["url_key_changes"].create(
        {"article_id": int, "url": str, "new_url": str, "reported": int},
        pk="article_id",
        defaults={"reported": 0},
        if_not_exists=True,
    )
    changes = []
    for row in db.query("select id, url from articles"):
        try:
            new_url = normalize_url(row["url"])
        except InvalidURL:
            new_url = None
        if new_url != row["url"]:
            changes.append({"article_id": row["id"], "url": row["url"], "new_url": new_url, "reported": 0})
    db["url_key_changes"].insert_all(changes, replace=True)
    # A run's outcomes add up: pages that were no article, articles left for
    # the next run by max_pages and articles robots.txt forbids count too.
    for column in ("not_articles", "deferred", "forbidden"):
        if column not in db["crawls"].columns_dict:
            db["crawls"].add_column(column, int, not_null_default=0)


@migrations()
def m051_site_profiles(db):
    # The template learned from each site's stored pages (cleaning/site.py,
    # db/profiles.py): its furniture lines and title affixes as JSON lists of
    # {key, text, articles}; `articles` is the site's article count when it
    # was learned, so a crawl knows when the site has grown enough to learn again.
    db["site_profiles"].create(
        {
            "site": str,
            "learned_at": str,
            "articles": int,
            "stories": int,
            "furniture": str,
            "title_prefixes": str,
            "title_suffixes": str,
        },
        pk="site",
        not_null={"site"},
    )


@migrations()
def m060_distributed_runs(db):
    # Runs of a distributed crawl (docs/distributed.md) reach the store
    # through the writer: each crawler process's run has a key (`run_key`,
    # so a record replayed after a killed writer updates its row instead of
    # adding one) and the machine it ran on (`host`: a pid means something
    # only there). Articles such a run handed to the writer are `queued`;
    # those another crawler of the same run fetched are `elsewhere`.
    for column, kind in (("queued", int), ("elsewhere", int)):
        if column not in db["crawls"].columns_dict:
            db["crawls"].add_column(column, kind, not_null_default=0)
    for column in ("host", "run_key"):
        if column not in db["crawls"].columns_dict:
            db["crawls"].add_column(column, str)
    db["crawls"].create_index(["run_key"], unique=True, if_not_exists=True)


def add_missing_columns(db) -> None:
    """Columns the record gained since the database was made: added in place,
    empty (`reclean` fills them from the stored HTML)."""
    existing = set(db["articles"].columns_dict)
    for name, sql_type in article_columns().items():
        if name not in existing:
            db["articles"].add_column(name, sql_type)


def apply_migrations(db) -> None:
    migrations.apply(db)
    add_missing_columns(db)
