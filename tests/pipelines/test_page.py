"""The page stage: the page function on fetched pages, its options and its stats."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.exceptions import DropItem

from cleaning.page import PageOptions, process_page
from cleaning.record import NO_ARTICLE_TEXT, ArticleRecord
from newscrawl.items import Article
from newscrawl.pipelines.page import PagePipeline
from tests.pipelines.conftest import crawler_for
from newscrawl.workers import WorkerPool, process_fetched

ENGLISH = (
    "The regional council approved the new budget for the harbour on Tuesday evening, after a long debate "
    "about the cost of repairs to the old pier and the ferry terminal."
)
GERMAN = (
    "Der Stadtrat hat am Dienstagabend den neuen Haushalt für den Hafen beschlossen, nach einer langen Debatte "
    "über die Kosten der Reparaturen am alten Pier und am Fährterminal."
)
SPANISH = (
    "El consejo regional aprobó el martes por la tarde el nuevo presupuesto para el puerto, tras un largo debate "
    "sobre el coste de las reparaciones del viejo muelle y de la terminal de transbordadores."
)


def page(*paragraphs: str, lang: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html{lang and f" lang={lang}"}><head><title>Harbour budget approved</title></head>'
            f"<body><article><h1>Harbour budget approved</h1>{body}</article></body></html>")


def process(pipeline, html: str, url: str = "https://harbour.example/news/1", **item):
    article = Article(html=html, record=ArticleRecord(url=url, fetched_url=url, site="harbour.example"), **item)
    return asyncio.run(pipeline.process_item(article))


def test_settings_reach_the_options():
    crawler = crawler_for(NEWSCRAWL_LANG_MIN_PROB=0.95, NEWSCRAWL_LANG_MAX_PARAGRAPHS=3, NEWSCRAWL_MIN_TEXT_CHARS=500)
    pipeline = PagePipeline.from_crawler(crawler)
    assert pipeline.options.language.min_prob == 0.95
    assert pipeline.options.language.max_paragraphs == 3
    assert pipeline.options.min_text_chars == 500
    assert pipeline.pool.workers == 0


def test_a_page_becomes_a_record_with_its_fetch_facts_and_counts():
    crawler = crawler_for()
    pipeline = PagePipeline.from_crawler(crawler)
    item = process(pipeline, page(ENGLISH, GERMAN, ENGLISH), expected_language="es")
    record = item.record
    assert record.url == "https://harbour.example/news/1" and record.site == "harbour.example"
    assert record.title == "Harbour budget approved" and record.language == "en"
    assert [(p["index"], p["language"]) for p in record.foreign_paragraphs] == [(1, "de")]
    assert {"cleaner": "foreign_paragraph", "action": "detected", "before": GERMAN, "after": "de"} in record.changes
    assert record.content_hash and record.bands
    assert item.html == "" and item.page is not None  # the stored form travels on, not the str
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/language/en"] == 1
    assert stats["newscrawl/language/unexpected"] == 1
    assert stats["newscrawl/clean/foreign_paragraph"] == 1


def test_a_page_without_article_text_is_dropped_with_the_reason():
    pipeline = PagePipeline.from_crawler(crawler_for())
    with pytest.raises(DropItem, match=NO_ARTICLE_TEXT):
        process(pipeline, "<html><body><p>Too short.</p></body></html>")


def test_the_stage_gives_what_the_page_function_gives():
    pipeline = PagePipeline.from_crawler(crawler_for())
    html = page(SPANISH, SPANISH.replace("martes", "miércoles"))
    item = process(pipeline, html)
    direct = process_page(html, "https://harbour.example/news/1")
    assert (item.record.title, item.record.text, item.record.language) == (direct.title, direct.text, direct.language)


def test_worker_processes_give_the_same_record_as_inline():
    pool = WorkerPool(2)
    try:
        fetched = ArticleRecord(url="https://harbour.example/news/1", fetched_url="https://harbour.example/news/1")
        html = page(ENGLISH, SPANISH, ENGLISH)
        in_worker = asyncio.run(pool.run(html, fetched, PageOptions(), True))
        inline = process_fetched(html, fetched, PageOptions(), True)
        assert in_worker.error is None
        assert in_worker.record == inline.record and in_worker.page == inline.page
    finally:
        pool.shutdown()


def test_a_page_function_error_is_one_line_and_keeps_the_html():
    fetched = ArticleRecord(url="https://harbour.example/news/1")
    # Options of the wrong kind make the page function itself raise.
    result = process_fetched(page(ENGLISH), fetched, PageOptions(extract=None), True)
    assert result.record is None and result.page is not None
    assert result.error.startswith("AttributeError:") and "\n" not in result.error
