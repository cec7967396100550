"""Site templates in the crawl's stages: learned as the store stage writes the
site's pages, handed to the page stage for the next pages, and re-applied to
the earlier pages of the run when the store stage closes."""

from __future__ import annotations

import asyncio

from cleaning.record import ArticleRecord
from db.store import utcnow
from newscrawl.items import Article
from newscrawl.pipelines.page import PagePipeline
from newscrawl.pipelines.store import StorePipeline
from tests import template_site
from tests.conftest import rows
from tests.pipelines.conftest import crawler_for

SITE = "lanternfish.example"


def article(index: int) -> Article:
    url = f"https://{SITE}/news/{template_site.ARTICLES[index][0]}.html"
    return Article(html=template_site.page(index),
                   record=ArticleRecord(url=url, fetched_url=url, http_status=200, fetched_at=utcnow(), site=SITE))


async def crawl(page_stage: PagePipeline, store_stage: StorePipeline, items: list[Article]) -> None:
    await store_stage.open_spider()
    try:
        for item in items:  # one at a time: each page sees what the ones before taught
            await store_stage.process_item(await page_stage.process_item(item))
    finally:
        await store_stage.close_spider()


def crawler(db_path, tmp_path, **settings):
    return crawler_for(NEWSCRAWL_DB=str(db_path), NEWSCRAWL_SOURCES=str(tmp_path / "none.toml"),
                       NEWSCRAWL_BATCH_SIZE=1, **settings)


def test_the_template_reaches_later_pages_and_earlier_ones_are_cleaned_again(db_path, tmp_path):
    c = crawler(db_path, tmp_path)
    items = [article(i) for i in range(5)]
    asyncio.run(crawl(PagePipeline.from_crawler(c), StorePipeline.from_crawler(c), items))
    # Learned once the store held three of the site's stories.
    assert [item.site_profile is not None for item in items] == [False, False, False, True, True]
    assert {f.text for f in items[3].site_profile.furniture} >= set(template_site.FURNITURE)
    stored = rows(db_path)
    for article_row, headline in zip(stored, template_site.headlines()):
        assert article_row["title"] == headline
        assert not [line for line in template_site.template_lines() if line in article_row["text"]]
    for paragraph in template_site.paragraphs()[:15]:
        assert any(paragraph in article_row["text"] for article_row in stored), paragraph
    # The three pages stored before the template was known were cleaned again, from their stored HTML.
    assert c.stats.get_value("newscrawl/templates/reapplied/updated") == 3
    assert [r["article_id"] for r in rows(db_path, "select article_id from article_versions order by 1")] == [1, 2, 3]
    assert c.stats.get_value("newscrawl/clean/remove_site_furniture") == 2 * 4
    (profile,) = rows(db_path, "select * from site_profiles")
    assert profile["site"] == SITE and profile["articles"] == 5


def test_templates_can_be_switched_off(db_path, tmp_path):
    c = crawler(db_path, tmp_path, NEWSCRAWL_SITE_TEMPLATES=False)
    items = [article(i) for i in range(4)]
    asyncio.run(crawl(PagePipeline.from_crawler(c), StorePipeline.from_crawler(c), items))
    assert all(template_site.FURNITURE[0] in r["text"] for r in rows(db_path))
    assert rows(db_path, "select * from site_profiles") == []
