from __future__ import annotations

from cleaning.anchors import AnchorOptions
from cleaning.urls import site_of
from db.store import Store, utcnow
from db.stories import StoryOptions


class StorePipeline:
    """Write each article in its own transaction; group exact copies into one story."""

    def __init__(self, stats, db_path: str, timeout: float, keep_html: bool, story_options: StoryOptions | None = None):
        self.stats = stats
        self.db_path = db_path
        self.timeout = timeout
        self.keep_html = keep_html
        self.story_options = story_options or StoryOptions()
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        story_options = StoryOptions(
            min_containment=s.getfloat("NEWSCRAWL_STORY_MIN_CONTAINMENT"),
            min_shared_shingles=s.getint("NEWSCRAWL_STORY_MIN_SHARED_SHINGLES"),
            max_candidates=s.getint("NEWSCRAWL_STORY_MAX_CANDIDATES"),
            translations=s.getbool("NEWSCRAWL_STORY_TRANSLATIONS"),
            translation=AnchorOptions(
                min_score=s.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_SCORE"),
                min_order=s.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_ORDER"),
                min_shared=s.getint("NEWSCRAWL_STORY_TRANSLATION_MIN_SHARED"),
                min_name_share=s.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_NAME_SHARE"),
                max_length_ratio=s.getfloat("NEWSCRAWL_STORY_TRANSLATION_MAX_LENGTH_RATIO"),
            ),
        )
        return cls(
            crawler.stats, s.get("NEWSCRAWL_DB"), s.getfloat("NEWSCRAWL_DB_TIMEOUT"), s.getbool("NEWSCRAWL_KEEP_HTML"),
            story_options,
        )

    def open_spider(self):
        self.store = Store(self.db_path, timeout=self.timeout, story_options=self.story_options)

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
        item.status, item.id = self.store.upsert_article(record, item.html if self.keep_html else None, item.bands or None)
        self.stats.inc_value(f"newscrawl/store/{item.status}")
        self._note_story(item)
        item.html = ""  # the page is stored; do not carry it further
        return item

    def _note_story(self, item) -> None:
        assert self.store is not None
        row = self.store.db.conn.execute(
            "select story_id, is_original, (select count(*) from articles c where c.story_id = a.story_id) "
            "from articles a where id = ?",
            (item.id,),
        ).fetchone()
        if row is None or row[0] is None:
            return
        item.story_id, item.is_original, copies = row[0], bool(row[1]), row[2]
        if item.status != "unchanged":
            self.stats.inc_value("newscrawl/dedup/new_story" if copies == 1 else "newscrawl/dedup/joined_story")
