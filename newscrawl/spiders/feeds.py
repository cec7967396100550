"""Articles listed in RSS 0.9x/1.0/2.0, Atom and JSON feeds.

`scrapy crawl feeds -a source=NAME`. Scrapy fetches (robots.txt, throttling,
HTTP cache); feedparser only parses, and keeps going past markup errors, so
a broken feed still gives the entries before the break. JSON Feed is plain
JSON and read directly (feedparser does not know it). A source with neither
feeds nor sitemaps gets its feeds from the <link rel="alternate"> tags of its
start pages.
"""

from __future__ import annotations

import io
import json

import feedparser
from scrapy.http import TextResponse

from cleaning.urls import absolute_http_url
from newscrawl import outcomes
from newscrawl.spiders.discovery import DiscoverySpider

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
}


def feed_links_in(response) -> list[str]:
    """Feed URLs a page announces with <link rel="alternate" type="…">."""
    if not isinstance(response, TextResponse):
        return []
    found = []
    for link in response.xpath("//link[@href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES:
            if (url := absolute_http_url(response.url, link.attrib["href"])) is not None:
                found.append(url)
    return found


def _looks_like_json(content_type: str, body: bytes) -> bool:
    return "json" in content_type or body.lstrip()[:1] == b"{"


def json_feed_links(body: bytes) -> list[str]:
    """Item URLs of a JSON Feed (https://jsonfeed.org/version/1.1). Raises ValueError."""
    data = json.loads(body.decode("utf-8-sig"))
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ValueError("no 'items' list")
    links = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        for key in ("url", "external_url", "id"):
            value = item.get(key)
            if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://", "/")):
                links.append(value.strip())
                break
    return links


def xml_feed_links(body: bytes, url: str, content_type: str) -> tuple[list[str], str | None]:
    """Entry links of an RSS/Atom feed and, when the feed is malformed, why."""
    # A file-like object: given bytes, feedparser first tries them as a
    # local file name.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url, "content-type": content_type})
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            alternates = [l.get("href") for l in entry.get("links", []) if l.get("rel", "alternate") == "alternate"]
            link = next((a for a in alternates if a), None)
        if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
            link = entry["id"]
        if link:
            links.append(link)
    problem = None
    if parsed.get("bozo"):
        problem = " ".join(str(parsed.get("bozo_exception") or "malformed").split())[:200]
    if not links and not parsed.get("version") and problem:
        raise ValueError(problem)
    return links, problem


class FeedReader:
    """A source's feeds, read for article links: the feeds the source lists,
    or, when it lists neither feeds nor sitemaps, those its start pages
    announce. `reads_start_pages` is False when another finder fetches the
    start pages anyway and hands them to `announced_feeds`."""

    def __init__(self, spider, reads_start_pages: bool = True):
        self.spider = spider
        source = spider.source
        self.autodiscovers = not source.feeds and not source.sitemaps
        self.reads_start_pages = reads_start_pages and self.autodiscovers

    def first_requests(self):
        for url in self.spider.source.feeds:
            yield self.feed_request(url)
        if self.reads_start_pages:
            for url in self.spider.source.start_urls:
                # A start page fetched only to find the site's feeds.
                yield self.spider.discovery_request(url, self.spider.parse_home, "start page")

    def feed_request(self, url: str):
        return self.spider.discovery_request(url, self.spider.parse_feed, "feed")

    def parse_feed(self, response):
        spider = self.spider
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        try:
            if _looks_like_json(content_type, response.body):
                links, problem = json_feed_links(response.body), None
            else:
                links, problem = xml_feed_links(response.body, response.url, content_type)
        except (ValueError, UnicodeDecodeError) as exc:
            spider.report_failure(response.url, f"feed: not a feed ({' '.join(str(exc).split())[:200]})", role="feed")
            return
        if problem:
            spider.crawler.stats.inc_value("newscrawl/feeds/malformed")
            spider.logger.warning("malformed feed %s (%s): kept the %d links read before the error", response.url, problem, len(links))
        spider.crawler.stats.inc_value("newscrawl/feeds/parsed")
        urls = []
        for link in links:
            url = absolute_http_url(response.url, link)
            if url is None:
                # javascript:, file:, http://[x]/: skipped, and the feed goes on.
                spider.skip_link(link, "feed", outcomes.BAD_LINK)
                continue
            urls.append(url)
        yield from spider.discover(urls, via="feed")

    def announced_feeds(self, response):
        """Requests for the feeds a start page announces, when the source lists none."""
        if not self.autodiscovers:
            return
        links = feed_links_in(response)
        self.spider.crawler.stats.inc_value("newscrawl/feeds/autodiscovered", len(links))
        for url in links:
            if (request := self.feed_request(url)) is not None:
                yield request


class FeedsSpider(DiscoverySpider):
    name = "feeds"

    def build_finders(self):
        self.feed_reader = FeedReader(self)
        return [self.feed_reader]
