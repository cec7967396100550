"""Articles listed in sitemaps: robots.txt `Sitemap:` lines, sitemap indexes,
gzip sitemaps, plain-text sitemaps and Google News sitemaps.

`scrapy crawl sitemaps -a source=NAME`. Scrapy's sitemap reader
(scrapy.utils.sitemap, lxml without entity expansion) parses;
`SitemapReader.filter_entries` drops the entries whose <lastmod> is older than the start of
the source's last successful run, so a big sitemap costs one download and no
article requests when nothing changed.

Each <loc> is taken on its own: a `javascript:` or relative one is skipped
and counted, and the entries after it are still read. A sitemap that cannot
be read (HTML served as a sitemap, a gzip bomb, entity declarations,
malformed XML) is a failure line, never an empty sitemap. Entries on other
sites than the source's sitemaps are skipped unless the source sets
`sitemap_other_sites = true`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO

import lxml.etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from cleaning.urls import absolute_http_url, site_of
from newscrawl import outcomes
from newscrawl.spiders.discovery import DiscoverySpider

GZIP_MAGIC = b"\x1f\x8b\x08"
SITEMAP_ROOTS = ("urlset", "sitemapindex")


class UnreadableSitemap(ValueError):
    """The response is no sitemap newscrawl can read; the message says why."""


@dataclass
class SitemapListing:
    type: str  # "urlset" or "sitemapindex"
    entries: list[dict] = field(default_factory=list)
    problem: str | None = None  # malformed XML: what the parser said


def _parse_w3c(value: str) -> dt.datetime | dt.date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def modified_since(lastmod: str | None, since: dt.datetime) -> bool:
    """Whether an entry may be new. Missing or unreadable dates count as new."""
    when = _parse_w3c(lastmod or "")
    if when is None:
        return True
    if isinstance(when, dt.datetime):
        return when >= since
    return when >= since.date()


def news_publication_dates(body: bytes) -> dict[str, str]:
    """<loc> → <news:publication_date> of a Google News sitemap.

    Scrapy's sitemap reader keeps only the direct children of <url>, so the
    nested publication date is lost; news sitemaps often have no <lastmod>.
    """
    dates: dict[str, str] = {}
    if b"publication_date" not in body:
        return dates
    parser = lxml.etree.iterparse(BytesIO(body), events=("end",), recover=True, resolve_entities=False,
                                  remove_comments=True, remove_pis=True)
    try:
        for _event, elem in parser:
            if not isinstance(elem.tag, str) or elem.tag.rpartition("}")[2] != "url":
                continue
            loc = date = None
            for child in elem.iter():
                name = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
                if name == "loc" and loc is None:
                    loc = (child.text or "").strip()
                elif name == "publication_date":
                    date = (child.text or "").strip()
            if loc and date:
                dates[loc] = date
            elem.clear()
    except lxml.etree.XMLSyntaxError:
        pass
    return dates


def sitemap_body(response, max_size: int) -> bytes:
    """The sitemap's bytes, gunzipped within the size cap. Raises UnreadableSitemap."""
    body = response.body
    if body[:3] == GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except ValueError:  # the decompressed size passed the cap
            raise UnreadableSitemap(f"larger than the size cap of {max_size} bytes once decompressed") from None
        except (OSError, EOFError):
            raise UnreadableSitemap("corrupt gzip data") from None
    if not body.strip():
        raise UnreadableSitemap("empty response")
    return body


