"""The crawl and `newscrawl clean` run the same page function: same page, same text."""

from __future__ import annotations

import json
import urllib.request

import pytest
from click.testing import CliRunner

from cleaning.urls import normalize_url
from newscrawl.cli import cli
from newscrawl.demo import serve_demo
from tests.conftest import FAST, rows, run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def test_crawl_and_clean_store_byte_identical_text_for_every_demo_page(tmp_path):
    db = tmp_path / "news.db"
    with serve_demo() as demo:
        urls = [article.url for article in demo.articles]
        listing = tmp_path / "urls.txt"
        listing.write_text("\n".join(urls))
        # Site templates are learned across a site's stored pages, which
        # `clean` (no store) cannot know: compared without them.
        result = run_cli("ingest", "--from-file", str(listing), *FAST, "--set", "NEWSCRAWL_SITE_TEMPLATES=False",
                         db=db, timeout=300)
        assert result.code == 0, result.stderr
        saved = []
        for n, url in enumerate(urls):
            path = tmp_path / f"page-{n}.html"
            path.write_bytes(urllib.request.urlopen(url).read())
            saved.append((url, path))
    stored = {row["url"]: row for row in rows(db)}
    assert len(stored) == len(urls)
    runner = CliRunner()
    for url, path in saved:
        # The real command, in this process (one subprocess per page would cost a second each).
        cleaned = runner.invoke(cli, ["clean", "--html", "--url", url, "--format", "json", "--jobs", "1", str(path)])
        assert cleaned.exit_code == 0, cleaned.output
        output = json.loads(cleaned.stdout)
        row = stored[normalize_url(url)]
        assert output["text"] == row["text"], url
        assert output["title"] == row["title"], url
        assert output["language"] == row["language"], url
        assert output["source_url"] == row["source_url"], url
        assert output["captions"] == json.loads(row["captions"]), url
