"""`newscrawl clean`: the same extraction and cleaning as a crawl, offline."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PAGES

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

KEYS = ["file", "title", "text", "source_url", "captions", "language", "changes", "mt_score", "mt_parts"]


def test_clean_html_file_as_jsonl(cli, tmp_path):
    result = cli("clean", "--html", str(PAGES / "wp-article.html"), str(PAGES / "legacy-1252.html"), "--format", "jsonl")
    assert result.code == 0, result.stderr
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(first) == KEYS
    assert first["file"].endswith("wp-article.html")
    assert first["title"] == "Harbour council approves new ferry timetable"
    assert first["source_url"] == "https://bay-gazette.example/news/ferry-timetable-approved"
    assert first["captions"] == ["The ferry Saga leaves the old pier at dawn. (AFP)"]
    assert first["language"] == "en"
    assert "Leave a Reply" not in first["text"]
    # Encoding of a file comes from its <meta>, as in a browser.
    assert "Après dix-huit mois" in second["text"]
    assert second["language"] == "fr"


def test_clean_text_from_stdin(cli):
    text = "Ministers met on Tuesday in the capital to discuss the trade agreement.\u200b\n\n\n\nIt has divided the government for months."
    result = cli("clean", "--format", "json", input=text)
    assert result.code == 0, result.stderr
    data = result.json()
    assert data["file"] == "-"
    assert "\u200b" not in data["text"] and "\n\n\n" not in data["text"]
    assert any(change["cleaner"] for change in data["changes"])
    # Cleaning is idempotent: the cleaned text comes back unchanged.
    again = cli("clean", "--format", "json", input=data["text"]).json()
    assert again["text"] == data["text"]
    assert again["changes"] == []


def test_an_unreadable_input_is_one_line_and_the_others_are_cleaned(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The harbour reopened on Monday after the storm, the council said.\n\nLeave a Reply", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    result = cli("clean", "--format", "jsonl", str(missing), str(good), str(good))
    assert result.code == 1
    assert result.stderr.strip() == f"{missing}: cannot read: No such file or directory"
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["file"] for p in printed] == [str(good), str(good)]
    assert "Leave a Reply" not in printed[0]["text"]
