"""Conditional requests for the pages that tell what is new.

Feeds, sitemaps, robots.txt and a site's listing pages are fetched on every
run; kept in Scrapy's HTTP cache under RFC 2616 rules they are revalidated
with If-None-Match / If-Modified-Since, so an unchanged feed costs a 304.
Article pages are never cached: the database keeps them, and caching them too
would double the disk use of a crawl.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy

# Request.meta key set by the discovery spiders on requests worth revalidating.
CACHE_META = "newscrawl_cache"


def cache_dir(settings) -> str:
    """Where the cache lives: NEWSCRAWL_HTTPCACHE_DIR, else next to the database."""
    explicit = settings.get("NEWSCRAWL_HTTPCACHE_DIR")
    if explicit:
        return str(Path(explicit).resolve())
    return str(Path(f"{settings.get('NEWSCRAWL_DB')}.httpcache").resolve())


class DiscoveryCachePolicy(RFC2616Policy):
    def should_cache_request(self, request) -> bool:
        wanted = request.meta.get(CACHE_META) or request.url.split("?")[0].endswith("/robots.txt")
        return bool(wanted) and super().should_cache_request(request)

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        fresh = super().is_cached_response_fresh(cachedresponse, request)
        # Scrapy's policy returns early on "Cache-Control: no-cache" without
        # adding validators, so the feeds that send it (many do) would be
        # downloaded in full every time; no-cache means "revalidate".
        if not fresh and b"If-None-Match" not in request.headers and b"If-Modified-Since" not in request.headers:
            self._set_conditional_validators(request, cachedresponse)
        return fresh


class DiscoveryCacheStorage(FilesystemCacheStorage):
    def __init__(self, settings):
        settings = settings.copy()
        settings.frozen = False  # a private copy; the crawler's stays frozen
        settings.set("HTTPCACHE_DIR", cache_dir(settings), priority="cmdline")
        super().__init__(settings)

    def _get_request_path(self, spider, request) -> str:
        # One cache for all spiders: `scrapy crawl feeds` and `newscrawl
        # crawl` revalidate the same entries.
        key = self._fingerprinter.fingerprint(request).hex()
        return str(Path(self.cachedir, key[0:2], key))
