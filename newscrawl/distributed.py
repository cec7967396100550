"""A crawl beyond one machine: crawler processes share one frontier in Redis
and hand their records to one SQLite writer (docs/distributed.md).

With NEWSCRAWL_REDIS_URL set, the source crawls (`crawl`, `schedule`,
`scrapy crawl source|feeds|sitemaps|site`) are switched by the
`DistributedCrawl` add-on:

* the scheduler is the shared frontier (newscrawl/frontier.py: scrapy-redis's
  scheduler and duplicate filter, with in-flight requests that survive a
  killed crawler);
* the store stage pushes each finished record to a Redis list
  (newscrawl/pipelines/redis.py) instead of writing SQLite, and the run's
  record goes the same way (newscrawl/middlewares/crawls.py);
* whether an article is already stored is asked of a Redis set the writer
  fills (`StoredKeys`), and a site's learned template is read from Redis
  (`RedisSiteTemplates`): a crawler never opens the SQLite file, which may be
  on another machine, and must never be written — nor read — over a network
  file system.

`newscrawl store --from-redis` (newscrawl/writer.py) is the one writer.
One-off commands (`ingest`, `reclean`) keep writing the database directly:
run them where the database is.

The Redis keys, the connection and what crawlers read there are in
newscrawl/redis_keys.py. A crawl the add-on switches has the setting
NEWSCRAWL_SHARED_FRONTIER set: the stages that read the store ask Redis then.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from newscrawl.redis_keys import MISSING_EXTRA, DistributedError, is_distributed


def distributes(crawler) -> bool:
    """Is this crawl one crawler process of a distributed crawl? Source crawls only."""
    from newscrawl.spiders.discovery import DiscoverySpider

    return is_distributed(crawler.settings) and issubclass(crawler.spidercls, DiscoverySpider)



# The add-on that switches a source crawl to the shared frontier.

class DistributedCrawl:
    """Scrapy add-on: with NEWSCRAWL_REDIS_URL, a source crawl uses the shared
    frontier and hands its records to the writer. Crawls of one-off URLs and
    of the stored pages are left as they are."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def update_settings(self, settings) -> None:
        if not distributes(self.crawler):
            raise NotConfigured
        try:
            import newscrawl.frontier  # noqa: F401 - scrapy-redis is there
            from newscrawl.middlewares.crawls import CrawlRecorder, RedisCrawlRecorder
            from newscrawl.pipelines.redis import RecordQueuePipeline
            from newscrawl.pipelines.store import StorePipeline
        except ImportError:
            raise DistributedError(MISSING_EXTRA) from None
        settings.set("NEWSCRAWL_SHARED_FRONTIER", True, priority="addon")
        settings.set("SCHEDULER", "newscrawl.frontier.SharedFrontier", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        settings.replace_in_component_priority_dict("ITEM_PIPELINES", StorePipeline, RecordQueuePipeline)
        if settings.getdict("EXTENSIONS").get("newscrawl.middlewares.crawls.CrawlRecorder") is not None:
            settings.replace_in_component_priority_dict("EXTENSIONS", CrawlRecorder, RedisCrawlRecorder)
