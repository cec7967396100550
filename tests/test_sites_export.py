"""`newscrawl sites` and `newscrawl export` on a crawled store, checked
against the store's rows read here with plain SQLite."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter

import pytest

from tests.conftest import invoke_cli, rows


@pytest.fixture(scope="module")
def stored(demo_store):
    articles = rows(demo_store.db)
    originals = {r["story_id"]: r for r in articles if r["is_original"]}
    return articles, originals


def test_sites_counts_languages_and_copies(demo_store, stored):
    articles, originals = stored
    result = invoke_cli("sites", "--format", "json", db=demo_store.db)
    assert result.code == 0, result.stderr
    listed = {row["site"]: row for row in result.json()}
    assert set(listed) == {r["site"] for r in articles}
    for site, row in listed.items():
        own = [r for r in articles if r["site"] == site]
        copies = [r for r in own if not r["is_original"] and originals[r["story_id"]]["site"] != site]
        assert row["articles"] == len(own)
        assert row["name"] == Counter(r["site_name"] for r in own).most_common(1)[0][0]
        assert set(row["languages"]) == {r["language"] for r in own}
        assert row["copies_share"] == pytest.approx(len(copies) / len(own), abs=0.001)
        assert row["source_link_share"] == pytest.approx(sum(1 for r in own if r["source_url"]) / len(own), abs=0.001)
        most = Counter(originals[r["story_id"]]["site"] for r in copies).most_common()
        assert [(c["site"], c["copies"]) for c in row["copies_from"]] == most[:3]
        assert row["first_seen"] <= row["last_seen"]
    # Most articles first; one site asked for by its name.
    assert [row["articles"] for row in result.json()] == sorted((row["articles"] for row in listed.values()), reverse=True)
    one = invoke_cli("sites", "--site", "Mirador Relay", "--format", "json", db=demo_store.db).json()
    assert [row["name"] for row in one] == ["Mirador Relay"]


def test_export_writes_every_article_in_three_formats(demo_store, stored, tmp_path):
    articles, _ = stored
    assert len(articles) > 20  # more than query's default limit
    jsonl = invoke_cli("export", db=demo_store.db)
    assert jsonl.code == 0, jsonl.stderr
    exported = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["id"] for r in exported] == [r["id"] for r in articles]
    assert exported[0]["text"] == articles[0]["text"]
    assert isinstance(exported[0]["changes"], list)  # JSON columns as lists, not strings
    assert list(exported[0])[:11] == ["id", "url", "canonical_url", "source_url", "site", "title", "text", "language",
                                      "published", "story_id", "fetched_at"]
    assert set(exported[0]) == set(articles[0])
    assert jsonl.stderr == f"{len(articles)} article(s) exported\n"

    out = tmp_path / "news.csv"
    result = invoke_cli("export", "--format", "csv", "--output", str(out), db=demo_store.db)
    assert result.code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [int(r["id"]) for r in table] == [r["id"] for r in articles]
    assert table[-1]["title"] == articles[-1]["title"] and table[-1]["text"] == articles[-1]["text"]

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "news.parquet"
    result = invoke_cli("export", "--format", "parquet", "--output", str(out), db=demo_store.db)
    assert result.code == 0, result.stderr
    frame = pq.read_table(out).to_pylist()
    assert [r["id"] for r in frame] == [r["id"] for r in articles]
    assert frame[0]["authors"] == json.loads(articles[0]["authors"])
    assert json.loads(frame[0]["changes"]) == json.loads(articles[0]["changes"])


def test_export_filters_as_query_does(demo_store, stored):
    articles, _ = stored
    german = [r["id"] for r in articles if r["language"] == "de"]
    assert german
    result = invoke_cli("export", "--lang", "de", db=demo_store.db)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == german
    story = Counter(r["story_id"] for r in articles).most_common(1)[0][0]
    copies = invoke_cli("export", "--story", str(story), "--format", "csv", db=demo_store.db)
    assert sorted(int(r["id"]) for r in csv.DictReader(io.StringIO(copies.stdout))) == sorted(
        r["id"] for r in articles if r["story_id"] == story)


def test_parquet_without_pyarrow_or_output_is_one_line(demo_store, monkeypatch, tmp_path):
    no_output = invoke_cli("export", "--format", "parquet", db=demo_store.db)
    assert (no_output.code, no_output.stderr) == (2, "newscrawl: error: --format parquet needs --output FILE\n")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    missing = invoke_cli("export", "--format", "parquet", "--output", str(tmp_path / "x.parquet"), db=demo_store.db)
    assert missing.code == 2
    assert missing.stderr == "newscrawl: error: --format parquet needs pyarrow: pip install 'newscrawl[parquet]'\n"
    assert not (tmp_path / "x.parquet").exists()
