"""What every spider does with an article URL: request it, check the answer,
hand the decoded page to the pipelines, and report failures in one line."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.http import TextResponse

from cleaning.record import ArticleRecord
from cleaning.urls import InvalidURL, host_of, normalize_url, site_of
from db.store import utcnow
from newscrawl import outcomes
from newscrawl.items import Article
from newscrawl.middlewares.warc_out import WARC_META


def describe_failure(failure, settings) -> str:
    """A short, human reason for a failed download."""
    return outcomes.describe_error(failure.value, settings)


class ArticleSpider(Spider):
    """Base for spiders that end in article pages."""

    source_name: str | None = None
    expected_language: str | None = None
    extra_junk: list[str] = []
    # Hosts the user named (command line, sources file): they may be on a
    # private network (newscrawl/middlewares/private_hosts.py).
    user_hosts: frozenset[str] = frozenset()
    allow_private_hosts: bool = False

    async def start(self):
        for request in self.first_requests():
            if request is not None:
                yield request

    def first_requests(self):
        """What the crawl begins with: requests (or, for stored pages, items).
        None stands for a URL that was refused, and reported, on the way."""
        return ()

    @staticmethod
    def hosts_of(urls) -> frozenset[str]:
        return frozenset(host for host in (host_of(url.strip()) for url in urls) if host)

    def report_failure(self, url: str, reason: str, role: str = "article") -> None:
        self.crawler.stats.inc_value("newscrawl/failed")
        self.crawler.signals.send_catch_log(outcomes.page_failed, url=url, reason=reason, role=role)

    def article_request(self, url: str, **meta) -> Request | None:
        try:
            key = normalize_url(url)
        except InvalidURL as exc:
            self.report_failure(url, str(exc))
            return None
        return Request(key, callback=self.parse_article, errback=self.article_failed, meta={"article_key": key, **meta})

    def article_failed(self, failure) -> None:
        request = failure.request
        url = request.meta.get("article_key", request.url)
        self.report_failure(url, describe_failure(failure, self.crawler.settings))

    def parse_article(self, response):
        key = response.meta.get("article_key") or normalize_url(response.url)
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        accepted = self.crawler.settings.getlist("NEWSCRAWL_HTML_TYPES")
        if not isinstance(response, TextResponse) or (content_type and content_type not in accepted):
            self.report_failure(key, f"{outcomes.NOT_HTML} ({content_type or 'no content type'})")
            return
        # Where the response is archived, when the crawl keeps a WARC.
        warc_file, warc_offset = response.meta.get(WARC_META) or (None, None)
        yield Article(
            # response.text honours the header, a BOM and <meta charset>.
            html=response.text,
            record=ArticleRecord(url=key, fetched_url=response.url, http_status=response.status, fetched_at=utcnow(),
                                 source_name=self.source_name, site=site_of(key), warc_file=warc_file,
                                 warc_offset=warc_offset),
            expected_language=self.expected_language,
            extra_junk=list(self.extra_junk),
        )
