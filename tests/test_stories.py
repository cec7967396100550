"""Copies of one story across sites, end to end: pages served on 127.0.0.1 by
three local "sites" (one port each, so one host each), ingested with the real
CLI, grouped, the original marked, listed by `stories`, `query --story`, `show`."""

from __future__ import annotations

import json

import pytest

from cleaning.record import ArticleRecord

from tests.conftest import PAGES, LocalSite
from tests.conftest import FAST, rows  # noqa: E402

STORIES = PAGES / "stories"
ORIGINAL_PATH = "/2024/05/kestrel-dam-cracks/"


@pytest.fixture
def sites():
    """Three sites that syndicate each other: the courier (originals), a wire and a digest."""
    made = [LocalSite() for _ in range(3)]
    for s in made:
        s.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    courier, wire, digest = made
    origin = courier.base

    def serve(site, path, fixture):
        body = (STORIES / fixture).read_text(encoding="utf-8").replace("{{ORIGIN}}", origin)
        return site.add(path, body)

    urls = {
        "original": serve(courier, ORIGINAL_PATH, "dam-original.html"),
        "rewrapped": serve(wire, "/world/kestrel-valley-dam-inspection-finds-cracks", "dam-copy-rewrapped.html"),
        "truncated": serve(digest, "/2024/05/13/cracks-kestrel-dam/", "dam-copy-truncated.html"),
        "reworded": serve(digest, "/news/hairline-cracks-kestrel/", "dam-copy-reworded.html"),
        "farmers": serve(courier, "/2024/05/kestrel-farmers-compensation/", "farmers-original.html"),
        "farmers_copy": serve(wire, "/world/kestrel-valley-farmers-demand-compensation", "farmers-copy.html"),
    }
    yield made, urls
    for s in made:
        s.close()


def by_url(db_path):
    return {r["url"]: r for r in rows(db_path)}


