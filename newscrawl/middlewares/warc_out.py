"""Downloader middleware: keep every fetched response, and its request, as WARC.

On when NEWSCRAWL_WARC_DIR is set (`--warc-dir`), off (NotConfigured)
otherwise. Placed next to the downloader (after the HTTP cache), so it sees
each answer as it came over the wire: redirects and errors included, the
body still compressed as sent. Answers the HTTP cache serves without asking
the site were not fetched and are not written. The location of each
response record goes into the request's meta (`WARC_META`), from where the
spider puts it in the article's record (`warc_file`, `warc_offset`).
"""

from __future__ import annotations

from http import HTTPStatus

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import __version__
from newscrawl.archives import check_warcio
from newscrawl.archives.writer import ARTICLE, CANDIDATE, HttpExchange, RotatingWarcWriter, WarcOutputOptions

WARC_META = "newscrawl_warc"
# The settings that shape what was fetched, named in each file's warcinfo.
DESCRIBED_SETTINGS = (
    "USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_DELAY", "DOWNLOAD_DELAY_JITTER", "AUTOTHROTTLE_ENABLED",
    "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE",
    "REDIRECT_MAX_TIMES", "RETRY_TIMES", "NEWSCRAWL_ALLOW_PRIVATE_HOSTS", "NEWSCRAWL_WARC_MAX_BYTES",
)


def warcinfo_fields(settings, spider_name: str) -> tuple[tuple[str, str], ...]:
    from importlib.metadata import version

    warcio_version = version("warcio")
    return (
        ("software", f"newscrawl/{__version__} (Scrapy/{scrapy.__version__}; warcio/{warcio_version})"),
        ("format", "WARC File Format 1.0"),
        ("http-header-user-agent", settings.get("USER_AGENT")),
        ("robots", "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore"),
        ("newscrawl-spider", spider_name),
        *((f"newscrawl-setting-{name}", str(settings.get(name))) for name in DESCRIBED_SETTINGS),
    )


def fetch_role(meta) -> str:
    """What the crawl asked for this response as (see writer.ROLE_HEADER)."""
    if meta.get("article_key"):
        return CANDIDATE if meta.get("discovered_via") == "site" else ARTICLE
    return meta.get("newscrawl_role") or "other"


def exchange_of(request, response) -> HttpExchange:
    def pairs(headers) -> list[tuple[str, str]]:
        return [(name.decode("latin-1"), value.decode("latin-1"))
                for name, values in headers.items() for value in values]

    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = ""
    return HttpExchange(
        url=response.url, method=request.method, request_headers=pairs(request.headers),
        request_body=request.body or b"", status=response.status, reason=reason,
        response_headers=pairs(response.headers), body=response.body,
        protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None,
        role=fetch_role(request.meta),
    )


class WarcOutMiddleware:
    def __init__(self, writer: RotatingWarcWriter, stats):
        self.writer = writer
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        directory = s.get("NEWSCRAWL_WARC_DIR")
        if not directory:
            raise NotConfigured
        missing = check_warcio()
        if missing:
            raise RuntimeError(missing)
        info = warcinfo_fields(s, crawler.spidercls.name)
        writer = RotatingWarcWriter(WarcOutputOptions(directory, s.getint("NEWSCRAWL_WARC_MAX_BYTES"), info))
        middleware = cls(writer, crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response):
        if "cached" in response.flags:
            return response
        location = self.writer.write(exchange_of(request, response))
        request.meta[WARC_META] = (location.file, location.offset)
        self.stats.inc_value("newscrawl/warc/responses")
        return response

    def spider_closed(self, spider, reason) -> None:
        self.writer.close()
        self.stats.set_value("newscrawl/warc/files", len(self.writer.files))
