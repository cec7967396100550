from __future__ import annotations

from cleaning.fingerprint import content_hash


class DedupPipeline:
    """Fingerprint the cleaned text so copies of one story can be grouped."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        item.content_hash = content_hash(item.text)
        return item