@pytest.mark.crawl
def test_copies_grouped_distractor_apart_original_marked(sites, cli, db_path):
    (courier, wire, digest), urls = sites
    # The copies arrive first: the original must take over when it is stored.
    first = cli("ingest", urls["rewrapped"], urls["truncated"], urls["reworded"], urls["farmers_copy"], *FAST, db=db_path)
    assert first.code == 0, first.stderr
    stored = by_url(db_path)
    dam = {stored[urls[k]]["story_id"] for k in ("rewrapped", "truncated", "reworded")}
    assert len(dam) == 1 and None not in dam
    # Before the original is in, the earliest published copy stands for it.
    assert stored[urls["reworded"]]["is_original"] == 1

    second = cli("ingest", urls["original"], urls["farmers"], *FAST, db=db_path)
    assert second.code == 0, second.stderr
    stored = by_url(db_path)
    dam_story = stored[urls["original"]]["story_id"]
    for key in ("rewrapped", "truncated", "reworded"):
        assert stored[urls[key]]["story_id"] == dam_story, key
    farmers_story = stored[urls["farmers"]]["story_id"]
    assert stored[urls["farmers_copy"]]["story_id"] == farmers_story
    # Same names, same day, same topic: a different story all the same.
    assert farmers_story != dam_story

    # The copy the others link to is the original, although the reworded copy is dated earlier.
    originals = rows(db_path, "select story_id, count(*) n, min(url) url from articles where is_original = 1 group by story_id")
    assert {r["story_id"]: r["n"] for r in originals} == {dam_story: 1, farmers_story: 1}
    assert stored[urls["original"]]["is_original"] == 1
    assert stored[urls["reworded"]]["is_original"] == 0
    # Without links, the earliest published copy is the original.
    assert stored[urls["farmers"]]["is_original"] == 1
    # Copies keep their own source links.
    assert stored[urls["rewrapped"]]["source_url"] == urls["original"]
    assert stored[urls["truncated"]]["source_url"] == urls["original"]
    assert stored[urls["reworded"]]["source_url"] is None
    (story_row,) = rows(db_path, "select * from stories where id = ?", (dam_story,))
    assert story_row["original_id"] == stored[urls["original"]]["id"]
    assert story_row["title"] == "Kestrel Valley dam inspection finds cracks in spillway"
    # Every article with enough words has its band hashes in the store.
    assert rows(db_path, "select count(distinct article_id) n from article_bands")[0]["n"] == 6

    # stories: largest first, with copies, sites and the original's title.
    listed = cli("stories", "--format", "json", db=db_path)
    assert listed.code == 0, listed.stderr
    data = listed.json()
    assert [s["story_id"] for s in data] == [dam_story, farmers_story]
    assert data[0]["copies"] == 4 and data[0]["sites"] == 3
    assert data[0]["original_url"] == urls["original"]
    assert data[0]["title"] == "Kestrel Valley dam inspection finds cracks in spillway"
    assert data[1]["copies"] == 2 and data[1]["sites"] == 2
    assert cli("stories", "--since", "2024-05-15", "--format", "json", db=db_path).json() == []
    assert len(cli("stories", "--limit", "1", "--format", "json", db=db_path).json()) == 1
    table = cli("stories", db=db_path, env={"COLUMNS": "160"})  # widths are tested in test_cli_reading
    assert table.code == 0 and "Kestrel Valley dam inspection" in table.stdout

    # query --story: the copies, original first, with site and source link.
    copies = cli("query", "--story", str(dam_story), "--format", "json", db=db_path).json()
    assert len(copies) == 4
    assert copies[0]["url"] == urls["original"] and copies[0]["is_original"] == 1
    assert {c["site"] for c in copies} == {s.base.split("//")[1] for s in (courier, wire, digest)}
    assert all(c["story_id"] == dam_story for c in copies)
    table = cli("query", "--story", str(dam_story), db=db_path)
    # The table marks the original in its "orig" column.
    assert table.code == 0 and table.stdout.split("\n")[0].split()[4] == "orig" and "yes" in table.stdout

    # show: which story, how many copies, original or not.
    shown = cli("show", urls["truncated"], db=db_path)
    assert shown.code == 0, shown.stderr
    assert f"story:       {dam_story} (4 copies on 3 site(s); original: article {stored[urls['original']]['id']})" in shown.stdout
    shown = cli("show", str(stored[urls["original"]]["id"]), db=db_path)
    assert "this is the original" in shown.stdout
    as_json = json.loads(cli("show", urls["reworded"], "--format", "json", db=db_path).stdout)
    assert as_json["story"] == {"id": dam_story, "copies": 4, "sites": 3, "original_id": stored[urls["original"]]["id"]}


@pytest.mark.crawl
def test_changed_page_keeps_old_version_and_moves_to_its_new_story(sites, cli, db_path):
    (courier, wire, digest), urls = sites
    result = cli("ingest", urls["original"], urls["rewrapped"], urls["farmers"], *FAST, db=db_path)
    assert result.code == 0, result.stderr
    before = by_url(db_path)
    dam_story = before[urls["original"]]["story_id"]
    assert before[urls["rewrapped"]]["story_id"] == dam_story
    # The wire swaps the article behind its URL for the farmers' story.
    body = (STORIES / "farmers-copy.html").read_text(encoding="utf-8")
    wire.add("/world/kestrel-valley-dam-inspection-finds-cracks", body)
    again = cli("ingest", urls["rewrapped"], *FAST, db=db_path)
    assert again.code == 0, again.stderr
    assert "1 updated" in again.stderr
    after = by_url(db_path)
    moved = after[urls["rewrapped"]]
    assert moved["story_id"] == after[urls["farmers"]]["story_id"] != dam_story
    assert "tractor convoy" in moved["text"]
    (version,) = rows(db_path, "select * from article_versions")
    assert version["article_id"] == moved["id"]
    assert "hairline cracks" in version["text"]
    # The story it left still has exactly one original; so has the one it joined.
    counts = rows(db_path, "select story_id, sum(is_original) n, count(*) c from articles group by story_id")
    assert {r["story_id"]: (r["n"], r["c"]) for r in counts} == {
        dam_story: (1, 1),
        after[urls["farmers"]]["story_id"]: (1, 2),
    }
    # Fetched a third time, unchanged: nothing moves.
    third = cli("ingest", urls["rewrapped"], *FAST, db=db_path)
    assert "1 unchanged" in third.stderr
    assert by_url(db_path)[urls["rewrapped"]]["story_id"] == moved["story_id"]


