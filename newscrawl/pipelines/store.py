from __future__ import annotations

from cleaning.urls import site_of
from db.store import Store, utcnow


class StorePipeline:
    """Write each article in its own transaction; group exact copies into one story."""

    def __init__(self, stats, db_path: str, timeout: float, keep_html: bool):
        self.stats = stats
        self.db_path = db_path
        self.timeout = timeout
        self.keep_html = keep_html
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler.stats, s.get("NEWSCRAWL_DB"), s.getfloat("NEWSCRAWL_DB_TIMEOUT"), s.getbool("NEWSCRAWL_KEEP_HTML"))

    def open_spider(self):
        self.store = Store(self.db_path, timeout=self.timeout)

    def close_spider(self):
        if self.store is not None:
            self.store.close()

    def process_item(self, item):
        assert self.store is not None
        record = {
            "url": item.url,
            "canonical_url": item.canonical_url,
            "source_url": item.source_url,
            "site": site_of(item.url),
            "title": item.title,
            "text": item.text,
            "language": item.language,
            "language_confidence": item.language_confidence,
            "published": item.published,
            "fetched_at": item.fetched_at or utcnow(),
            "fetched_url": item.fetched_url,
            "http_status": item.http_status,
            "author": item.author,
            "description": item.description,
            "site_name": item.site_name,
            "image": item.image,
            "categories": item.categories,
            "tags": item.tags,
            "source_links": item.source_links,
            "captions": item.captions,
            "changes": item.changes,
            "content_hash": item.content_hash,
            "source_name": item.source_name,
        }
        if item.story_id is not None:
            record["story_id"] = item.story_id
        item.status, item.id = self.store.upsert_article(record, item.html if self.keep_html else None)
        self.stats.inc_value(f"newscrawl/store/{item.status}")
        item.html = ""  # the page is stored; do not carry it further
        return item
