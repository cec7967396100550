"""The page stage: `process_page` on every fetched page, in the worker pool."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from scrapy.exceptions import DropItem

from cleaning.language import normalize_hint
from cleaning.record import TEASER_PAGE
from newscrawl.outcomes import NotAnArticle
from newscrawl.options import page_options, with_extra_phrases, worker_count
from newscrawl.templates import SiteTemplates
from newscrawl.workers import WorkerPool


class PagePipeline:
    """HTML → ArticleRecord (extract, clean, language, fingerprint) off the
    reactor; the reactor keeps fetching while the workers work. Pages in
    flight are bounded, so memory stays flat whatever the number of URLs.
    Every repair and drop is counted in the stats (`newscrawl/clean/<cleaner>`…).
    Each page is cleaned with its site's learned template (newscrawl/templates.py)."""

    def __init__(self, stats, options, pool: WorkerPool, keep_html: bool, templates: SiteTemplates | None = None):
        self.stats = stats
        self.options = options
        self.pool = pool
        self.keep_html = keep_html
        self.templates = templates
        self.slots = asyncio.Semaphore(max(2, 2 * pool.workers))

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler.stats, page_options(s), WorkerPool.shared(worker_count(s)), s.getbool("NEWSCRAWL_KEEP_HTML"),
                   SiteTemplates.from_crawler(crawler))

    async def process_item(self, item):
        options = with_extra_phrases(self.options, item.extra_junk)
        if self.templates is not None:
            item.site_profile = self.templates.profile_for(item.record.site, item.record.source_name)
            options = replace(options, site_profile=item.site_profile)
        async with self.slots:
            result = await self.pool.run(item.html, item.record, options, self.keep_html)
        item.html = ""
        item.page = result.page
        if result.error is not None:
            # Kept for `reclean` by the store stage, reported as one line.
            self.stats.inc_value("newscrawl/page/error")
            item.error = result.error
            return item
        record = result.record
        if record.rejected == TEASER_PAGE:
            self.stats.inc_value("newscrawl/page/not_an_article")
            raise NotAnArticle(record.rejected)
        if record.rejected:
            self.stats.inc_value("newscrawl/page/no_text")
            raise DropItem(record.rejected)
        item.record = record
        self._count(item)
        return item

    def _count(self, item) -> None:
        record = item.record
        for change in record.changes:
            self.stats.inc_value(f"newscrawl/clean/{change['cleaner']}")
        self.stats.inc_value(f"newscrawl/language/{record.language}")
        expected = normalize_hint(item.expected_language)
        if expected and record.language not in (expected, "und"):
            self.stats.inc_value("newscrawl/language/unexpected")
        if not record.bands:
            self.stats.inc_value("newscrawl/dedup/too_short_for_near_copies")