@pytest.mark.crawl
def test_story_groups_survive_a_restart_of_the_index(sites, cli, db_path):
    """The band index is in the store: a later run, in a new process, finds the earlier copies."""
    (_courier, _wire, _digest), urls = sites
    for key in ("original", "truncated", "farmers"):
        result = cli("ingest", urls[key], *FAST, db=db_path)
        assert result.code == 0, result.stderr
    stored = by_url(db_path)
    assert stored[urls["truncated"]]["story_id"] == stored[urls["original"]]["story_id"]
    assert stored[urls["farmers"]]["story_id"] != stored[urls["original"]]["story_id"]


@pytest.mark.crawl
def test_stories_bad_input_is_one_line_and_exit_2(cli, db_path, tmp_path):
    bad = cli("stories", "--since", "last tuesday", db=db_path)
    assert bad.code == 2
    assert bad.stderr.strip().count("\n") == 0 and "Traceback" not in bad.stderr
    assert "--since" in bad.stderr
    missing = cli("stories", db=tmp_path / "absent.db")
    assert missing.code == 2 and "Traceback" not in missing.stderr
    zero = cli("stories", "--limit", "0", db=db_path)
    assert zero.code == 2 and "Traceback" not in zero.stderr


@pytest.mark.crawl
def test_stories_on_an_empty_store(cli, db_path, site):
    url = site.add_page("/a.html", "wp-article.html")
    assert cli("ingest", url, *FAST, db=db_path).code == 0
    data = cli("stories", "--format", "json", db=db_path).json()
    assert len(data) == 1 and data[0]["copies"] == 1
    csv_out = cli("stories", "--format", "csv", db=db_path)
    assert csv_out.stdout.splitlines()[0].startswith("story_id,copies,sites")


# -- in-process: the transaction and the choice of the original -----------------


def _dam_text(fixture: str) -> str:
    import re

    html = (STORIES / fixture).read_text(encoding="utf-8")
    return "\n".join(re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.S))


def test_a_failure_during_assignment_leaves_neither_article_nor_bands(tmp_path, monkeypatch):
    import db.store as store_module
    from db.store import Store

    store = Store(tmp_path / "news.db")
    text = _dam_text("dam-original.html")
    store.upsert_article(ArticleRecord(url="https://a.example/1", site="a.example", title="Dam", text=text))
    real = store_module.assign_story

    def assign_then_die(*args, **kwargs):
        real(*args, **kwargs)  # bands, story and original written...
        raise KeyboardInterrupt  # ...then the process is stopped

    monkeypatch.setattr(store_module, "assign_story", assign_then_die)
    with pytest.raises(KeyboardInterrupt):
        store.upsert_article(ArticleRecord(url="https://b.example/1", site="b.example", title="Dam", text=text))
    conn = store.db.conn
    assert conn.execute("select count(*) from articles").fetchone()[0] == 1
    assert conn.execute("select count(distinct article_id) from article_bands").fetchone()[0] == 1
    assert conn.execute("select count(*) from stories").fetchone()[0] == 1
    assert conn.execute("select is_original from articles").fetchone()[0] == 1
    store.close()


