from __future__ import annotations

from cleaning.language import (
    LanguageOptions,
    detect_language,
    detect_paragraph_languages,
    normalize_hint,
    split_paragraphs,
)

FOREIGN_PARAGRAPH = "foreign_paragraph"


class LanguagePipeline:
    """Language of the cleaned text; the page's declared language is the prior.

    Paragraphs in another language are recorded (item.foreign_paragraphs and
    a "detected" change), not removed: dropping them is the cleaners' call.
    """

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
            paragraph_min_chars=s.getint("NEWSCRAWL_LANG_PARAGRAPH_MIN_CHARS"),
            paragraph_min_prob=s.getfloat("NEWSCRAWL_LANG_PARAGRAPH_MIN_PROB"),
            max_paragraphs=s.getint("NEWSCRAWL_LANG_MAX_PARAGRAPHS"),
        )
        return cls(crawler.stats, options)

    def process_item(self, item):
        item.language, item.language_confidence = detect_language(item.text, item.page_language, self.options)
        self.stats.inc_value(f"newscrawl/language/{item.language}")
        expected = normalize_hint(item.expected_language)
        if expected and item.language not in (expected, "und"):
            self.stats.inc_value("newscrawl/language/unexpected")
        paragraphs = split_paragraphs(item.text)
        item.foreign_paragraphs = []
        for index, code, prob in detect_paragraph_languages(item.text, item.language, self.options):
            item.foreign_paragraphs.append(
                {"index": index, "language": code, "probability": prob, "text": paragraphs[index]}
            )
            item.changes.append(
                {"cleaner": FOREIGN_PARAGRAPH, "action": "detected", "before": paragraphs[index], "after": code}
            )
            self.stats.inc_value(f"newscrawl/language/{FOREIGN_PARAGRAPH}")
        return item
