"""robots.txt, obeyed as RFC 9309 asks and for every concurrent request.

Two fixes on top of Scrapy's RobotsTxtMiddleware (2.19):

* A robots.txt answering 5xx: Scrapy parses the error page's body and so
  allows everything. RFC 9309 §2.3.1.4 says a crawler must then assume
  complete disallow. 4xx still means "no robots.txt": allow all.
* Under the asyncio reactor, requests that wait for a robots.txt still being
  downloaded share one Deferred; Deferred.asFuture() passes the parser to
  the first waiter only, and every later waiter receives None, which Scrapy
  reads as "no robots.txt". The parser is read again from the cache here.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        if parser is None:
            cached = self._parsers.get(urlparse_cached(request).netloc)
            if cached is not None and not isinstance(cached, Deferred):
                return cached
        return parser

    async def _parse_robots(self, response, netloc, request) -> None:
        if response.status >= 500:
            self._stats.inc_value("newscrawl/robots/server_error_disallow_all")
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)
