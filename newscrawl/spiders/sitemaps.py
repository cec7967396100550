"""Articles listed in sitemaps: robots.txt `Sitemap:` lines, sitemap indexes,
gzip sitemaps and Google News sitemaps.

`scrapy crawl sitemaps -a source=NAME`. Scrapy's SitemapSpider reads them;
`sitemap_filter` drops the entries whose <lastmod> is older than the start of
the source's last successful run, so a big sitemap costs one download and no
article requests when nothing changed.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import lxml.etree
from scrapy.spiders import SitemapSpider

from newscrawl.spiders.discovery import DiscoverySpider


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


class SitemapsMixin(SitemapSpider):
    # Every <loc> of a urlset goes through discover(); see _parse_sitemap.
    sitemap_rules = [("", "parse_article")]

    def sitemap_request(self, url: str):
        return self.discovery_request(url, self._parse_sitemap, "sitemap")

    def _lastmod_threshold(self) -> dt.datetime | None:
        if self.refresh or not self.since:
            return None
        started = dt.datetime.fromisoformat(self.since)
        # The site's clock and ours differ; entries near the boundary are
        # looked at again (the store check keeps that cheap).
        margin = self.crawler.settings.getfloat("NEWSCRAWL_LASTMOD_MARGIN")
        return started - dt.timedelta(seconds=margin)

    def sitemap_filter(self, entries):
        threshold = self._lastmod_threshold()
        # Only article entries: an index's child sitemaps are revalidated
        # through the HTTP cache instead, since not every site updates their
        # <lastmod>.
        if threshold is None or getattr(entries, "type", None) != "urlset":
            yield from entries
            return
        news_dates = getattr(self, "_news_dates", {})
        for entry in entries:
            if modified_since(entry.get("lastmod") or news_dates.get(entry.get("loc", "")), threshold):
                yield entry
            else:
                self.crawler.stats.inc_value("newscrawl/sitemaps/not_modified_entry")

    def _parse_sitemap(self, response):
        body = self._get_sitemap_body(response)
        self._news_dates = news_publication_dates(body) if body else {}
        for request in super()._parse_sitemap(response) or ():
            if request.callback == self._parse_sitemap:
                if (child := self.sitemap_request(request.url)) is not None:
                    yield child
            else:
                yield from self.discover(request.url, via="sitemap")


class SitemapsSpider(SitemapsMixin, DiscoverySpider):
    name = "sitemaps"

    async def start(self):
        self.open_known()
        for url in self.source.sitemaps:
            if (request := self.sitemap_request(url)) is not None:
                yield request
