"""The store stage: batches, one transaction each, statuses back on the items."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from scrapy.exceptions import DropItem

from cleaning.page import process_text
from cleaning.record import ArticleRecord
from newscrawl.items import Article
from newscrawl.pipelines.store import StorePipeline
from tests.conftest import rows
from tests.pipelines.conftest import crawler_for

TEXT = ("The council approved the harbour budget on Tuesday after a long debate about the pier. "
        "Repairs start in May and should end before the winter storms, the mayor said.")


def article(n: int, text: str = TEXT) -> Article:
    record = process_text(f"{text} Item {n}.", title=f"Harbour budget {n}")
    record.with_fetch(ArticleRecord(url=f"https://harbour.example/{n}", fetched_url=f"https://harbour.example/{n}",
                                    http_status=200, fetched_at="2024-05-01T10:00:00+00:00", site="harbour.example"))
    return Article(html="", record=record)


async def crawl(pipeline: StorePipeline, items: list[Article]) -> list:
    await pipeline.open_spider()
    try:
        return await asyncio.gather(*(pipeline.process_item(i) for i in items), return_exceptions=True)
    finally:
        await pipeline.close_spider()


def test_items_are_written_in_batches_and_get_their_status(db_path):
    crawler = crawler_for(NEWSCRAWL_DB=str(db_path), NEWSCRAWL_BATCH_SIZE=3, NEWSCRAWL_BATCH_SECONDS=0.05)
    pipeline = StorePipeline.from_crawler(crawler)
    items = [article(n) for n in range(7)]
    done = asyncio.run(crawl(pipeline, items))
    assert all(isinstance(d, Article) for d in done)
    assert [i.status for i in items] == ["stored"] * 7
    stored = rows(db_path)
    assert [r["url"] for r in stored] == [f"https://harbour.example/{n}" for n in range(7)]
    assert [r["id"] for r in stored] == [i.id for i in items]
    assert crawler.stats.get_value("newscrawl/store/stored") == 7
    # Writing the same records again changes nothing.
    again = [article(n) for n in range(7)]
    asyncio.run(crawl(StorePipeline.from_crawler(crawler), again))
    assert [i.status for i in again] == ["unchanged"] * 7


def test_a_page_the_page_function_failed_on_is_kept_for_reclean(db_path):
    crawler = crawler_for(NEWSCRAWL_DB=str(db_path))
    failed = article(1)
    failed.error, failed.page = "KeyError: 'x' (translation.py:12)", b"x\x9c"
    done = asyncio.run(crawl(StorePipeline.from_crawler(crawler), [failed, article(2)]))
    assert isinstance(done[0], DropItem) and "internal error: KeyError" in str(done[0])
    assert isinstance(done[1], Article) and done[1].status == "stored"
    kept = rows(db_path, "select url, error from failed_pages")
    assert kept == [{"url": "https://harbour.example/1", "error": "KeyError: 'x' (translation.py:12)"}]


def test_a_store_that_cannot_write_fails_each_item_of_the_batch(db_path):
    crawler = crawler_for(NEWSCRAWL_DB=str(db_path), NEWSCRAWL_DB_TIMEOUT=0.2)
    pipeline = StorePipeline.from_crawler(crawler)

    async def run():
        await pipeline.open_spider()
        holder = sqlite3.connect(db_path)
        holder.execute("begin immediate")  # another writer holds the lock
        try:
            return await asyncio.gather(pipeline.process_item(article(1)), pipeline.process_item(article(2)),
                                        return_exceptions=True)
        finally:
            holder.rollback()
            holder.close()
            await pipeline.close_spider()

    done = asyncio.run(run())
    assert all(isinstance(d, DropItem) and "locked by another process" in str(d) for d in done)
    assert rows(db_path) == []


def test_a_batch_reads_its_stored_rows_in_one_query_and_a_url_met_twice_sees_its_first_write(db_path):
    from db.store import Store

    with Store(db_path) as store:
        store.write_batch([(article(n).record, None) for n in range(5)])
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        changed = article(0, "The harbour budget was rejected on Wednesday after the pier debate ran late into the night.")
        placed = store.write_batch([(article(n).record, None) for n in range(5)] + [(changed.record, None)])
        store.db.conn.set_trace_callback(None)
    assert [status for status, *_rest in placed] == ["unchanged"] * 5 + ["updated"]
    lookups = [s for s in statements if s.startswith("select * from articles where url")]
    assert len(lookups) == 2  # the batch's, and the URL met a second time
    versions = rows(db_path, "select title from article_versions")
    assert versions == [{"title": "Harbour budget 0"}]
