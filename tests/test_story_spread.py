"""A story's spread (`story`, `stories --sort`, `story --chart`) and the
machine-translation score in the store (`query`, `show`, `mt-sites`,
`reclean`), on the demo sites crawled by the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import xml.etree.ElementTree as ElementTree

import pytest

from cleaning.mtscore import MT_SCORE_THRESHOLD, MT_SCORE_VERSION
from newscrawl.charts import DEFAULT_CHART_OPTIONS
from tests.conftest import rows, run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def demo_db(demo_store):
    return demo_store.db


@pytest.fixture(scope="module")
def three_languages(demo_db):
    """The demo story whose copies are in three languages, as `stories` lists it."""
    result = run_cli("stories", "--sort", "spread", "--limit", "100", "--format", "json", db=demo_db)
    assert result.code == 0, result.stderr
    found = [story for story in result.json() if story["language_count"] >= 3]
    assert found, result.stdout
    return found[0]


def _instant(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def test_story_lists_copies_in_time_order_with_their_sources(demo_db, three_languages):
    result = run_cli("story", str(three_languages["story_id"]), "--format", "json", db=demo_db)
    assert result.code == 0, result.stderr
    story = result.json()
    copies = story["copies"]
    stored = rows(demo_db, "select id, url, source_url, is_original from articles where story_id = ?",
                  (three_languages["story_id"],))
    assert sorted(c["id"] for c in copies) == sorted(r["id"] for r in stored)
    assert [_instant(c["time"]) for c in copies] == sorted(_instant(c["time"]) for c in copies)
    (original,) = [c for c in copies if c["is_original"]]
    assert original["delay_seconds"] == 0 and original["id"] == story["original_id"]
    url_of = {r["id"]: r["url"] for r in stored}
    for copy in copies:
        assert copy["delay_seconds"] == int((_instant(copy["time"]) - _instant(original["time"])).total_seconds())
        if copy["source_id"] is not None:
            assert copy["source_url"] == url_of[copy["source_id"]]
    # Every copy but the original names a page of the story as its source.
    assert all(c["source_id"] is not None for c in copies if not c["is_original"])
    assert len({c["language"] for c in copies}) == 3


def test_stories_counts_languages_and_spread(demo_db, three_languages):
    story = run_cli("story", str(three_languages["story_id"]), "--format", "json", db=demo_db).json()
    times = [_instant(c["time"]) for c in story["copies"]]
    assert three_languages["spread_seconds"] == int((max(times) - min(times)).total_seconds())
    assert _instant(three_languages["first_published"]) == min(times)
    listed = run_cli("stories", "--limit", "100", "--format", "json", "--sort", "spread", db=demo_db).json()
    spreads = [s["spread_seconds"] for s in listed]
    assert spreads == sorted(spreads, reverse=True)
    for order, key in (("copies", "copies"), ("sites", "sites")):
        listed = run_cli("stories", "--limit", "100", "--format", "json", "--sort", order, db=demo_db).json()
        assert [s[key] for s in listed] == sorted((s[key] for s in listed), reverse=True)
    listed = run_cli("stories", "--limit", "100", "--format", "json", "--sort", "first_published", db=demo_db).json()
    firsts = [_instant(s["first_published"]) for s in listed]
    assert firsts == sorted(firsts, reverse=True)
    table = run_cli("stories", "--sort", "spread", db=demo_db)
    assert table.code == 0 and "spread" in table.stdout


def test_story_chart_png_svg_and_html(demo_db, three_languages, tmp_path):
    from PIL import Image

    story_id = str(three_languages["story_id"])
    sites = sorted({c["site"] for c in run_cli("story", story_id, "--format", "json", db=demo_db).json()["copies"]})
    png, svg, page = tmp_path / "story.png", tmp_path / "story.svg", tmp_path / "story.html"
    for path in (png, svg, page):
        result = run_cli("story", story_id, "--chart", str(path), db=demo_db)
        assert result.code == 0, result.stderr
        assert path.stat().st_size > 0
    with Image.open(png) as image:
        image.load()
        assert image.format == "PNG"
        assert image.size == DEFAULT_CHART_OPTIONS.size_px(len(sites))
    texts = " ".join(element.text or "" for element in ElementTree.parse(svg).iter())
    for site in sites:
        assert site in texts
    html = page.read_text(encoding="utf-8")
    spec = json.loads(html.split('<script type="application/json" id="spec">', 1)[1].split("</script>", 1)[0])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    for site in sites:
        assert site in html
    assert {mark["site"] for layer in spec["layer"] for mark in layer["data"]["values"]} == set(sites)


def test_story_chart_without_matplotlib_is_one_line(demo_db, three_languages, tmp_path):
    blocked = tmp_path / "blocked"
    (blocked / "matplotlib").mkdir(parents=True)
    (blocked / "matplotlib" / "__init__.py").write_text("raise ImportError('not installed')\n")
    result = run_cli("story", str(three_languages["story_id"]), "--chart", str(tmp_path / "s.png"), db=demo_db,
                     env={"PYTHONPATH": str(blocked)})
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "newscrawl[charts]" in result.stderr
    assert not (tmp_path / "s.png").exists()


def test_story_bad_input(demo_db, tmp_path):
    result = run_cli("story", "999999", db=demo_db)
    assert result.code == 1 and result.stderr.strip() == "newscrawl: no story 999999"
    result = run_cli("story", "1", "--chart", str(tmp_path / "s.gif"), db=demo_db)
    assert result.code == 2 and result.stderr.count("\n") == 1 and ".png" in result.stderr


def test_query_by_mt_score(demo_db):
    result = run_cli("query", "--min-mt-score", str(MT_SCORE_THRESHOLD), "--sort", "mt_score", "--limit", "100",
                     "--format", "json", db=demo_db)
    assert result.code == 0, result.stderr
    found = result.json()
    scores = [row["mt_score"] for row in found]
    assert found and all(score >= MT_SCORE_THRESHOLD for score in scores)
    assert scores == sorted(scores, reverse=True)
    everything = rows(demo_db, "select url, mt_score from articles")
    assert len(found) == sum(1 for row in everything if row["mt_score"] >= MT_SCORE_THRESHOLD)
    # The demo's machine translation of the Arabic desalination story is among them.
    assert any("/en/news/20467/" in row["url"] for row in found)


def test_show_explains_the_score(demo_db):
    (article,) = rows(demo_db, "select id, mt_score, mt_parts from articles where url like '%/en/news/20467/'")
    result = run_cli("show", str(article["id"]), db=demo_db)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    (headline,) = [line for line in lines if line.startswith("mt_score:")]
    assert f"{article['mt_score']:g}" in headline
    counts = json.loads(article["mt_parts"])["counts"]
    assert counts.get("translation_note") == 1
    for signal, count in counts.items():
        assert any(line.strip().startswith(f"{signal}: {count} ×") for line in lines), signal
    explained = run_cli("show", str(article["id"]), "--format", "json", db=demo_db).json()["mt_explained"]
    assert {part["signal"]: part["count"] for part in explained} == counts
    # Each part is rounded to hundredths, like the score.
    assert abs(sum(part["points"] for part in explained) - article["mt_score"]) < 0.01 * len(explained)


def test_mt_sites_ranks_the_translation_mirror_first(demo_db):
    result = run_cli("mt-sites", "--format", "json", db=demo_db)
    assert result.code == 0, result.stderr
    sites = result.json()
    stored = rows(demo_db, "select site, mt_score from articles")
    for entry in sites:
        scores = sorted(row["mt_score"] for row in stored if row["site"] == entry["site"])
        assert entry["articles"] == entry["scored"] == len(scores)
        above = sum(1 for score in scores if score >= MT_SCORE_THRESHOLD)
        assert entry["share_above"] == round(above / len(scores), 3)
    # The Mirador Relay (the mirror with machine-translated English pages) is the site that names
    # the demo's /en/news/ pages; it has the highest median.
    (mirror,) = {row["site"] for row in rows(demo_db, "select site from articles where url like '%/en/news/20467/'")}
    assert sites[0]["site"] == mirror
    assert run_cli("mt-sites", "--threshold", "1000", "--format", "json", db=demo_db).json()[0]["above_threshold"] == 0


def test_reclean_scores_a_store_made_before_the_score(demo_db, tmp_path):
    old = tmp_path / "old.db"
    source, target = sqlite3.connect(demo_db), sqlite3.connect(old)
    source.backup(target)
    source.close()
    for column in ("mt_score", "mt_version", "mt_parts"):
        target.execute(f"alter table articles drop column {column}")
    target.commit()
    target.close()
    result = run_cli("query", "--min-mt-score", "1", db=old)
    assert result.code == 2 and "reclean" in result.stderr and result.stderr.count("\n") == 1
    assert run_cli("query", "--format", "json", db=old).code == 0
    result = run_cli("reclean", db=old)
    assert result.code == 0, result.stderr
    before = {row["url"]: row["mt_score"] for row in rows(demo_db, "select url, mt_score from articles")}
    after = rows(old, "select url, mt_score, mt_version from articles")
    assert {row["url"]: row["mt_score"] for row in after} == before
    assert {row["mt_version"] for row in after} == {MT_SCORE_VERSION}


def test_clean_prints_the_score_without_a_database(tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(
        "The minister said the plant will open in in spring, and the the city welcomed it.\n\n"
        "The office of the Prime MinisterToday announced the second phase.\n\n"
        "This article was translated automatically and may contain errors.",
        encoding="utf-8",
    )
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister said the plant will open in spring, and the city welcomed it.", encoding="utf-8")
    result = run_cli("clean", str(damaged), str(clean), "--format", "jsonl", cwd=tmp_path)
    assert result.code == 0, result.stderr
    scored = {json.loads(line)["file"]: json.loads(line) for line in result.stdout.splitlines()}
    assert scored[str(clean)]["mt_score"] == 0
    assert scored[str(damaged)]["mt_score"] > 0
    assert scored[str(damaged)]["mt_parts"]["counts"]["translation_note"] == 1
