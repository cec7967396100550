"""Pages already in the store, for `newscrawl reclean`: no request is made.

The stored HTML goes through the same item pipelines as a crawl, so an
improved extractor or cleaner reaches old articles exactly as it reaches new
ones; a changed text keeps the previous one as a version.
"""

from __future__ import annotations

from db.queries import stored_pages
from db.store import open_db
from cleaning.record import FETCH_FIELDS, ArticleRecord
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
        self.sites = [s for s in (site or "").split(",") if s.strip()]

    def first_requests(self):
        db = open_db(self.crawler.settings.get("NEWSCRAWL_DB"), readonly=True)
        try:
            for page in stored_pages(db, ids=self.ids, sites=self.sites):
                fetched = ArticleRecord(**{name: page[name] for name in FETCH_FIELDS if name in page})
                fetched.fetched_url = fetched.fetched_url or fetched.url
                fetched.http_status = fetched.http_status or 200
                fetched.site = fetched.site or site_of(fetched.url)
                yield Article(html=page["html"], record=fetched)
        finally:
            db.conn.close()
