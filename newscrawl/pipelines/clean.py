from __future__ import annotations

from cleaning.document import merge_source_links, page_for
from cleaning.pipeline import clean_text


class CleanPipeline:
    """Run the ordered cleaners; keep what they changed with the article."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        page = page_for(item, item.extra_junk)
        cleaned = clean_text(item.text, page)
        item.title = cleaned.title
        item.text = cleaned.text
        links = merge_source_links(cleaned.source_links, item.source_links)
        item.source_links = links
        item.source_url = links[0]["url"] if links else None
        item.captions = list(dict.fromkeys(cleaned.captions + item.captions))
        item.changes = [change.as_dict() for change in cleaned.changes]
        for change in cleaned.changes:
            self.stats.inc_value(f"newscrawl/clean/{change.cleaner}")
        return item
