"""The bundled sample sites: one check that they are served whole, then
newscrawl's own readers and page function on what they serve, in process.
Crawling them is test_demo_quality.py's and test_demo_command.py's."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from cleaning.extract import extract_article
from cleaning.fingerprint import is_same_story, shingles
from cleaning.page import process_page, read_html_bytes
from cleaning.urls import normalize_url
from newscrawl.demo import serve_demo
from newscrawl.spiders.feeds import feed_links_in, json_feed_links, xml_feed_links
from newscrawl.spiders.sitemaps import read_sitemap, sitemap_body
from scrapy.http import HtmlResponse, TextResponse
from tests.test_demo_quality import DEBRIS, JUNK

LANGUAGES = {"en", "es", "fr", "de", "ru", "ar"}


@pytest.fixture(scope="module")
def demo():
    with serve_demo() as running:
        yield running


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def text_response(url: str) -> TextResponse:
    status, content_type, body = fetch(url)
    assert status == 200, url
    return TextResponse(url, body=body, headers={"Content-Type": content_type})


@pytest.fixture(scope="module")
def served(demo):
    """Every article page as served: url -> (content type, body)."""
    out = {}
    for url in demo.article_urls:
        status, content_type, body = fetch(url)
        assert status == 200, url
        out[url] = (content_type, body)
    return out


@pytest.fixture(scope="module")
def pages(served):
    """url -> (text as extracted, before cleaning; the page function's record)."""
    out = {}
    for url, (content_type, body) in served.items():
        html = read_html_bytes(body, content_type)
        out[url] = (extract_article(html, url).text, process_page(html, url))
    return out


def test_the_sample_sites_are_served_whole(demo, served):
    assert len(demo.sites) >= 3
    assert len({site.base_url for site in demo.sites}) == len(demo.sites)
    assert len(demo.articles) >= 30 and LANGUAGES <= {a.language for a in demo.articles}
    bases = {site.base_url for site in demo.sites}
    urls = [url for site in demo.sites for url in (*site.start_urls, site.robots_url, *site.feeds, *site.sitemaps)]
    answers = dict(served)
    for url in urls:
        status, content_type, body = fetch(url)
        assert status == 200, url
        answers[url] = (content_type, body)
    for url, (_content_type, body) in answers.items():
        # No template field left unfilled, no link to a site that is not served.
        text = body.decode("latin-1")
        assert "{{" not in text and not re.search(r"\$\{?[a-z_]+", text), url
        assert set(re.findall(r"http://127\.0\.0\.1:\d+", text)) <= bases, url
    assert fetch(demo.sites[0].base_url + "/no/such/page/")[0] == 404
    for site in demo.sites:
        # Each site links a page only its robots.txt keeps crawlers from.
        home = HtmlResponse(site.start_urls[0], body=answers[site.start_urls[0]][1], encoding="utf-8")
        assert set(site.disallowed_urls) <= {urljoin(home.url, href) for href in home.xpath("//a/@href").getall()}
        rules = re.findall(r"(?im)^disallow:\s*(\S+)", answers[site.robots_url][1].decode())
        assert all(any(urlsplit(url).path.startswith(rule) for rule in rules) for url in site.disallowed_urls)


def test_request_log_records_paths_in_order():
    with serve_demo() as fresh:
        first, second = fresh.sites[0], fresh.sites[1]
        fetch(first.base_url + "/robots.txt")
        fetch(second.base_url + "/")
        fetch(first.base_url + "/missing?x=1")
        assert fresh.requests == [
            (first.name, "/robots.txt"),
            (second.name, "/"),
            (first.name, "/missing?x=1"),
        ]
        assert first.requests == ["/robots.txt", "/missing?x=1"]
        assert second.requests == ["/"]


def test_plain_call_returns_an_object_that_closes():
    running = serve_demo(host="127.0.0.1")
    url = running.sites[0].base_url + "/"
    assert fetch(url)[0] == 200
    running.close()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


# -- newscrawl on the sample pages ---------------------------------------------


def test_every_article_is_kept_in_its_language_with_its_source(demo, pages):
    for article in demo.articles:
        _raw, record = pages[article.url]
        assert record.rejected is None, article.url
        assert record.language == article.language, article.url
        wanted = normalize_url(article.source_url) if article.source_url else None
        assert (normalize_url(record.source_url) if record.source_url else None) == wanted, article.url
        if article.brief:
            assert len(record.text) < 200, article.url  # kept because its markup says it is an article
        else:
            assert len(record.text) >= 600, article.url


@pytest.mark.parametrize("family", sorted({**JUNK, **DEBRIS}))
def test_junk_of_each_family_is_on_the_pages_and_cleaned_from_every_one(pages, family):
    # Found in the extracted text of some page, so the crawl's "none stored"
    # (test_demo_quality.py) can fail; found in no cleaned text.
    pattern = re.compile({**JUNK, **DEBRIS}[family])

    def lines_with_junk(text):
        return [line for line in text.split("\n") if pattern.search(line.strip())]

    assert any(lines_with_junk(raw) for raw, _record in pages.values()), family
    left = {url: lines_with_junk(record.text) for url, (_raw, record) in pages.items()}
    assert not {url: lines for url, lines in left.items() if lines}


def test_copies_of_a_text_are_one_story_and_same_day_stories_are_apart(demo, pages):
    groups: dict[str, list] = {}
    for article in demo.articles:
        groups.setdefault(article.text_group, []).append(pages[article.url][1])
    shared = [records for records in groups.values() if len(records) > 1]
    assert len(shared) >= 10
    for records in shared:
        first = shingles(records[0].text)
        for other in records[1:]:
            assert is_same_story(first, shingles(other.text)), (records[0].url, other.url)
    # Two stories of one town on one day share its names, not their text.
    budget = [pages[a.url][1] for a in demo.articles if a.story == "kallenberg-budget"]
    ferry = [pages[a.url][1] for a in demo.articles if a.story == "kallenberg-ferry"]
    assert budget and ferry
    for a in budget:
        for b in ferry:
            assert not is_same_story(shingles(a.text), shingles(b.text)), (a.url, b.url)


def test_a_page_in_a_legacy_charset_is_decoded_from_its_meta_tag(demo, served, pages):
    legacy = [a for a in demo.articles if a.encoding.lower().replace("_", "-") not in ("utf-8", "utf8")]
    assert legacy
    for article in legacy:
        content_type, body = served[article.url]
        assert "charset" not in content_type
        assert read_html_bytes(body, content_type) == body.decode(article.encoding)
        assert "Ã" not in pages[article.url][1].text


def test_the_feed_readers_list_every_article_of_their_site_and_no_other(demo):
    kinds = set()
    for site in demo.sites:
        home = text_response(site.start_urls[0])
        assert sorted(feed_links_in(home)) == sorted(site.feeds)
        listed = set()
        for feed_url in site.feeds:
            response = text_response(feed_url)
            content_type = response.headers.get("Content-Type").decode()
            if "json" in content_type:
                links, problem = json_feed_links(response.body), None
            else:
                links, problem = xml_feed_links(response.body, feed_url, content_type)
            assert problem is None, feed_url
            kinds.add(content_type)
            listed |= set(links)
        assert listed == {a.url for a in demo.articles if a.site == site.name}, site.name
    assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= kinds


def test_the_sitemap_reader_finds_every_article_and_no_forbidden_page(demo):
    gzipped = False
    for site in demo.sites:
        to_read, locs = list(site.sitemaps), set()
        while to_read:
            response = text_response(to_read.pop())
            if response.url.endswith("/robots.txt"):
                to_read += re.findall(r"(?im)^sitemap:\s*(\S+)", response.text)
                continue
            gzipped |= response.body[:2] == b"\x1f\x8b"
            listing = read_sitemap(sitemap_body(response, 10_000_000),
                                   response.headers.get("Content-Type").decode().split(";")[0])
            assert listing.problem is None, response.url
            found = [entry["loc"] for entry in listing.entries]
            if listing.type == "sitemapindex":
                to_read += found
            else:
                locs |= set(found)
        assert {a.url for a in demo.articles if a.site == site.name} <= locs, site.name
        assert not locs & set(site.disallowed_urls)
    assert gzipped


def test_article_pages_carry_the_metadata_the_extractor_reads(demo, served):
    titles = {site.name: site.title for site in demo.sites}
    for article in demo.articles:
        content_type, body = served[article.url]
        record = extract_article(read_html_bytes(body, content_type), article.url)
        assert record.canonical_url == article.canonical_url, article.url
        assert record.page_language == article.language, article.url
        assert record.site_name == titles[article.site], article.url
        assert record.published and re.match(r"\d{4}-\d\d-\d\d", record.published), article.url
