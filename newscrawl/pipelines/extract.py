from __future__ import annotations

from scrapy.exceptions import DropItem

from cleaning.extract import ExtractOptions, extract_article
from newscrawl.outcomes import NO_ARTICLE_TEXT


class ExtractPipeline:
    """HTML → article body and metadata (trafilatura), source links, captions."""

    def __init__(self, stats, min_chars: int, min_brief_chars: int, options: ExtractOptions):
        self.stats = stats
        self.min_chars = min_chars
        self.min_brief_chars = min_brief_chars
        self.options = options

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler.stats, s.getint("NEWSCRAWL_MIN_TEXT_CHARS"), s.getint("NEWSCRAWL_MIN_BRIEF_CHARS"),
                   ExtractOptions())

    def process_item(self, item):
        extracted = extract_article(item.html, item.fetched_url or item.url, self.options)
        # Excerpt-only copies and briefs are short; they are kept when the
        # page's markup says it is an article, so a story keeps all its copies.
        floor = self.min_brief_chars if extracted.is_article else self.min_chars
        if len(extracted.text.strip()) < floor:
            self.stats.inc_value("newscrawl/extract/no_text")
            raise DropItem(NO_ARTICLE_TEXT)
        item.title = extracted.title
        item.text = extracted.text
        item.author = extracted.author
        item.published = extracted.published
        item.description = extracted.description
        item.site_name = extracted.site_name
        item.image = extracted.image
        item.categories = extracted.categories
        item.tags = extracted.tags
        item.canonical_url = extracted.canonical_url
        item.source_links = [link.as_dict() for link in extracted.source_links]
        item.captions = extracted.captions
        item.image_alts = extracted.image_alts
        item.dropped_lines = extracted.dropped_lines
        item.page_language = extracted.page_language
        self.stats.inc_value("newscrawl/extract/ok")
        return item
