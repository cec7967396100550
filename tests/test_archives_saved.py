"""`newscrawl ingest --html`: saved pages become articles like any other."""

from __future__ import annotations

import os
import re

import pytest

from cleaning.page import process_page, read_html_bytes
from newscrawl.demo import serve_demo
from tests.conftest import rows, run_cli
from tests.warc_files import fetch

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

SELF_LINKS = re.compile(rb"<link[^>]*rel=\"canonical\"[^>]*>|<meta[^>]*property=\"og:url\"[^>]*>", re.IGNORECASE)
SAVED_AT = 1_741_000_000  # 2025-03-03T11:06:40Z


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """Every demo article saved as a file, under <site>/<its path>.html, with its mtime set."""
    folder = tmp_path_factory.mktemp("saved")
    with serve_demo() as demo:
        pages = {}
        for article in demo.articles:
            _status, _type, body = fetch(article.url)
            path = folder / article.site / (article.url.split("/", 3)[3].strip("/").replace("/", "_") + ".html")
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(body)
            os.utime(path, (SAVED_AT, SAVED_AT))
            pages[path] = article
    return folder, pages


def test_a_folder_of_saved_pages_is_stored_under_the_urls_they_give(saved, tmp_path, db_path):
    folder, pages = saved
    # A second copy of one page under another name: one URL, one article.
    twin_of, twin_article = next(iter(pages.items()))
    twin = tmp_path / "twin.html"
    twin.write_bytes(twin_of.read_bytes())
    result = run_cli("ingest", "--html", str(folder), str(twin), db=db_path)
    assert result.code == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary == (f"{len(pages) + 1} files read: {len(pages)} stored, 0 updated, 0 unchanged, 0 failed, "
                       "1 skipped (same URL as an earlier file: 1)")
    assert f"{twin}: not stored: its URL {twin_article.url} is also the URL of {twin_of}" in result.stderr
    stored = {row["url"]: row for row in rows(db_path)}
    # Copies whose canonical link names another site's original keep their own address (og:url).
    assert any(a.canonical_url != a.url for a in pages.values())
    assert set(stored) == {article.url for article in pages.values()}
    for path, article in pages.items():
        row = stored[article.url]
        # What a crawl stores of the page, from the same page function.
        expected = process_page(read_html_bytes(path.read_bytes()), article.url)
        assert (row["title"], row["text"], row["language"]) == (expected.title, expected.text, expected.language)
        assert row["canonical_url"] == article.canonical_url
        assert row["fetched_at"] == "2025-03-03T11:06:40+00:00"
        assert "\ufffd" not in row["text"]


def test_without_a_canonical_link_the_base_url_and_file_name_make_the_url(saved, tmp_path, db_path):
    _folder, pages = saved
    path, article = next((p, a) for p, a in pages.items() if a.encoding == "windows-1252")
    bare = tmp_path / "pages" / "2025" / "orgel.html"
    bare.parent.mkdir(parents=True)
    bare.write_bytes(SELF_LINKS.sub(b"", path.read_bytes()))
    no_base = run_cli("ingest", "--html", str(bare), db=db_path)
    assert no_base.code == 1
    assert no_base.stderr.splitlines()[0] == (
        f"{bare}: no URL for this page: it has no canonical link or og:url (pass --base-url URL)")
    assert no_base.stderr.splitlines()[-1].startswith("1 file read: 0 stored, 0 updated, 0 unchanged, 1 failed")

    result = run_cli("ingest", "--html", str(tmp_path / "pages"), "--base-url", "https://archive.example/de", db=db_path)
    assert result.code == 0, result.stderr
    (row,) = rows(db_path)
    assert row["url"] == "https://archive.example/de/2025/orgel.html"
    assert row["site"] == "archive.example"
    # Declared only by <meta charset="windows-1252">: decoded as such.
    assert "\ufffd" not in row["text"] and row["language"] == "de"
    assert row["title"] == process_page(read_html_bytes(bare.read_bytes()), row["url"]).title


def test_language_filter_and_missing_inputs(saved, tmp_path, db_path):
    folder, pages = saved
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("ingest", "--html", str(folder / "mirador-relay"), str(empty), str(tmp_path / "gone.html"),
                     "--lang", "ar", db=db_path)
    assert result.code == 1
    assert f"{empty}: no HTML files (.html, .htm, .xhtml, .shtml) in this folder" in result.stderr
    assert f"{tmp_path / 'gone.html'}: cannot read: No such file or directory" in result.stderr
    arabic = {a.url for a in pages.values() if a.site == "mirador-relay" and a.language == "ar"}
    assert {row["url"] for row in rows(db_path)} == arabic
    relay = sum(1 for a in pages.values() if a.site == "mirador-relay")
    assert f"other language: {relay - len(arabic)}" in result.stderr
