"""A crawl learns the template of a site it has never seen — lines invented
for it, in no phrase list — and by the end of that same crawl stores none of
them; the sources file overrides it; `sites --template` lists it; `reclean`
applies it."""

from __future__ import annotations

import pytest

from tests import template_site
from tests.conftest import FAST, rows, run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def template_left(db_path, lines: list[str] | None = None) -> list[str]:
    """The template lines (and the line too rare to be one) left in the stored texts and titles."""
    lines = lines or template_site.template_lines() + [template_site.RARE]
    return [line for article in rows(db_path) for line in lines
            if line in article["text"] or line in (article["title"] or "")]


def test_a_crawl_stores_none_of_the_lines_of_the_sites_template(site, tmp_path, db_path):
    sources = template_site.write_sources(tmp_path / "sources.toml", template_site.build_site(site))
    result = run_cli("--sources", str(sources), "crawl", *FAST, db=db_path)
    assert result.code == 0, result.stderr
    stored = rows(db_path)
    assert len(stored) == len(template_site.ARTICLES)
    assert template_left(db_path, template_site.template_lines()) == []
    assert sorted(a["title"] for a in stored) == sorted(template_site.headlines())
    for _slug, headline, paragraphs in template_site.ARTICLES:
        (article,) = [a for a in stored if a["title"] == headline]
        for paragraph in paragraphs:
            assert paragraph in article["text"], (headline, paragraph)
    assert all("remove_site_furniture" in a["changes"] for a in stored)


def test_the_sources_file_switches_the_template_off_and_reclean_applies_it(site, tmp_path, db_path):
    feed = template_site.build_site(site)
    off = template_site.write_sources(tmp_path / "off.toml", feed, "template = false")
    assert run_cli("--sources", str(off), "crawl", *FAST, db=db_path).code == 0
    # Off: every template line is stored, on every page — no phrase list knows them.
    pages = len(template_site.ARTICLES)
    assert len(template_left(db_path)) == pages * (len(template_site.FURNITURE) + 1) + 2
    # reclean honours the same file…
    result = run_cli("--sources", str(off), "reclean", db=db_path)
    assert result.code == 0 and f"{pages} unchanged" in result.stderr, result.stderr
    # …and without the switch cleans the stored pages with the learned template.
    on = template_site.write_sources(tmp_path / "on.toml", feed)
    result = run_cli("--sources", str(on), "reclean", db=db_path)
    assert result.code == 0 and f"{pages} updated" in result.stderr, result.stderr
    # Only the line on two pages of six is left: too few to be the template.
    assert template_left(db_path) == [template_site.RARE] * 2


def test_template_keep_and_extra_and_the_listing(site, tmp_path, db_path):
    feed = template_site.build_site(site)
    kept = template_site.FURNITURE[2]
    sources = template_site.write_sources(
        tmp_path / "sources.toml", feed, f'template_keep = ["{kept}"]\ntemplate_extra = ["{template_site.RARE}"]')
    assert run_cli("--sources", str(sources), "crawl", *FAST, db=db_path).code == 0
    stored = rows(db_path)
    assert all(kept in a["text"] for a in stored)
    assert sorted(set(template_left(db_path))) == [kept]  # and the extra line is gone

    host = site.base.split("//")[1]
    listing = run_cli("--sources", str(sources), "sites", "--template", host, "--format", "json", db=db_path)
    assert listing.code == 0, listing.stderr
    by_text = {row["text"]: row for row in listing.json()}
    for line in template_site.FURNITURE:
        assert by_text[line]["kind"] == "line" and by_text[line]["articles"] == len(stored)
    assert by_text[kept]["status"] == "learned; kept by lanternfish (template_keep)"
    assert by_text[template_site.RARE]["status"] == "added by lanternfish (template_extra)"
    (edition,) = [row for row in listing.json() if row["text"].startswith("Ausgabe ")]
    assert edition["share"] == 1.0
    assert by_text[template_site.NAME]["kind"] == "title prefix"

    table = run_cli("--sources", str(sources), "sites", "--template", host, db=db_path)
    assert table.code == 0 and template_site.FURNITURE[1] in table.stdout
    overview = run_cli("sites", "--format", "json", db=db_path).json()
    assert [r["site"] for r in overview] == [host]

    unknown = run_cli("sites", "--template", "nowhere.example", db=db_path)
    assert unknown.code == 1 and unknown.stderr.strip() == f"newscrawl: no articles of site nowhere.example in {db_path}"
    missing = run_cli("sites", "--template", host, db=tmp_path / "none.db")
    assert missing.code == 2 and "no database at" in missing.stderr
