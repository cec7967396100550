"""The options objects of every stage, built from the settings in one place.

Every default is in newscrawl/settings.py; the stages take plain frozen
options objects (cleaning/ and db/ know nothing of Scrapy settings).
"""

from __future__ import annotations

import os
from dataclasses import replace

from cleaning.anchors import AnchorOptions
from cleaning.extract import ExtractOptions
from cleaning.language import LanguageOptions
from cleaning.page import PageOptions
from cleaning.site import SiteOptions
from db.stories import StoryOptions


def page_options(settings, extra_phrases: list[str] | tuple[str, ...] = ()) -> PageOptions:
    return PageOptions(
        extract=ExtractOptions(),
        language=language_options(settings),
        min_text_chars=settings.getint("NEWSCRAWL_MIN_TEXT_CHARS"),
        min_brief_chars=settings.getint("NEWSCRAWL_MIN_BRIEF_CHARS"),
        extra_phrases=tuple(extra_phrases),
    )


def with_extra_phrases(options: PageOptions, extra_phrases: list[str] | tuple[str, ...]) -> PageOptions:
    """The options of one source: its own junk phrases added."""
    if tuple(extra_phrases) == options.extra_phrases:
        return options
    return replace(options, extra_phrases=tuple(extra_phrases))


def language_options(settings) -> LanguageOptions:
    return LanguageOptions(
        min_chars=settings.getint("NEWSCRAWL_LANG_MIN_CHARS"),
        min_prob=settings.getfloat("NEWSCRAWL_LANG_MIN_PROB"),
        sample_chars=settings.getint("NEWSCRAWL_LANG_SAMPLE_CHARS"),
        paragraph_min_chars=settings.getint("NEWSCRAWL_LANG_PARAGRAPH_MIN_CHARS"),
        paragraph_min_prob=settings.getfloat("NEWSCRAWL_LANG_PARAGRAPH_MIN_PROB"),
        max_paragraphs=settings.getint("NEWSCRAWL_LANG_MAX_PARAGRAPHS"),
    )


def story_options(settings) -> StoryOptions:
    return StoryOptions(
        min_containment=settings.getfloat("NEWSCRAWL_STORY_MIN_CONTAINMENT"),
        min_shared_shingles=settings.getint("NEWSCRAWL_STORY_MIN_SHARED_SHINGLES"),
        max_candidates=settings.getint("NEWSCRAWL_STORY_MAX_CANDIDATES"),
        translations=settings.getbool("NEWSCRAWL_STORY_TRANSLATIONS"),
        translation=AnchorOptions(
            min_score=settings.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_SCORE"),
            min_order=settings.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_ORDER"),
            min_shared=settings.getint("NEWSCRAWL_STORY_TRANSLATION_MIN_SHARED"),
            min_name_share=settings.getfloat("NEWSCRAWL_STORY_TRANSLATION_MIN_NAME_SHARE"),
            max_length_ratio=settings.getfloat("NEWSCRAWL_STORY_TRANSLATION_MAX_LENGTH_RATIO"),
        ),
    )


def site_options(settings) -> SiteOptions:
    return SiteOptions(
        min_articles=settings.getint("NEWSCRAWL_SITE_MIN_ARTICLES"),
        min_share=settings.getfloat("NEWSCRAWL_SITE_MIN_SHARE"),
    )


def worker_count(settings) -> int:
    """NEWSCRAWL_WORKERS: empty means one per core; 0 runs pages on the reactor thread."""
    value = settings.get("NEWSCRAWL_WORKERS")
    if value in (None, ""):
        return os.cpu_count() or 1
    return max(0, int(value))