def read_sitemap(body: bytes, content_type: str = "") -> SitemapListing:
    """The entries of a sitemap or sitemap index. Raises UnreadableSitemap."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        if content_type.startswith("text/plain"):
            # The sitemap protocol's text form: one URL per line.
            lines = [line.strip() for line in body.decode("utf-8", "replace").splitlines() if line.strip()]
            return SitemapListing("urlset", [{"loc": line} for line in lines])
        raise UnreadableSitemap(f"not a sitemap ({content_type or 'no content type'}, not XML)")
    if b"<!ENTITY" in body[:65536]:
        # Entity expansion is off, so the bomb cannot go off, but neither
        # would the <loc>s that use the entities be right.
        raise UnreadableSitemap("refused: it declares XML entities")
    try:
        parsed = Sitemap(body)
        entries = list(parsed)
    except (lxml.etree.XMLSyntaxError, StopIteration, ValueError) as exc:
        raise UnreadableSitemap(f"malformed XML ({' '.join(str(exc).split())[:160] or 'no element'})") from None
    if parsed.type not in SITEMAP_ROOTS:
        raise UnreadableSitemap(f"not a sitemap (the document is <{parsed.type or '?'}>, {content_type or 'no content type'})")
    errors = [entry for entry in parsed.xmliter.error_log if entry.level_name in ("ERROR", "FATAL")]
    problem = f"malformed XML at line {errors[0].line}: {errors[0].message}" if errors else None
    return SitemapListing(parsed.type, entries, problem)


def _site_key(url: str) -> str:
    return site_of(url).removeprefix("www.")


class SitemapReader:
    """A source's sitemaps, read for article links: the ones it lists,
    robots.txt `Sitemap:` lines and the children of sitemap indexes."""

    def __init__(self, spider):
        self.spider = spider
        source = spider.source
        # Entries on other sites than the sitemaps' own are skipped unless the source allows them.
        self.allowed_sites = None if source.sitemap_other_sites else {_site_key(url) for url in source.sitemaps}

    def first_requests(self):
        for url in self.spider.source.sitemaps:
            yield self.sitemap_request(url)

    def sitemap_request(self, url: str):
        return self.spider.discovery_request(url, self.spider.parse_sitemap, "sitemap")

    def lastmod_threshold(self) -> dt.datetime | None:
        spider = self.spider
        if spider.refresh or not spider.since:
            return None
        started = dt.datetime.fromisoformat(spider.since)
        # The site's clock and ours differ; entries near the boundary are
        # looked at again (the store check keeps that cheap).
        margin = spider.crawler.settings.getfloat("NEWSCRAWL_LASTMOD_MARGIN")
        return started - dt.timedelta(seconds=margin)

    def filter_entries(self, entries, kind: str, news_dates: dict[str, str]):
        """The entries that may be new since the last complete run: by their
        <lastmod>, else by the <news:publication_date> of their <loc>."""
        threshold = self.lastmod_threshold()
        # Only article entries: an index's child sitemaps are revalidated
        # through the HTTP cache instead, since not every site updates their
        # <lastmod>.
        if threshold is None or kind != "urlset":
            yield from entries
            return
        for entry in entries:
            if modified_since(entry.get("lastmod") or news_dates.get(entry.get("loc", "")), threshold):
                yield entry
            else:
                self.spider.crawler.stats.inc_value("newscrawl/sitemaps/not_modified_entry")

    def parse_sitemap(self, response):
        spider = self.spider
        if response.url.split("?")[0].endswith("/robots.txt"):
            yield from self.sitemaps_in_robots(response)
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        try:
            body = sitemap_body(response, spider.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            listing = read_sitemap(body, content_type)
        except UnreadableSitemap as exc:
            spider.report_failure(response.url, f"sitemap: {exc}", role="sitemap")
            return
        if listing.problem:
            spider.crawler.stats.inc_value("newscrawl/sitemaps/malformed")
            spider.report_failure(response.url, f"sitemap: {listing.problem} (kept the {len(listing.entries)} "
                                  f"entries read)", role="sitemap")
        spider.crawler.stats.inc_value("newscrawl/sitemaps/parsed")
        locs = []
        for entry in self.filter_entries(listing.entries, listing.type, news_publication_dates(body)):
            loc = (entry.get("loc") or "").strip()
            if listing.type == "sitemapindex":
                if (child := self.sitemap_request(loc)) is not None:
                    yield child
                continue
            if self.allowed_sites is not None and _site_key(loc) not in self.allowed_sites and loc.lower().startswith("http"):
                spider.skip_link(loc, "sitemap", outcomes.OFF_SITE)
                continue
            locs.append(loc)
        yield from spider.discover(locs, via="sitemap")

    def sitemaps_in_robots(self, response):
        for line in response.body.splitlines():
            name, _sep, value = line.partition(b":")
            if name.strip().lower() != b"sitemap":
                continue
            url = absolute_http_url(response.url, value.strip().decode("utf-8", "replace"))
            if url is None:
                self.spider.skip_link(value.strip().decode("utf-8", "replace"), "sitemap", outcomes.BAD_LINK)
            elif (child := self.sitemap_request(url)) is not None:
                yield child


class SitemapsSpider(DiscoverySpider):
    name = "sitemaps"

    def build_finders(self):
        self.sitemap_reader = SitemapReader(self)
        return [self.sitemap_reader]
