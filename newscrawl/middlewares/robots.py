"""robots.txt, obeyed as RFC 9309 asks and for every concurrent request.

Three fixes on top of Scrapy's RobotsTxtMiddleware (2.19):

* A robots.txt answering 5xx, or one that cannot be reached at all (time-out,
  connection refused or reset): Scrapy parses the error page's body, or
  gives up, and so allows everything. RFC 9309 §2.3.1.4 says a crawler must
  then assume complete disallow. 4xx still means "no robots.txt": allow all.
* The refusal says which: "robots.txt answered 503", "robots.txt
  unreachable: timed out after 30 s", not "forbidden by robots.txt", which
  would send the user to read a file that says nothing of the kind.
* Under the asyncio reactor, requests that wait for a robots.txt still being
  downloaded share one Deferred; Deferred.asFuture() passes the parser to
  the first waiter only, and every later waiter receives None, which Scrapy
  reads as "no robots.txt". The parser is read again from the cache here.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from newscrawl.outcomes import describe_error

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RobotsForbidden(IgnoreRequest):
    """The site's robots.txt disallows the URL."""


class RobotsUnavailable(IgnoreRequest):
    """robots.txt could not be read (5xx or network error): nothing may be fetched."""


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        # netloc -> why its robots.txt counts as "disallow all".
        self._unavailable: dict[str, str] = {}

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        if parser is None:
            cached = self._parsers.get(urlparse_cached(request).netloc)
            if cached is not None and not isinstance(cached, Deferred):
                return cached
        return parser

    def process_request_2(self, rp, request) -> None:
        reason = self._unavailable.get(urlparse_cached(request).netloc)
        if reason is not None:
            self._stats.inc_value("newscrawl/robots/unavailable_disallow_all")
            raise RobotsUnavailable(reason)
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            raise RobotsForbidden("forbidden by robots.txt") from None

    async def _parse_robots(self, response, netloc, request) -> None:
        if response.status >= 500:
            self._stats.inc_value("newscrawl/robots/server_error_disallow_all")
            self._unavailable[netloc] = f"robots.txt answered {response.status}"
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            # Refused on our side (a redirect to file:, a size cap): as
            # Scrapy does, no robots.txt.
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
            # The page's own request fails the same way; its line says so.
            self._unavailable[netloc] = "DNS lookup failed"
        else:
            self._unavailable[netloc] = f"robots.txt unreachable: {describe_error(exc, self.crawler.settings)}"
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)
