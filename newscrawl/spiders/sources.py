"""Everything a source lists, in one crawl: its feeds, its sitemaps and the
links from its start pages. This is what `newscrawl crawl` runs per source
(`scrapy crawl source -a source=NAME` from the project root).

One spider rather than three keeps one request queue per source, so an
article listed in both the feed and the sitemap is fetched once.
"""

from __future__ import annotations

from newscrawl.spiders.discovery import DiscoverySpider
from newscrawl.spiders.feeds import FeedReader
from newscrawl.spiders.site import LinkFollower
from newscrawl.spiders.sitemaps import SitemapReader


class SourceSpider(DiscoverySpider):
    name = "source"

    def build_finders(self):
        # The link follower fetches the start pages and, when the source
        # lists neither feeds nor sitemaps, hands them to the feed reader
        # for the feeds they announce.
        self.feed_reader = FeedReader(self, reads_start_pages=False)
        self.sitemap_reader = SitemapReader(self)
        self.link_follower = LinkFollower(self, feeds=self.feed_reader)
        return [self.feed_reader, self.sitemap_reader, self.link_follower]
