"""Translations without a source link, end to end: pages in English, Russian,
Arabic and French served on 127.0.0.1 by three local sites, ingested with the
real CLI; the translations join their original's story by their figures and
names, a same-topic story with other figures stays apart in the same and in
another language, and `show` says why copies were grouped."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FAST, PAGES, LocalSite, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

CROSSLANG = PAGES / "crosslang"


@pytest.fixture
def sites():
    """A local English paper, a Russian and French aggregator, an Arabic one."""
    made = [LocalSite() for _ in range(3)]
    for s in made:
        s.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    herald, mirror, arabic = made

    def serve(site, path, fixture):
        return site.add(path, (CROSSLANG / fixture).read_bytes())

    urls = {
        "storm_en": serve(herald, "/2024/06/03/storm-surge-floods-port-halvern/", "storm-en.html"),
        "ferry_en": serve(herald, "/2024/06/05/halvern-approves-ferry-line/", "ferry-en.html"),
        "storm_ru": serve(mirror, "/ru/news/shtorm-halvern-4350/", "storm-ru.html"),
        "ferry_fr": serve(mirror, "/fr/actualites/halvern-ferry-iles/", "ferry-fr.html"),
        "storm_ar": serve(arabic, "/ar/2024/06/04/halvern-storm/", "storm-ar.html"),
    }
    yield urls
    for s in made:
        s.close()


def test_translations_grouped_without_links_distractors_apart_evidence_shown(sites, cli, db_path):
    urls = sites
    # The translations arrive before their original.
    first = cli("ingest", urls["storm_ru"], urls["storm_ar"], urls["ferry_fr"], *FAST, db=db_path)
    assert first.code == 0, first.stderr
    second = cli("ingest", urls["storm_en"], urls["ferry_en"], *FAST, db=db_path)
    assert second.code == 0, second.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    assert {stored[u]["language"] for u in urls.values()} == {"en", "ru", "ar", "fr"}
    assert all(stored[u]["source_url"] is None for u in urls.values())  # no page names another

    storm = stored[urls["storm_en"]]["story_id"]
    ferry = stored[urls["ferry_en"]]["story_id"]
    assert stored[urls["storm_ru"]]["story_id"] == storm
    assert stored[urls["storm_ar"]]["story_id"] == storm
    assert stored[urls["ferry_fr"]]["story_id"] == ferry
    # Same mayor, same harbour master, same town, same week: another story,
    # in the same language and in another one.
    assert ferry != storm

    # Without links the earliest published copy is the original, whatever its language.
    assert stored[urls["storm_en"]]["is_original"] == 1
    assert stored[urls["storm_ru"]]["is_original"] == 0 and stored[urls["storm_ar"]]["is_original"] == 0

    # Every verified pair is recorded with its evidence.
    matches = rows(db_path, "select * from story_matches where kind = 'translation'")
    ids = {r["id"]: r["url"] for r in stored.values()}
    pairs = {frozenset((ids[m["article_id"]], ids[m["matched_id"]])) for m in matches}
    assert frozenset((urls["storm_ru"], urls["storm_ar"])) in pairs
    assert frozenset((urls["ferry_fr"], urls["ferry_en"])) in pairs
    # No recorded pair spans the two stories.
    assert all(len({stored[u]["story_id"] for u in p}) == 1 for p in pairs)

    # stories: the languages of each story.
    listed = {s["story_id"]: s for s in cli("stories", "--format", "json", db=db_path).json()}
    assert set(listed[storm]["languages"].split(",")) == {"en", "ru", "ar"}
    assert set(listed[ferry]["languages"].split(",")) == {"en", "fr"}
    assert listed[storm]["original_url"] == urls["storm_en"]

    # query --story: copies of every language, the original first.
    copies = cli("query", "--story", str(storm), "--format", "json", db=db_path).json()
    assert [c["url"] for c in copies][0] == urls["storm_en"]
    assert {c["language"] for c in copies} == {"en", "ru", "ar"}
    table = cli("query", "--story", str(storm), db=db_path)
    assert table.code == 0 and "lang" in table.stdout.split("\n")[0]
    assert {"en", "ru", "ar"} <= set(table.stdout.split())

    # show: why the English original and its translations are one story.
    shown = cli("show", urls["storm_en"], db=db_path)
    assert shown.code == 0, shown.stderr
    grouped = [line for line in shown.stdout.splitlines() if line.strip().startswith("grouped:")]
    assert grouped, shown.stdout
    assert any("translation" in line and "4,350 = " in line and "Solberg = " in line for line in grouped), grouped
    as_json = json.loads(cli("show", urls["storm_ar"], "--format", "json", db=db_path).stdout)
    translations = [m for m in as_json["story_matches"] if m["kind"] == "translation"]
    assert translations
    evidence = translations[0]["evidence"]
    keys = {f["key"] for f in evidence["figures"]}
    assert {"4350", "86000000", "17.5", "06-02", "06-09"} <= keys
    assert evidence["score"] >= 0.6 and evidence["figures_shared"] >= 6
    assert any(n["a"] == "سولبرغ" or n["b"] == "سولبرغ" for n in evidence["names"])
    assert {m["language"] for m in translations} <= {"en", "ru"}
    # The ferry story's copies are explained by their own figures, not the storm's.
    ferry_json = json.loads(cli("show", urls["ferry_fr"], "--format", "json", db=db_path).stdout)
    assert {m["article_id"] for m in ferry_json["story_matches"]} == {stored[urls["ferry_en"]]["id"]}


def test_translations_can_be_switched_off(sites, cli, db_path):
    urls = sites
    result = cli("ingest", urls["storm_en"], urls["storm_ru"], "--set", "NEWSCRAWL_STORY_TRANSLATIONS=False",
                 *FAST, db=db_path)
    assert result.code == 0, result.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    assert stored[urls["storm_en"]]["story_id"] != stored[urls["storm_ru"]]["story_id"]
    assert rows(db_path, "select count(*) n from article_anchor_bands")[0]["n"] == 0


def test_a_stricter_threshold_keeps_a_translation_apart(sites, cli, db_path):
    urls = sites
    # More strong figures required than the pages share: the setting is obeyed.
    result = cli("ingest", urls["storm_en"], urls["storm_ru"], "--set", "NEWSCRAWL_STORY_TRANSLATION_MIN_SHARED=9",
                 *FAST, db=db_path)
    assert result.code == 0, result.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    assert stored[urls["storm_en"]]["story_id"] != stored[urls["storm_ru"]]["story_id"]
    assert rows(db_path, "select count(*) n from story_matches")[0]["n"] == 0
