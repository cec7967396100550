"""A redirect must lead to a URL newscrawl may fetch.

Scrapy's RedirectMiddleware passes a 3xx whose Location is not http(s)
(file:, data:, javascript:) on as a plain response, which ends as "HTTP 302",
and raises ValueError from urljoin on a Location such as http://[x]/. Placed
just before it on the response path, this middleware turns both into one
clear reason. Where an http(s) redirect leads is checked like any request
(robots.txt, private networks) when Scrapy schedules it.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest
from w3lib.url import safe_url_string

from cleaning.urls import InvalidURL, check_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectRefused(IgnoreRequest):
    """The response redirects somewhere that cannot be fetched."""


class RedirectTargetMiddleware:
    def process_response(self, request, response):
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        raw = location.decode("latin-1").strip()
        shown = raw if len(raw) <= 120 else raw[:119] + "…"
        try:
            # Escaped and joined as Scrapy does before following it.
            check_url(urljoin(request.url, safe_url_string(raw)))
        except InvalidURL as exc:
            raise RedirectRefused(f"redirect to {shown} refused: {exc}") from None
        except ValueError as exc:  # a Location urllib cannot split
            raise RedirectRefused(f"redirect to {shown} refused: not a URL ({exc})") from None
        return response
