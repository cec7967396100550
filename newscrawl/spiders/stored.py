"""Pages already in the store, for `newscrawl reclean`: no request is made.

The stored HTML goes through the same item pipelines as a crawl, so an
improved extractor or cleaner reaches old articles exactly as it reaches new
ones; a changed text keeps the previous one as a version.
"""

from __future__ import annotations

from db.queries import stored_pages
from db.store import open_db
from cleaning.record import ArticleRecord
from cleaning.urls import site_of
from newscrawl.items import Article
from newscrawl.spiders.base import ArticleSpider


class StoredSpider(ArticleSpider):
    name = "stored"

    def __init__(self, ids=None, site=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(ids, str):
            ids = [i for i in ids.split(",") if i.strip()]
        self.ids = [int(i) for i in ids or []]
        self.site = site

    def first_requests(self):
        db = open_db(self.crawler.settings.get("NEWSCRAWL_DB"), readonly=True)
        try:
            for page in stored_pages(db, ids=self.ids, site=self.site):
                yield Article(
                    html=page["html"],
                    record=ArticleRecord(url=page["url"], fetched_url=page["fetched_url"] or page["url"],
                                         http_status=page["http_status"] or 200, fetched_at=page["fetched_at"],
                                         source_name=page["source_name"], site=page["site"] or site_of(page["url"])),
                )
        finally:
            db.conn.close()
