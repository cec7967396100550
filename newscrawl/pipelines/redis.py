"""The store stage of a distributed crawl's crawler process: each finished
record goes to the writer's Redis list (newscrawl/messages.py) instead of
SQLite; `newscrawl store --from-redis` writes it.

It replaces StorePipeline when NEWSCRAWL_REDIS_URL is set (the
DistributedCrawl add-on, newscrawl/distributed.py). The push is done before
the item leaves the pipelines, so the shared frontier lets go of the page's
request only once its record is in Redis: a crawler killed at any point
loses nothing.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from newscrawl.redis_keys import RedisKeys, connect_from_settings
from newscrawl.messages import article_message, failed_message
from newscrawl.outcomes import QUEUED


class RecordQueuePipeline:
    def __init__(self, client, keys: RedisKeys, stats):
        self.client = client
        self.keys = keys
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(connect_from_settings(crawler.settings), RedisKeys.from_settings(crawler.settings), crawler.stats)

    def close_spider(self):
        self.client.close()

    async def process_item(self, item):
        import redis

        error = getattr(item, "error", None)
        if error is None:
            message = article_message(item.record, item.page, item.extra_junk, item.site_profile)
        else:
            message = failed_message(item.record, item.page, error)
        try:
            self.client.lpush(self.keys.records, message)
        except redis.RedisError as exc:
            raise DropItem(f"cannot hand the record to the writer: Redis: {' '.join(str(exc).split())}") from None
        self.stats.inc_value("newscrawl/queue/pushed")
        self.stats.inc_value("newscrawl/queue/bytes", len(message))
        if error is not None:
            # Kept for `reclean` by the writer, reported here as one line.
            raise DropItem(f"internal error: {error}")
        item.status = QUEUED
        return item