def test_choose_original_prefers_the_linked_copy_then_the_earliest():
    from db.stories import choose_original

    members = [
        {"id": 1, "url": "https://wire.example/a", "source_url": None, "canonical_url": None, "published": "2024-05-12"},
        {"id": 2, "url": "https://courier.example/dam", "source_url": None, "canonical_url": None, "published": "2024-05-13"},
        # A cross-site canonical link names the original too.
        {"id": 3, "url": "https://digest.example/b", "source_url": None,
         "canonical_url": "https://courier.example/dam", "published": "2024-05-13"},
    ]
    assert choose_original(members) == 2
    members[2]["canonical_url"] = "https://digest.example/b"  # its own page: no pointer
    assert choose_original(members) == 1
    # Offsets are compared as instants; undated copies come last.
    dated = [
        {"id": 4, "url": "https://x.example/1", "published": "2024-05-13T09:00:00+02:00"},
        {"id": 5, "url": "https://y.example/1", "published": "2024-05-13T08:30:00+00:00"},
        {"id": 6, "url": "https://z.example/1", "published": None},
    ]
    assert choose_original(dated) == 4
    assert choose_original([]) is None


def test_choose_original_follows_source_links_to_their_end():
    from db.stories import choose_original

    # C copies B, B translates A: A is the original of both, even when B's
    # clock says it came first; a loop of links does not hang.
    chain = [
        {"id": 1, "url": "https://copies.example/c", "source_url": "https://relay.example/en/b", "published": "2024-05-13T09:30:00Z"},
        {"id": 2, "url": "https://relay.example/en/b", "source_url": "https://relay.example/ar/a", "published": "2024-05-13T09:00:00Z"},
        {"id": 3, "url": "https://relay.example/ar/a", "source_url": None, "published": "2024-05-13T10:00:00Z"},
    ]
    assert choose_original(chain) == 3
    chain[2]["source_url"] = "https://copies.example/c"
    assert choose_original(chain) in {1, 2, 3}
    # A date without time never comes before a time on that day.
    dated = [
        {"id": 7, "url": "https://x.example/2", "published": "2024-05-13"},
        {"id": 8, "url": "https://y.example/2", "published": "2024-05-13T22:00:00+00:00"},
    ]
    assert choose_original(dated) == 8


def test_a_translation_joins_its_original_by_its_source_link(tmp_path):
    from db.store import Store
    from cleaning.fingerprint import content_hash

    english = _dam_text("dam-original.html")
    translated = ("El ministro visitó la presa el martes y dijo que las compuertas se abrirían poco a poco para "
                  "proteger los pueblos del valle, según informaron las autoridades locales a la prensa.")
    unrelated = ("Les pêcheurs du port ont manifesté lundi contre la hausse des taxes sur le carburant, "
                 "bloquant le quai principal pendant plusieurs heures avant de se disperser dans le calme.")
    store = Store(tmp_path / "news.db")

    def put(url, text, source_url=None):
        record = ArticleRecord(url=url, site=url.split("/")[2], title="t", text=text,
                               content_hash=content_hash(text), source_url=source_url)
        return store.upsert_article(record)[1]

    # The copy arrives first, naming an original not yet stored.
    copy = put("https://mirror.example/es/2024/presa-123", translated, "https://wire.example/2024/05/dam-opens")
    sibling = put("https://other.example/2024/dam", translated + " Más información pronto.",
                  "https://wire.example/2024/05/dam-opens")
    original = put("https://wire.example/2024/05/dam-opens", english)
    # Pointing at a home page says nothing about the story.
    loose = put("https://blog.example/2024/fishers", unrelated, "https://wire.example/")
    stories = dict(store.db.conn.execute("select id, story_id from articles"))
    assert stories[copy] == stories[sibling] == stories[original]
    assert stories[loose] != stories[original]
    originals = [r[0] for r in store.db.conn.execute("select id from articles where is_original = 1 and story_id = ?",
                                                     [stories[original]])]
    assert originals == [original]
    store.close()
