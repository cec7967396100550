"""Articles found by following links from a source's start pages.

`scrapy crawl site -a source=NAME`. Only links on the start page's host are
followed, at most `max_depth` hops away. Listing and navigation pages (home,
/tag/, /category/, /page/N, /author/ …) are followed, never stored, and are
revalidated through the HTTP cache; other links are article candidates, and
a fetched candidate is stored only when its markup says it is an article
(og:type=article, <article>, a schema.org NewsArticle).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import courlan
from scrapy.http import TextResponse

from cleaning.extract import is_article_page
from cleaning.urls import InvalidURL, absolute_http_url, normalize_url, site_of
from newscrawl import outcomes
from newscrawl.spiders.discovery import DiscoverySpider

NAVIGATION_PATH = re.compile(
    r"/(?:tags?|categor(?:y|ies)|topics?|sections?|authors?|archives?|search|feeds?|page|latest|index)(?:/|$|\.)"
    r"|/page/\d+|/\d{4}/(?:\d{2}/?)?$",
    re.IGNORECASE,
)
NAVIGATION_QUERY = re.compile(r"(?:^|&)(?:page|p|paged|s|q|tag|cat)=", re.IGNORECASE)
NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp[34]|avi|mov|docx?|xlsx?|pptx?|xml|rss|json)$", re.IGNORECASE
)
def is_listing_url(url: str) -> bool:
    parts = urlsplit(url)
    path = parts.path or "/"
    if path in ("/", ""):
        return True
    return bool(NAVIGATION_PATH.search(path) or NAVIGATION_QUERY.search(parts.query) or courlan.is_navigation_page(url))


def looks_like_article(response) -> bool:
    return isinstance(response, TextResponse) and is_article_page(response.selector.root)


class LinkFollower:
    """Links followed from a source's start pages, on their hosts, up to the
    source's `max_depth`: listings are followed, other links are article
    candidates. `feeds`, when given, is handed each start page to find the
    feeds it announces."""

    def __init__(self, spider, feeds=None):
        self.spider = spider
        self.feeds = feeds
        self.start_pages: list[str] = []
        self.site_hosts: set[str] = set()
        for url in spider.source.start_urls:
            try:
                self.site_hosts.add(site_of(normalize_url(url)))
            except InvalidURL:
                continue
            self.start_pages.append(url)

    def first_requests(self):
        for url in self.start_pages:
            yield self.listing_request(url, 0, quiet=False)

    def listing_request(self, url: str, depth: int, quiet: bool = True):
        return self.spider.discovery_request(url, self.spider.parse_listing, "start page" if depth == 0 else "listing",
                                             site_depth=depth, quiet_failure=quiet)

    def parse_listing(self, response):
        depth = response.meta.get("site_depth", 0)
        if not isinstance(response, TextResponse):
            return
        if depth == 0 and self.feeds is not None:
            yield from self.feeds.announced_feeds(response)
        yield from self.follow_links(response, depth)

    def parse_candidate(self, response):
        spider = self.spider
        if looks_like_article(response):
            yield from spider.parse_article(response)
            return
        spider.crawler.stats.inc_value("newscrawl/site/not_an_article")
        spider.crawler.signals.send_catch_log(outcomes.page_not_article, url=response.meta.get("article_key", response.url),
                                              reason=outcomes.NOT_AN_ARTICLE)
        if isinstance(response, TextResponse):
            yield from self.follow_links(response, response.meta.get("site_depth", 0))

    def follow_links(self, response, depth: int):
        spider = self.spider
        if depth >= spider.source.max_depth:
            return
        candidates = []
        for href in response.xpath("//a/@href").getall():
            url = absolute_http_url(response.url, href)
            if url is None:
                # mailto:, javascript:, file:, http://[x]/…: the links after it still count.
                spider.crawler.stats.inc_value("newscrawl/site/unusable_link")
                continue
            if site_of(url) not in self.site_hosts or NOT_PAGES.search(urlsplit(url).path):
                continue
            if courlan.is_not_crawlable(url):
                continue  # login, feeds, print views
            if is_listing_url(url):
                if (request := self.listing_request(url, depth + 1)) is not None:
                    yield request
            else:
                candidates.append(url)
        yield from spider.discover(candidates, via="site", callback=spider.parse_candidate, site_depth=depth + 1)


class SiteSpider(DiscoverySpider):
    name = "site"

    def build_finders(self):
        self.link_follower = LinkFollower(self)
        return [self.link_follower]
