"""What every spider that finds articles for a source shares.

A discovery spider is bound to one entry of the sources file and finds links
with the finders it is built with (`build_finders`): a feed reader
(spiders/feeds.py), a sitemap reader (spiders/sitemaps.py), a link follower
(spiders/site.py). It turns each link they find into at most one article
request: only http(s), normalised (tracking parameters stripped), within the
source's allow/deny patterns, once per run, and not at all when the store
already holds the article (unless refresh). Feeds, sitemaps and listing pages
are requested with a flag that lets the HTTP cache revalidate them (ETag /
Last-Modified).

The callbacks are the spider's own methods, which hand the response to their
finder: a request names its callback by a method of the spider when it is
written to a disk or shared queue.
"""

from __future__ import annotations

from scrapy import Request, signals

from cleaning.urls import InvalidURL, normalize_url
from db.queries import KnownArticles
from newscrawl import outcomes
from newscrawl.middlewares.httpcache import CACHE_META
from newscrawl.middlewares.private_hosts import PrivateHostRefused
from newscrawl.middlewares.robots import RobotsForbidden
from newscrawl.sources import Source, SourcesError, find_source
from newscrawl.spiders.base import ArticleSpider, describe_failure


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class DiscoverySpider(ArticleSpider):
    """Base of the feeds, sitemaps, site and source spiders (`-a source=NAME`)."""

    def __init__(self, source=None, refresh=False, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._source_arg = source
        self.refresh = _truthy(refresh)
        self.source: Source | None = source if isinstance(source, Source) else None
        self.seen: set[str] = set()
        self.requested = 0
        self.page_limit_hit = False
        self.since: str | None = None  # start of the last run that ended "ok"
        self.known: KnownArticles | None = None
        # Set by build_finders, for the callbacks below.
        self.feed_reader = self.sitemap_reader = self.link_follower = None
        self.finders: list = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._bind_source(crawler.settings)
        spider.known = KnownArticles(crawler.settings.get("NEWSCRAWL_DB"))
        # Opened once the store stage has opened (and, for a new store, made) the database.
        crawler.signals.connect(spider.open_known, signal=signals.spider_opened)
        spider.finders = spider.build_finders()
        return spider

    def build_finders(self) -> list:
        """Make the finders this spider uses; return them in the order their
        first requests go out."""
        return []

    def _bind_source(self, settings) -> None:
        if self.source is None:
            if not self._source_arg:
                raise SourcesError(f"spider '{self.name}' needs a source: scrapy crawl {self.name} -a source=NAME")
            self.source = find_source(settings.get("NEWSCRAWL_SOURCES"), str(self._source_arg))
        source = self.source
        self.source_name = source.name
        self.expected_language = source.language
        self.extra_junk = list(source.junk)
        # What the sources file names may be on the local network; what
        # those pages link or redirect to may not, unless the source says so.
        self.user_hosts = self.hosts_of([*source.feeds, *source.sitemaps, *source.start_urls])
        self.allow_private_hosts = source.allow_private_hosts
        # Spiders may change settings until the crawler freezes them (Scrapy
        # ≥ 2.11); "spider" priority sits below --set / -s, so the command
        # line still wins over the sources file.
        for name, value in source.crawl_settings().items():
            settings.set(name, value, priority="spider")

    def open_known(self) -> None:
        if self.crawler.settings.getbool("NEWSCRAWL_SHARED_FRONTIER"):
            # A crawler of a distributed crawl never opens the database
            # (newscrawl/distributed.py): the writer publishes what it stores.
            from newscrawl.redis_keys import StoredKeys

            self.known = StoredKeys.from_settings(self.crawler.settings)
        self.known.open()
        self.since = self.known.last_complete_run(self.source.name)

    def first_requests(self):
        for finder in self.finders:
            yield from finder.first_requests()

    def closed(self, reason) -> None:
        if self.known is not None:
            self.known.close()

    # Callbacks (see the module's docstring).

    def parse_feed(self, response):
        return self.feed_reader.parse_feed(response)

    def parse_home(self, response):
        return self.feed_reader.announced_feeds(response)

    def parse_sitemap(self, response):
        return self.sitemap_reader.parse_sitemap(response)

    def parse_listing(self, response):
        return self.link_follower.parse_listing(response)

    def parse_candidate(self, response):
        return self.link_follower.parse_candidate(response)

    # Links to articles.

    def reject(self, url: str, reason: str) -> None:
        self.crawler.stats.inc_value(f"newscrawl/discovery/rejected/{reason}")
        self.logger.debug("not following %s: %s", url, reason)

    def skip_link(self, url: str, via: str, reason: str) -> None:
        """A feed entry or sitemap <loc> that cannot be followed: counted, and the list goes on."""
        self.reject(url, reason)
        self.crawler.signals.send_catch_log(outcomes.link_skipped, url=url, via=via, reason=reason)

    def discover(self, urls, via: str, callback=None, **meta):
        """At most one article request per link found in a feed, sitemap or
        page. Each link is checked on its own; the store is then asked about
        all of them at once."""
        keys = [key for key in (self._article_key(url, via) for url in urls) if key is not None]
        stored = set() if self.refresh or self.known is None else self.known.stored_among(keys)
        for key in keys:
            if key in stored:
                self.crawler.stats.inc_value("newscrawl/discovery/already_stored")
                self.crawler.signals.send_catch_log(outcomes.article_known, url=key)
                continue
            limit = self.source.max_pages
            if limit is not None and self.requested >= limit:
                self.page_limit_hit = True
                self.crawler.stats.inc_value("newscrawl/discovery/over_page_limit")
                self.crawler.signals.send_catch_log(outcomes.article_deferred, url=key)
                continue
            self.requested += 1
            # Articles are never cached: once stored they are not requested again.
            # A page reached by following links may turn out to be no article
            # (about, contact); it is revalidated like a listing, so the next run
            # pays a 304 for it instead of the whole page.
            caching = {CACHE_META: True} if via == "site" else {"dont_cache": True}
            request = self.article_request(key, discovered_via=via, **caching, **meta)
            if request is not None and callback is not None:
                request = request.replace(callback=callback)
            if request is not None:
                yield request

    def _article_key(self, url: str, via: str) -> str | None:
        """The link's key when it is a new article link of this source, else None (counted)."""
        try:
            key = normalize_url(url)
        except InvalidURL:
            # file://, data:, javascript: and broken links never reach Scrapy.
            if via == "site":
                self.reject(url, "invalid_url")
            else:
                self.skip_link(url, via, outcomes.BAD_LINK)
            return None
        if not self.source.url_allowed(key):
            self.reject(key, "source_patterns")
            return None
        if key in self.seen:
            return None
        self.seen.add(key)
        self.crawler.stats.inc_value(f"newscrawl/discovery/{via}")
        self.crawler.signals.send_catch_log(outcomes.article_discovered, url=key, via=via)
        return key

    # Feeds, sitemaps, listings: revalidated through the HTTP cache.

    def discovery_request(self, url: str, callback, role: str, **meta) -> Request | None:
        try:
            key = normalize_url(url)
        except InvalidURL:
            if meta.get("quiet_failure"):
                self.reject(url, "invalid_url")
            else:
                self.skip_link(url, role, outcomes.BAD_LINK)
            return None
        return Request(key, callback=callback, errback=self.discovery_failed,
                       meta={CACHE_META: True, "newscrawl_role": role, **meta})

    def discovery_failed(self, failure) -> None:
        request = failure.request
        role = request.meta.get("newscrawl_role", "page")
        reason = describe_failure(failure, self.crawler.settings)
        if request.meta.get("quiet_failure") and not failure.check(PrivateHostRefused):
            # A dead /tag/ link, or a listing robots.txt forbids, found on a
            # page is the site's business, not a failed run; a feed or
            # sitemap the sources file names is not.
            self.reject(request.url, f"{role}_unavailable")
            return
        self.report_failure(request.url, f"{role}: {reason}", role=role)

    def article_failed(self, failure) -> None:
        if _robots_refusal(failure):
            # Feeds list pages robots.txt forbids; obeying it is no failure.
            self.reject(failure.request.url, "robots_txt")
            self.crawler.signals.send_catch_log(outcomes.article_forbidden, url=failure.request.url)
            return
        super().article_failed(failure)


def _robots_refusal(failure) -> bool:
    # Only a rule of the site's robots.txt: one that could not be read
    # (5xx, timeout) is the site failing, and is reported.
    return bool(failure.check(RobotsForbidden))
