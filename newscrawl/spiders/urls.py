"""One-off URLs: `newscrawl ingest` and `scrapy crawl urls -a urls=URL,URL`."""

from __future__ import annotations

from newscrawl.spiders.base import ArticleSpider


class UrlsSpider(ArticleSpider):
    name = "urls"

    def __init__(self, urls=None, url_file=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(urls, str):
            urls = [u for u in urls.replace(",", "\n").split("\n")]
        self.urls = [u.strip() for u in (urls or []) if u and u.strip()]
        if url_file:
            with open(url_file, encoding="utf-8") as fh:
                self.urls += [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]
        # The user asked for these pages: their hosts may be on the local
        # network; where they redirect or link to is checked.
        self.user_hosts = self.hosts_of(self.urls)

    def first_requests(self):
        for url in self.urls:
            yield self.article_request(url)
