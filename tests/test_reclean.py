"""`newscrawl reclean` re-extracts stored pages without fetching them again."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from tests.conftest import FAST, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def test_reclean_uses_stored_html_and_keeps_versions(site, cli, db_path):
    url = site.add_page("/a.html", "wp-article.html")
    assert cli("ingest", url, *FAST, db=db_path).code == 0
    requests_before = len(site.requests)
    # Nothing changed: every article is unchanged and nothing is fetched.
    result = cli("reclean", db=db_path)
    assert result.code == 0, result.stderr
    assert "1 unchanged" in result.stderr
    # Simulate a page stored by an older extractor: edit the stored HTML.
    conn = sqlite3.connect(db_path)
    html = zlib.decompress(conn.execute("select html from pages").fetchone()[0]).decode()
    html = html.replace("an hourly ferry", "a half-hourly ferry")
    conn.execute("update pages set html = ?", [zlib.compress(html.encode())])
    conn.commit()
    conn.close()
    result = cli("reclean", "--site", url.split("//")[1].split("/")[0], db=db_path)
    assert result.code == 0, result.stderr
    assert "1 updated" in result.stderr
    (article,) = rows(db_path)
    assert "a half-hourly ferry" in article["text"]
    assert len(rows(db_path, "select * from article_versions")) == 1
    assert len(site.requests) == requests_before


def test_reclean_without_database_is_a_usage_error(cli, tmp_path):
    result = cli("reclean", db=tmp_path / "none.db")
    assert result.code == 2 and "no database at" in result.stderr


def test_reclean_fills_the_metadata_an_older_store_lacks(site, cli, db_path):
    url = site.add_page("/coast/lighthouse-keepers.html", "jsonld-article.html")
    assert cli("ingest", url, *FAST, db=db_path).code == 0
    # A store made before authors, publisher and modified existed, when
    # `published` held the date only.
    conn = sqlite3.connect(db_path)
    for column in ("authors", "publisher", "modified"):
        conn.execute(f"alter table articles drop column {column}")
    conn.execute("update articles set published = substr(published, 1, 10)")
    conn.commit()
    conn.close()
    assert "authors" not in rows(db_path)[0]
    requests_before = len(site.requests)
    result = cli("reclean", db=db_path)
    assert result.code == 0, result.stderr
    (article,) = rows(db_path)
    assert article["authors"] == '["Søren Åkesson", "Lena Hoff"]'
    assert article["publisher"] == "Northern Ledger"
    assert article["published"] == "2024-06-03T07:45:00+02:00"
    assert article["modified"] == "2024-06-03T11:20:00+02:00"
    assert len(site.requests) == requests_before
    found = cli("query", "--author", "Lena Hoff", "--format", "json", db=db_path)
    assert [row["url"] for row in found.json()] == [url]
