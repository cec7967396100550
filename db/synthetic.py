"""Synthetic stores for the scale benchmarks (benchmarks/stories*.py): filler
articles written in bulk, and placed articles taken out again so that the
next store size starts from the same rows."""

from __future__ import annotations

import random

import sqlite_utils

from db.store import write_transaction

BAND_TABLES = ("article_bands", "article_anchor_bands")


def fill_unrelated_articles(db: sqlite_utils.Database, target: int, rng: random.Random, band_ids: list[int],
                            anchor_bands: int, languages=("und",)) -> int:
    """Add unrelated filler articles, each its own story with random band
    hashes in both indexes, until the store holds `target`. Returns how many
    were added. The band indexes are dropped while writing and made again."""
    conn = db.conn
    have = conn.execute("select count(*) from articles").fetchone()[0]
    if have >= target:
        return 0
    n = target - have
    with write_transaction(db):
        for table in BAND_TABLES:
            conn.execute(f"drop index if exists {table}_lookup")
            conn.execute(f"drop index if exists {table}_article")
        start_id = conn.execute("select coalesce(max(id), 0) from articles").fetchone()[0] + 1
        story_start = conn.execute("select coalesce(max(id), 0) from stories").fetchone()[0] + 1
        conn.executemany(
            "insert into stories (id, created_at, original_id, title) values (?, '2024-01-01', ?, 'filler')",
            ((story_start + k, start_id + k) for k in range(n)),
        )
        conn.executemany(
            "insert into articles (id, url, site, title, text, language, published, story_id, is_original, content_hash)"
            " values (?, ?, ?, 'filler', ?, ?, '2024-01-01', ?, 1, ?)",
            (
                (start_id + k, f"https://filler{k % 97}.example/{start_id + k}", f"filler{k % 97}.example",
                 f"filler article {start_id + k}", languages[k % len(languages)], story_start + k,
                 f"{rng.getrandbits(128):032x}")
                for k in range(n)
            ),
        )
        conn.executemany(
            "insert into article_bands (band, hash, article_id) values (?, ?, ?)",
            ((b, rng.getrandbits(64) - 2**63, start_id + k) for k in range(n) for b in band_ids),
        )
        conn.executemany(
            "insert into article_anchor_bands (band, hash, article_id) values (?, ?, ?)",
            ((b, rng.getrandbits(64) - 2**63, start_id + k) for k in range(n) for b in range(anchor_bands)),
        )
        for table in BAND_TABLES:
            conn.execute(f"create index {table}_lookup on {table} (band, hash, article_id)")
            conn.execute(f"create index {table}_article on {table} (article_id)")
    conn.execute("analyze")
    return n


def remove_articles(db: sqlite_utils.Database, ids: list[int]) -> None:
    """Take articles out with their bands and matches, and the stories left empty."""
    if not ids:
        return
    conn = db.conn
    with write_transaction(db):
        marks = ",".join("?" * len(ids))
        story_ids = [r[0] for r in conn.execute(f"select distinct story_id from articles where id in ({marks})", ids)]
        for table in BAND_TABLES:
            conn.execute(f"delete from {table} where article_id in ({marks})", ids)
        conn.execute(f"delete from story_matches where article_id in ({marks})", ids)
        conn.execute(f"delete from story_matches where matched_id in ({marks})", ids)
        conn.execute(f"delete from articles where id in ({marks})", ids)
        conn.execute(
            f"delete from stories where id in ({','.join('?' * len(story_ids))}) "
            "and not exists (select 1 from articles where story_id = stories.id)",
            story_ids,
        )


def story_of_articles(db: sqlite_utils.Database) -> dict[int, int | None]:
    """Every article's story, by article id."""
    return dict(db.conn.execute("select id, story_id from articles"))


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows in the articles, band and match tables."""
    return {table: db.conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", *BAND_TABLES, "story_matches")}


def match_kinds(db: sqlite_utils.Database) -> dict[str, int]:
    """How many recorded matches are of each kind (exact, link, near, translation)."""
    return dict(db.conn.execute("select kind, count(*) from story_matches group by kind"))
