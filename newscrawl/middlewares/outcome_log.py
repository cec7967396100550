"""Extension: the failure lines and the summary, in the crawl's log.

`newscrawl` prints them itself; a spider run with `scrapy crawl` (or by
Scrapyd) has only its log, so there each failure is one WARNING line, "URL:
reason", and the run ends with the same summary line `newscrawl` prints.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.logformatter import LogFormatter

from newscrawl.outcomes import RunOutcomes

logger = logging.getLogger("newscrawl")


class OutcomeLog:
    def __init__(self, crawler):
        self.outcomes = RunOutcomes()
        self.outcomes.connect(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("NEWSCRAWL_LOG_OUTCOMES"):
            raise NotConfigured
        log = cls(crawler)
        crawler.signals.connect(log.spider_closed, signal=signals.spider_closed)
        return log

    def spider_closed(self, spider, reason) -> None:
        for note in self.outcomes.notes:
            if note.role != "not_article":
                logger.warning("%s: %s", note.url, note.reason)
        for failure in self.outcomes.failures:
            logger.warning("%s: %s", failure.url, failure.reason)
        source = getattr(spider, "source", None)
        summary = self.outcomes.crawl_summary() if source is not None else self.outcomes.summary()
        prefix = f"{source.name}: " if source is not None else ""
        logger.warning("%s%s", prefix, summary)


class ArticleLogFormatter(LogFormatter):
    """Scrapy's log lines for items name the article's URL, not the whole
    item (whose repr holds the page's compressed HTML). A dropped article is
    a DEBUG line: the failure line above says why, once."""

    def dropped(self, item, exception, response, spider):
        return {"level": logging.DEBUG, "msg": "Dropped %(url)s: %(exception)s",
                "args": {"url": getattr(item, "url", "?"), "exception": exception}}

    def scraped(self, item, response, spider):
        return {"level": logging.DEBUG, "msg": "Processed %(url)s (%(status)s)",
                "args": {"url": getattr(item, "url", "?"), "status": getattr(item, "status", None)}}

    def item_error(self, item, exception, response, spider):
        return {"level": logging.ERROR, "msg": "Error processing %(url)s",
                "args": {"url": getattr(item, "url", "?")}}
