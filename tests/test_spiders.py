"""The discovery spiders in process: which finders each is built with, what
their first requests are, and how they ask the store about the links found.
Responses are built from strings; the crawl itself is tested end to end in
test_discovery.py."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.request import request_from_dict

from cleaning.page import process_text
from cleaning.record import ArticleRecord
from db.store import Store
from newscrawl.sources import Source
from newscrawl.spiders.feeds import FeedsSpider
from newscrawl.spiders.site import SiteSpider
from newscrawl.spiders.sitemaps import SitemapsSpider
from newscrawl.spiders.sources import SourceSpider
from tests.pipelines.conftest import crawler_for

BASE = "https://valley.example"
TEXT = ("The council approved the harbour budget on Tuesday after a long debate about the pier. "
        "Repairs start in May and should end before the winter storms, the mayor said.")


def open_spider(spider_cls, db_path, source: Source, **spider_args):
    crawler = crawler_for(NEWSCRAWL_DB=str(db_path))
    crawler.spidercls = spider_cls
    spider = spider_cls.from_crawler(crawler, source=source, **spider_args)
    crawler.spider = spider
    spider.open_known()  # what the spider_opened signal does in a crawl
    return spider


def store_articles(db_path, urls):
    with Store(db_path) as store:
        for url in urls:
            record = process_text(f"{TEXT} {url}", title=url)
            record.with_fetch(ArticleRecord(url=url, fetched_url=url, http_status=200,
                                            fetched_at="2024-05-01T10:00:00+00:00", site="valley.example"))
            store.upsert_article(record)


def first_requests(spider) -> list[Request]:
    return [request for request in spider.first_requests() if request is not None]


def rss(links) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def html(body: str) -> str:
    return f"<html><head>{body}</head><body></body></html>"


EVERYTHING = Source(name="valley", feeds=[f"{BASE}/feed.xml"], sitemaps=[f"{BASE}/robots.txt"],
                    start_urls=[f"{BASE}/", "javascript:void(0)"])
START_PAGES_ONLY = Source(name="valley", start_urls=[f"{BASE}/"])


@pytest.mark.parametrize("spider_cls, wanted", [
    (FeedsSpider, [("feed.xml", "parse_feed")]),
    (SitemapsSpider, [("robots.txt", "parse_sitemap")]),
    (SiteSpider, [("", "parse_listing")]),
    (SourceSpider, [("feed.xml", "parse_feed"), ("robots.txt", "parse_sitemap"), ("", "parse_listing")]),
])
def test_each_spider_starts_with_its_finders_requests_in_order(db_path, spider_cls, wanted):
    spider = open_spider(spider_cls, db_path, EVERYTHING)
    requests = first_requests(spider)
    assert [(r.url.removeprefix(BASE + "/"), r.callback.__name__) for r in requests] == wanted


@pytest.mark.parametrize("spider_cls", [FeedsSpider, SitemapsSpider, SiteSpider, SourceSpider])
def test_requests_name_a_method_of_the_spider_so_a_queue_on_disk_can_hold_them(db_path, spider_cls):
    spider = open_spider(spider_cls, db_path, EVERYTHING)
    for request in first_requests(spider):
        again = request_from_dict(request.to_dict(spider=spider), spider=spider)
        assert again.callback.__func__ is request.callback.__func__
        assert again.errback.__func__ is request.errback.__func__


def test_a_source_with_only_start_pages_finds_its_feeds_on_them(db_path):
    # The feeds spider fetches the start page for its feeds alone ...
    feeds = open_spider(FeedsSpider, db_path, START_PAGES_ONLY)
    (home,) = first_requests(feeds)
    assert home.callback.__name__ == "parse_home"
    # ... the source spider reads them on the start page it follows anyway.
    source = open_spider(SourceSpider, db_path, START_PAGES_ONLY)
    (listing,) = first_requests(source)
    assert listing.callback.__name__ == "parse_listing"
    page = html(f'<link rel="alternate" type="application/rss+xml" href="{BASE}/found.xml">'
                f'</head><body><a href="{BASE}/news/ferry.html">ferry</a>')
    response = HtmlResponse(listing.url, body=page.encode(), encoding="utf-8", request=listing)
    found = [(r.url, r.callback.__name__) for r in source.parse_listing(response)]
    assert found == [(f"{BASE}/found.xml", "parse_feed"), (f"{BASE}/news/ferry.html", "parse_candidate")]


def test_a_start_page_announces_no_feeds_when_the_source_lists_some(db_path):
    spider = open_spider(SourceSpider, db_path, EVERYTHING)
    listing = next(r for r in first_requests(spider) if r.callback.__name__ == "parse_listing")
    page = html(f'<link rel="alternate" type="application/rss+xml" href="{BASE}/found.xml">')
    response = HtmlResponse(listing.url, body=page.encode(), encoding="utf-8", request=listing)
    assert list(spider.parse_listing(response)) == []


def test_the_links_of_a_feed_are_looked_up_in_one_query_and_stored_ones_are_not_requested(db_path):
    links = [f"{BASE}/news/{n}.html" for n in range(30)]
    store_articles(db_path, links[:10])
    spider = open_spider(FeedsSpider, db_path, EVERYTHING)
    statements = []
    spider.known.db.conn.set_trace_callback(statements.append)
    (feed,) = first_requests(spider)
    response = TextResponse(feed.url, body=rss(links + links[:3]), headers={"Content-Type": "application/rss+xml"},
                            request=feed)
    requested = [r.url for r in spider.parse_feed(response)]
    assert requested == links[10:]
    assert len([s for s in statements if s.lstrip().lower().startswith("select")]) == 1
    assert spider.crawler.stats.get_value("newscrawl/discovery/already_stored") == 10


def test_refresh_requests_stored_articles_without_asking_the_store(db_path):
    links = [f"{BASE}/news/{n}.html" for n in range(5)]
    store_articles(db_path, links)
    spider = open_spider(FeedsSpider, db_path, EVERYTHING, refresh="yes")
    statements = []
    spider.known.db.conn.set_trace_callback(statements.append)
    (feed,) = first_requests(spider)
    response = TextResponse(feed.url, body=rss(links), headers={"Content-Type": "application/rss+xml"}, request=feed)
    assert [r.url for r in spider.parse_feed(response)] == links
    assert statements == []


def test_a_spider_without_a_store_yet_requests_every_link(db_path):
    spider = open_spider(FeedsSpider, db_path, EVERYTHING)
    assert not db_path.exists()
    (feed,) = first_requests(spider)
    links = [f"{BASE}/news/{n}.html" for n in range(3)]
    response = TextResponse(feed.url, body=rss(links), headers={"Content-Type": "application/rss+xml"}, request=feed)
    assert [r.url for r in spider.parse_feed(response)] == links
    spider.closed("finished")


def test_a_news_sitemap_entry_without_lastmod_is_judged_by_its_publication_date(db_path):
    spider = open_spider(SitemapsSpider, db_path, Source(name="valley", sitemaps=[f"{BASE}/news-sitemap.xml"]))
    spider.since = "2024-05-01T10:00:00+00:00"  # what open_known reads from the last complete run
    (request,) = first_requests(spider)
    entries = "".join(
        f"<url><loc>{BASE}/news/{slug}.html</loc><news:news><news:publication_date>{date}</news:publication_date>"
        "</news:news></url>" for slug, date in (("old", "2024-01-02"), ("new", "2024-06-01T08:00:00Z")))
    body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>').encode()
    response = TextResponse(request.url, body=body, headers={"Content-Type": "application/xml"}, request=request)
    assert [r.url for r in spider.parse_sitemap(response)] == [f"{BASE}/news/new.html"]
    assert spider.crawler.stats.get_value("newscrawl/sitemaps/not_modified_entry") == 1
