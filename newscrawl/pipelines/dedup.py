from __future__ import annotations

from cleaning.fingerprint import band_hashes, content_hash


class DedupPipeline:
    """Fingerprint the cleaned text so copies of one story can be grouped.

    The exact hash finds identical copies; the MinHash band hashes find near
    copies (rewrapped, truncated, reworded). Grouping itself needs the store
    and happens in the store's transaction (db/stories.py).
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        item.content_hash = content_hash(item.text)
        item.bands = band_hashes(item.text)
        if not item.bands:
            self.stats.inc_value("newscrawl/dedup/too_short_for_near_copies")
        return item
