"""Stage tests drive one pipeline class with a real crawler's settings and stats."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newscrawl.runner import build_settings


def crawler_for(**settings):
    # The project's own defaults, as a crawl has them, plus the test's.
    project = {k: v for k, v in build_settings().copy_to_dict().items() if k.startswith("NEWSCRAWL_")}
    crawler = get_crawler(settings_dict={**project, "NEWSCRAWL_WORKERS": 0, **settings})
    crawler.stats.open_spider()
    return crawler
