"""The store stage: the one writer, in batches."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from scrapy.exceptions import DropItem

from db.store import Store
from newscrawl.options import story_options
from newscrawl.outcomes import describe_store_error
from newscrawl.templates import TemplateLearner


class StorePipeline:
    """Write articles in batches of up to NEWSCRAWL_BATCH_SIZE items or
    NEWSCRAWL_BATCH_SECONDS, one transaction each, from one writer thread
    (SQLite connections stay in the thread that made them). Each item waits
    until its batch is committed, so what the crawl reports is what is stored;
    a kill loses at most the open batch, which the next run fetches again.
    After each batch the sites' templates are learned; at the close, pages
    stored before their site's template was known are cleaned again with it
    (newscrawl/templates.py)."""

    def __init__(self, stats, db_path: str, timeout: float, story_options, batch_size: int, batch_seconds: float,
                 templates: TemplateLearner | None = None):
        self.stats = stats
        self.db_path = db_path
        self.timeout = timeout
        self.story_options = story_options
        self.batch_size = max(1, batch_size)
        self.batch_seconds = batch_seconds
        self.store: Store | None = None
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="newscrawl-writer")
        self.pending: list[tuple[object, asyncio.Future]] = []
        self.timer: asyncio.TimerHandle | None = None
        self.templates = templates

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler.stats, s.get("NEWSCRAWL_DB"), s.getfloat("NEWSCRAWL_DB_TIMEOUT"), story_options(s),
                   s.getint("NEWSCRAWL_BATCH_SIZE"), s.getfloat("NEWSCRAWL_BATCH_SECONDS"),
                   TemplateLearner.from_crawler(crawler))

    async def _in_writer(self, func, *args):
        return await asyncio.get_running_loop().run_in_executor(self.writer, func, *args)

    async def open_spider(self):
        self.store = await self._in_writer(lambda: Store(self.db_path, timeout=self.timeout,
                                                         story_options=self.story_options))

    async def close_spider(self):
        await self._flush()
        if self.store is not None and self.templates is not None:
            await self.templates.reapply(self._in_writer, self.store)
        if self.store is not None:
            await self._in_writer(self.store.close)
        self.writer.shutdown(wait=True)

    async def process_item(self, item):
        future = asyncio.get_running_loop().create_future()
        self.pending.append((item, future))
        if len(self.pending) >= self.batch_size:
            asyncio.ensure_future(self._flush())
        elif self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(
                self.batch_seconds, lambda: asyncio.ensure_future(self._flush()))
        await future
        return item

    async def _flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            results = await self._in_writer(self._write, [item for item, _f in batch])
        except sqlite3.Error as exc:
            reason = describe_store_error(exc)
            for _item, future in batch:
                if not future.done():
                    future.set_exception(DropItem(reason))
            return
        if self.templates is not None:
            self.templates.announce()
        for (_item, future), error in zip(batch, results):
            if future.done():
                continue
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(DropItem(error))

    def _write(self, items) -> list[str | None]:
        """In the writer thread: the batch in one transaction. Returns, per
        item, None or the reason it is a failure."""
        assert self.store is not None
        articles = [item for item in items if getattr(item, "error", None) is None]
        failed = [item for item in items if getattr(item, "error", None) is not None]
        placed = self.store.write_batch([(item.record, item.page) for item in articles], failed=[
            (item.record, item.page, item.error) for item in failed])
        for item, (status, article_id, story_id, is_original, copies) in zip(articles, placed):
            item.status, item.id, item.story_id, item.is_original = status, article_id, story_id, is_original
            self.stats.inc_value(f"newscrawl/store/{status}")
            if story_id is not None and status != "unchanged":
                self.stats.inc_value("newscrawl/dedup/new_story" if copies == 1 else "newscrawl/dedup/joined_story")
        if self.templates is not None:
            self.templates.after_batch(self.store.db, articles)
        return [None if getattr(item, "error", None) is None else f"internal error: {item.error}" for item in items]

