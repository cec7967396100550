"""Extension: record each run of a source in the `crawls` table.

An extension rather than code in the CLI so that a source crawled with
`scrapy crawl feeds -a source=NAME` (or by Scrapyd) is recorded, and counts
for `schedule`, the same way as one crawled with `newscrawl crawl`.
"""

from __future__ import annotations

import logging
import os

from scrapy import signals
from scrapy.exceptions import NotConfigured

from db.crawls import SUCCESS, finish_crawl, start_crawl
from db.store import StoreError, open_db, utcnow
from newscrawl.outcomes import RunOutcomes

logger = logging.getLogger(__name__)


def crawl_status(reason: str | None, outcomes: RunOutcomes, page_limit_hit: bool) -> str:
    if reason == "shutdown":
        return "interrupted"
    if reason not in (None, "finished"):
        return "stopped"
    if outcomes.failures:
        return "errors"
    # Articles left for the next run: this run must not become the point
    # after which unchanged sitemap entries are skipped.
    return "stopped" if page_limit_hit else "ok"


class CrawlRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("NEWSCRAWL_DB")
        self.timeout = crawler.settings.getfloat("NEWSCRAWL_DB_TIMEOUT")
        self.outcomes = RunOutcomes()
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_RECORD_CRAWLS"):
            raise NotConfigured
        recorder = cls(crawler)
        recorder.outcomes.connect(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider) -> None:
        source = getattr(spider, "source", None)
        if source is None or not hasattr(source, "every"):
            return  # not a sources-file crawl (ingest, reclean)
        try:
            db = open_db(self.db_path, timeout=self.timeout)
        except StoreError as exc:
            logger.error("cannot record the run of %s: %s", source.name, exc)
            return
        try:
            self.crawl_id = start_crawl(db, source.name, spider.name)
        finally:
            db.conn.close()

    def spider_closed(self, spider, reason) -> None:
        if self.crawl_id is None:
            return
        status = crawl_status(reason, self.outcomes, getattr(spider, "page_limit_hit", False))
        errors = [{"url": f.url, "reason": f.reason} for f in self.outcomes.failures]
        db = open_db(self.db_path, timeout=self.timeout)
        try:
            finish_crawl(db, self.crawl_id, status, self.outcomes.counts(), errors)
        finally:
            db.conn.close()


class RedisCrawlRecorder(CrawlRecorder):
    """The run's record in a distributed crawl: sent to the writer with the
    articles (newscrawl/messages.py) when the run starts and when it ends,
    keyed on the crawler's id, instead of written to the database. The start
    also goes to Redis at once, for `schedule` on every machine to know what
    is due; the start of a run that ended "ok", for the next run's sitemaps."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.client = None
        self.run: dict | None = None

    def _push(self, run: dict) -> None:
        from newscrawl.messages import crawl_message

        self.client.lpush(self.keys.records, crawl_message(run))

    def spider_opened(self, spider) -> None:
        import socket

        from newscrawl.redis_keys import RedisKeys, connect_from_settings, node_id

        source = getattr(spider, "source", None)
        if source is None or not hasattr(source, "every"):
            return
        self.client = connect_from_settings(self.crawler.settings)
        self.keys = RedisKeys.from_settings(self.crawler.settings)
        self.run = {"run_key": node_id(self.crawler), "source": source.name, "spider": spider.name,
                    "host": socket.gethostname(), "pid": os.getpid(), "started": utcnow(), "status": "running"}
        self.client.hset(self.keys.runs_started, source.name, self.run["started"])
        self._push(self.run)

    def spider_closed(self, spider, reason) -> None:
        if self.run is None:
            return
        status = crawl_status(reason, self.outcomes, getattr(spider, "page_limit_hit", False))
        errors = [{"url": f.url, "reason": f.reason} for f in self.outcomes.failures]
        run = {**self.run, "finished": utcnow(), "status": status, **self.outcomes.counts(), "errors": errors}
        try:
            self._push(run)
            if status == SUCCESS:
                self.client.hset(self.keys.runs_succeeded, run["source"], run["started"])
        finally:
            self.client.close()
