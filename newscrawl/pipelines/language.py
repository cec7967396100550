from __future__ import annotations

from cleaning.language import LanguageOptions, detect_language


class LanguagePipeline:
    """Language of the cleaned text; the page's declared language is the prior."""

    def __init__(self, stats, options: LanguageOptions):
        self.stats = stats
        self.options = options

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        options = LanguageOptions(
            min_chars=s.getint("NEWSCRAWL_LANG_MIN_CHARS"),
            min_prob=s.getfloat("NEWSCRAWL_LANG_MIN_PROB"),
            sample_chars=s.getint("NEWSCRAWL_LANG_SAMPLE_CHARS"),
        )
        return cls(crawler.stats, options)

    def process_item(self, item):
        item.language, item.language_confidence = detect_language(item.text, item.page_language, self.options)
        self.stats.inc_value(f"newscrawl/language/{item.language}")
        if item.expected_language and item.language not in (item.expected_language, "und"):
            self.stats.inc_value("newscrawl/language/unexpected")
        return item
