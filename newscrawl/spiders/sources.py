"""Everything a source lists, in one crawl: its feeds, its sitemaps and the
links from its start pages. This is what `newscrawl crawl` runs per source
(`scrapy crawl source -a source=NAME` from the project root).

One spider rather than three keeps one request queue per source, so an
article listed in both the feed and the sitemap is fetched once.
"""

from __future__ import annotations

from newscrawl.spiders.discovery import DiscoverySpider
from newscrawl.spiders.feeds import FeedsMixin
from newscrawl.spiders.site import SiteMixin
from newscrawl.spiders.sitemaps import SitemapsMixin


class SourceSpider(FeedsMixin, SiteMixin, SitemapsMixin, DiscoverySpider):
    name = "source"

    async def start(self):
        self.open_known()
        for url in self.source.feeds:
            if (request := self.feed_request(url)) is not None:
                yield request
        for url in self.source.sitemaps:
            if (request := self.sitemap_request(url)) is not None:
                yield request
        # With neither feeds nor sitemaps, the start pages also announce the
        # site's feeds (parse_listing looks for them).
        for request in self.start_listing_requests():
            yield request
