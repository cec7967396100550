"""Stories: copies of one news story across sites, grouped in the store.

An article joins a story when it is an exact copy (same content hash) of a
member, a copy tied to it by a source link, a near copy, or a translation.
Near copies and translations are found the same way: band hashes, of the
word shingles (`article_bands`) and of the figures (`article_anchor_bands`,
cleaning/anchors.py), looked up in one indexed query, so placing an article
costs the same with a thousand or a million stored. Each candidate is then
verified: a near copy on the word shingles of both texts, a translation (a
member in another language) on the alignment of figures and names. When an
article matches members of several stories, the stories are merged into the
oldest one. Every verified pair is recorded in `story_matches` with its
evidence, so `show` can say why two copies are one story.

Every function here runs inside the caller's transaction (the article write
in `Store.upsert_article`): a kill leaves the article, its bands and its
story consistent.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import sqlite_utils

from cleaning.anchors import (
    DEFAULT_ANCHOR_OPTIONS,
    AnchorOptions,
    ArticleAnchors,
    anchor_band_hashes,
    extract_anchors,
    match_anchors,
)
from cleaning.fingerprint import band_hashes, is_same_story, shingles, similarity
from cleaning.dates import instant_key


@dataclass(frozen=True)
class StoryOptions:
    # Share of the shorter text's shingles found in the longer one. Copies
    # measure 0.7–1.0 even truncated or lightly reworded; different stories
    # on one topic, sharing names, stay under 0.15.
    min_containment: float = 0.5
    min_shared_shingles: int = 6
    # Candidates verified per article, best band agreement first: bounds the
    # cost when a stock phrase makes many texts collide in one band.
    max_candidates: int = 25
    # Translations without a link (cleaning/anchors.py): a member in another
    # language whose figures and names agree. Off: none is looked for.
    translations: bool = True
    translation: AnchorOptions = DEFAULT_ANCHOR_OPTIONS


DEFAULT_STORY_OPTIONS = StoryOptions()


@dataclass
class Placement:
    story_id: int
    new_story: bool
    matched: list[int] = field(default_factory=list)  # article ids verified as copies
    merged: list[int] = field(default_factory=list)  # story ids folded into story_id
    rows_read: int = 0  # band rows and article rows read (benchmarks report it)
    rows_written: int = 0
    band_rows_read: int = 0  # shingle and anchor band rows together
    anchor_band_rows_read: int = 0
    kinds: dict[int, str] = field(default_factory=dict)  # article id -> how it was matched


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def find_candidates(
    conn,
    bands: list[tuple[int, int]],
    exclude_id: int | None,
    limit: int,
    anchor_bands: list[tuple[int, int]] | None = None,
) -> tuple[list[int], list[int], int, int]:
    """Articles sharing at least one shingle band, and articles sharing at
    least one anchor band, most shared bands first; and the rows read of
    each index. One query, one indexed lookup per band table."""
    anchor_bands = anchor_bands or []
    if not bands and not anchor_bands:
        return [], [], 0, 0
    parts, params = [], []
    for kind, table, pairs in (("near", "article_bands", bands), ("anchor", "article_anchor_bands", anchor_bands)):
        if not pairs:
            continue
        values = ",".join("(?,?)" for _ in pairs)
        parts.append(
            f"select '{kind}', b.article_id, count(*) from (values {values}) as wanted "
            f"join {table} b on b.band = wanted.column1 and b.hash = wanted.column2 group by b.article_id"
        )
        params += [v for pair in pairs for v in pair]
    rows = conn.execute(" union all ".join(parts), params).fetchall()
    ranked: dict[str, list[tuple[int, int]]] = {"near": [], "anchor": []}
    read = {"near": 0, "anchor": 0}
    for kind, aid, n in rows:
        read[kind] += n
        if aid != exclude_id:
            ranked[kind].append((-n, aid))
    near = [aid for _n, aid in sorted(ranked["near"])[:limit]]
    anchor = [aid for _n, aid in sorted(ranked["anchor"])[:limit]]
    return near, anchor, read["near"], read["anchor"]


def assign_story(
    db: sqlite_utils.Database,
    article_id: int,
    text: str,
    content_hash: str | None = None,
    bands: list[tuple[int, int]] | None = None,
    options: StoryOptions = DEFAULT_STORY_OPTIONS,
    anchors: ArticleAnchors | None = None,
) -> Placement:
    """Put one stored article in its story (new, joined or merged), store its
    band hashes and record why it was matched."""
    conn = db.conn
    row = conn.execute(
        "select story_id, url, source_url, language from articles where id = ?", (article_id,)
    ).fetchone()
    previous_story = row[0] if row else None
    language = _known_language(row[3] if row else None)
    written = conn.execute("delete from article_bands where article_id = ?", (article_id,)).rowcount
    written += conn.execute("delete from article_anchor_bands where article_id = ?", (article_id,)).rowcount
    written += conn.execute("delete from story_matches where article_id = ?", (article_id,)).rowcount
    written += conn.execute("delete from story_matches where matched_id = ?", (article_id,)).rowcount
    read = 1
    if bands is None:
        bands = band_hashes(text)
    if options.translations and anchors is None:
        anchors = extract_anchors(text)
    anchor_bands = anchor_band_hashes(anchors) if options.translations and anchors is not None else []

    matched: dict[int, int] = {}  # article id -> story id
    evidence: dict[int, tuple[str, float | None, dict]] = {}  # article id -> (kind, score, evidence)
    if content_hash:
        for aid, sid in conn.execute(
            "select id, story_id from articles where content_hash = ? and id <> ? and story_id is not null limit ?",
            (content_hash, article_id, options.max_candidates),
        ):
            matched[aid] = sid
            evidence[aid] = ("exact", 1.0, {"content_hash": content_hash[:16]})
            read += 1
    if row is not None:
        for aid, sid, how in linked_articles(conn, article_id, row[1], row[2], options.max_candidates):
            if aid != article_id and sid is not None and aid not in matched:
                matched[aid] = sid
                evidence[aid] = ("link", None, how)
                read += 1
    near, anchored, band_rows, anchor_rows = find_candidates(
        conn, bands, article_id, options.max_candidates, anchor_bands if language else []
    )
    read += band_rows + anchor_rows
    to_verify = [aid for aid in near if aid not in matched]
    if to_verify:
        own = shingles(text)
        marks = ",".join("?" * len(to_verify))
        for aid, sid, other_text in conn.execute(
            f"select id, story_id, text from articles where id in ({marks}) and story_id is not null", to_verify
        ):
            read += 1
            other = shingles(other_text or "")
            if is_same_story(own, other, options.min_containment, options.min_shared_shingles):
                matched[aid] = sid
                sim = similarity(own, other)
                evidence[aid] = ("near", round(sim.containment, 3),
                                 {"containment": round(sim.containment, 3), "shared_shingles": sim.shared})
    to_translate = [aid for aid in anchored if aid not in matched]
    if to_translate and anchors is not None:
        marks = ",".join("?" * len(to_translate))
        # One query; the text only of copies in another known language, the
        # only ones a translation check reads.
        facts = {
            aid: (sid, _known_language(lang), other_text)
            for aid, sid, lang, other_text in conn.execute(
                "select id, story_id, language, "
                "case when language is not null and language not in ('und', ?) then text end "
                f"from articles where id in ({marks}) and story_id is not null",
                [language, *to_translate],
            )
        }
        read += len(facts) + sum(1 for _sid, _lang, other_text in facts.values() if other_text is not None)
        for aid in to_translate:  # best band agreement first
            if aid not in facts:
                continue
            sid, other_language, other_text = facts[aid]
            # Same-language copies are the shingles' to find; a story already
            # joined needs no second proof.
            if not other_language or other_language == language or sid in matched.values():
                continue
            found = match_anchors(anchors, extract_anchors(other_text or ""), options.translation)
            if found.same:
                matched[aid] = sid
                evidence[aid] = ("translation", round(found.score, 3),
                                 {"languages": [language, other_language], **found.evidence()})

    story_ids = sorted(set(matched.values()))
    merged: list[int] = []
    if story_ids:
        story_id = story_ids[0]
        merged = story_ids[1:]
        if merged:
            marks = ",".join("?" * len(merged))
            written += conn.execute(f"update articles set story_id = ? where story_id in ({marks})", [story_id, *merged]).rowcount
            written += conn.execute(f"delete from stories where id in ({marks})", merged).rowcount
        new_story = False
    else:
        story_id = conn.execute("insert into stories (created_at) values (?)", (_now(),)).lastrowid
        written += 1
        new_story = True
    written += conn.execute("update articles set story_id = ? where id = ?", (story_id, article_id)).rowcount
    if bands:
        conn.executemany(
            "insert into article_bands (band, hash, article_id) values (?, ?, ?)",
            [(band, value, article_id) for band, value in bands],
        )
        written += len(bands)
    if anchor_bands:
        conn.executemany(
            "insert into article_anchor_bands (band, hash, article_id) values (?, ?, ?)",
            [(band, value, article_id) for band, value in anchor_bands],
        )
        written += len(anchor_bands)
    if evidence:
        now = _now()
        conn.executemany(
            "insert into story_matches (article_id, matched_id, kind, score, evidence, matched_at) values (?, ?, ?, ?, ?, ?)",
            [(article_id, aid, kind, score, json.dumps(ev, ensure_ascii=False), now)
             for aid, (kind, score, ev) in sorted(evidence.items())],
        )
        written += len(evidence)

    if previous_story is not None and previous_story != story_id and previous_story not in merged:
        # The text changed and the article left its story: the story it left
        # needs a new original, or goes away when it is empty.
        left = recompute_original(db, previous_story)
        if left is None:
            written += conn.execute("delete from stories where id = ?", (previous_story,)).rowcount
    recompute_original(db, story_id)
    kinds = {aid: kind for aid, (kind, _s, _e) in evidence.items()}
    return Placement(story_id, new_story, sorted(matched), merged, read, written, band_rows + anchor_rows,
                     anchor_rows, kinds)


def _known_language(value: str | None) -> str | None:
    return value if value and value != "und" else None


def _names_an_article(url: str | None) -> bool:
    """A source link precise enough to identify one story: not a home page or
    a section ("News Source: example.com", "Source: https://example.com/news")."""
    if not url:
        return False
    path = urlsplit(url).path.strip("/")
    return len(path) >= 12 or any(ch.isdigit() for ch in path)


def linked_articles(conn, article_id: int, url: str, source_url: str | None, limit: int) -> list[tuple[int, int, dict]]:
    """Stored articles tied to this one by a source link, whatever their text:
    the original it names, the copies naming it, and the other copies naming
    the same original. A translation shares no words with its original but
    usually says where it comes from. Each comes with the link that ties it."""
    keys = {url, _norm(url)} - {None}
    wanted_sources = set(keys)
    named: set[str] = set()
    if _names_an_article(source_url):
        named = {source_url, _norm(source_url)} - {None}
        keys |= named
        wanted_sources |= named
    urls = sorted(keys)
    sources = sorted(wanted_sources)
    # Two lookups joined by UNION, one per index: an OR across the two
    # columns scans the table, and once ANALYZE has seen a source_url column
    # that is mostly NULL the planner would scan for it too.
    rows = conn.execute(
        f"select id, story_id, url, null from articles where url in ({','.join('?' * len(urls))}) "
        "union select id, story_id, url, source_url from articles indexed by idx_articles_source_url "
        f"where source_url in ({','.join('?' * len(sources))}) "
        "limit ?",
        [*urls, *sources, limit],
    ).fetchall()
    out: dict[int, tuple[int, int, dict]] = {}
    for aid, sid, other_url, other_source in rows:
        if other_source is None:
            how = {"link": "source", "url": other_url}  # this article names it as its source
        elif other_source in named:
            how = {"link": "same source", "url": other_source}  # both name the same original
        else:
            how = {"link": "copy", "url": other_url}  # it names this article as its source
        out.setdefault(aid, (aid, sid, how))
    return list(out.values())


def _norm(url: str | None) -> str | None:
    if not url:
        return None
    from cleaning.urls import InvalidURL, normalize_url

    try:
        return normalize_url(url)
    except (InvalidURL, ValueError):
        return url


def _host(url: str | None) -> str:
    return (urlsplit(url).netloc.lower() if url else "").removeprefix("www.")


def _published_key(value: str | None) -> tuple[int, str]:
    """Sort key for "earliest published": undated copies last; offsets
    respected; a date without time at the end of its day (cleaning/dates.py)."""
    instant = instant_key(value)
    if instant is None:
        return (1, "") if not value else (0, value)
    return (0, instant.isoformat())


def choose_original(members: list[dict]) -> int | None:
    """The id of a story's original among its members.

    Source links are followed to their end: when C names B as its source
    (its source link, or a cross-site canonical link) and B names A, A is
    the original of all three. The member most chains end at wins;
    otherwise the earliest published, then the first seen.
    """
    if not members:
        return None
    keys: dict[int, set[str]] = {}
    pointers: dict[int, set[str]] = {}
    for m in members:
        own = {_norm(m["url"])}
        canonical = _norm(m.get("canonical_url"))
        if canonical and _host(canonical) == _host(m["url"]):
            own.add(canonical)
        keys[m["id"]] = own
        points = {_norm(m.get("source_url"))}
        if canonical and _host(canonical) != _host(m["url"]):
            points.add(canonical)
        pointers[m["id"]] = {p for p in points if p} - own
    by_key = {key: m["id"] for m in members for key in keys[m["id"]]}

    def chain_end(start: int) -> int:
        current, seen = start, {start}
        while True:
            named = sorted(by_key[p] for p in pointers[current] if p in by_key and by_key[p] not in seen)
            if not named:
                return current
            current = named[0]
            seen.add(current)

    score = {m["id"]: 0 for m in members}
    for m in members:
        end = chain_end(m["id"])
        if end != m["id"]:
            score[end] += 1
    best = min(
        members,
        key=lambda m: (-score[m["id"]], _published_key(m.get("published")), m.get("first_seen") or "", m["id"]),
    )
    return best["id"]


def recompute_original(db: sqlite_utils.Database, story_id: int) -> int | None:
    """Mark exactly one member of the story as its original; None when the story is empty."""
    conn = db.conn
    cursor = conn.execute(
        "select id, url, canonical_url, source_url, published, first_seen, title from articles where story_id = ?",
        (story_id,),
    )
    names = [d[0] for d in cursor.description]
    members = [dict(zip(names, r)) for r in cursor.fetchall()]
    original = choose_original(members)
    if original is None:
        return None
    conn.execute(
        "update articles set is_original = (id = ?) where story_id = ? and is_original is not (id = ?)",
        (original, story_id, original),
    )
    title = next(m["title"] for m in members if m["id"] == original)
    conn.execute("update stories set original_id = ?, title = ? where id = ?", (original, title, story_id))
    return original
