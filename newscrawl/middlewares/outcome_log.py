"""Extension: the failure lines and the summary, in the crawl's log.

`newscrawl` prints them itself; a spider run with `scrapy crawl` (or by
Scrapyd) has only its log, so there each failure is one WARNING line, "URL:
reason", and the run ends with the same summary line `newscrawl` prints.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import NotConfigured

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
