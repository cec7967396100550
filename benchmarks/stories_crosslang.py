"""Story grouping across languages: quality on a generated set of originals,
their translations and same-topic distractors; and the cost of placing one
article as the store grows.

1. Quality. A seeded generator writes English originals from event
   templates (flood, budget, factory fire, strike; five sentences each) with
   people, a place, counts, money, a percentage, a distance, two dates and a
   year as slots, plus prose between them (syllable words in the language's
   script: the words a translation shares with nothing). Each original is
   rendered in ten other languages (fr, es, de, tr, id in Latin script; ru,
   uk in Cyrillic; ar, fa in Arabic script; el in Greek) from hand-written
   templates, with each language's own digits, separators, scale words,
   percent signs, month names and name spellings (exonyms included). A
   translation may drop a sentence, swap two, or be truncated. Each original
   also gets one same-language copy with junk lines. For every original, a
   same-topic distractor (same two people, same place, a different event,
   other figures, dates in the same weeks; one in three recalls one of the
   original's figures) is written and translated the same way.
   No article links to another. All go through `Store.upsert_article` in a
   shuffled order, language detected with the language as the page's hint.
   Pairwise precision and recall against the known stories, for all pairs,
   cross-language pairs and same-language pairs; and distractor pairs merged.
2. Cost. The store is filled to 1k, 10k and 100k articles (the generated set
   plus filler rows whose shingle and anchor band hashes are random, i.e.
   unrelated texts), then held-out articles (half fresh translations of
   stored originals, half new originals) are placed one by one: ms per
   placement, band rows read (shingle and anchor), article rows read, rows
   written and SQLite VM steps.

Usage: python benchmarks/stories_crosslang.py [--originals N] [--sizes 1000,10000,100000] [--json]
The machine is shared: compare figures measured in one run.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import crosslang_texts as T  # noqa: E402
from benchmarks.stories import JUNK, fill, pairwise  # noqa: E402
from cleaning.anchors import extract_anchors  # noqa: E402
from cleaning.fingerprint import band_hashes, content_hash  # noqa: E402
from cleaning.language import detect_language  # noqa: E402
from cleaning.record import ArticleRecord  # noqa: E402
from db.columns import row_of  # noqa: E402
from db.store import Store, write_transaction  # noqa: E402
from db.stories import assign_story  # noqa: E402
from db.synthetic import match_kinds, remove_articles, row_counts, story_of_articles  # noqa: E402

SEED = 11
TRANSLATED = [lang for lang in T.LANGUAGES if lang != "en"]


# -- rendering -------------------------------------------------------------------------


def _digits(text: str, style: str) -> str:
    table = T.DIGITS.get(style)
    return text.translate(str.maketrans("0123456789", table)) if table else text


def fmt_int(n: int, style: str) -> str:
    thousands, _dec = T.SEPARATORS[style]
    out = f"{n:,}".replace(",", thousands)
    return _digits(out, style)


def fmt_dec(x: float, style: str) -> str:
    _thousands, dec = T.SEPARATORS[style]
    return _digits(f"{x:.1f}".replace(".", dec), style)


def fmt_money(story: dict, lang: str, style: str) -> str:
    amount, scale = story["money"]
    millions, billions = T.MONEY[lang]
    if scale == "m":
        return millions.format(v=fmt_int(amount, style))
    if billions is None:  # Spanish: thousands of millions
        return millions.format(v=fmt_int(round(amount * 1000), style))
    value = fmt_dec(amount, style) if amount != int(amount) else fmt_int(int(amount), style)
    return billions.format(v=value)


def fmt_date(day: int, month: int, lang: str, style: str, story: dict, arabic_short: bool) -> str:
    if lang == "en":
        name = T.MONTHS["en"][month]
        return f"{name} {day}" if story["us_dates"] else f"{day} {name}"
    if lang == "ar":
        name = T.MONTHS["ar_short" if arabic_short else "ar"][month]
        return f"{_digits(str(day), style)} {name}"
    name = T.MONTHS[lang][month]
    if lang == "es":
        return f"{day} de {name}"
    if lang == "de":
        return f"{day}. {name}"
    return f"{_digits(str(day), style)} {name}"


def filler(rng: random.Random, lang: str, words: int) -> str:
    syllables = T.SYLLABLES[T.SCRIPT.get(lang, "latin")]
    out = ["".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3)))) for _ in range(words)]
    sentence = " ".join(out)
    return sentence[0].upper() + sentence[1:] + "."


def render(story: dict, lang: str, rng: random.Random, translation: bool) -> str:
    """The story in one language; a translation may lose or move sentences."""
    i = T.LANGUAGES.index(lang)
    style = lang
    if lang == "ar" and rng.random() < 0.5:
        style = "ar_eastern"
    arabic_short = rng.random() < 0.5
    slots = {
        "p1": T.PEOPLE[story["p1"]][i],
        "p2": T.PEOPLE[story["p2"]][i],
        "place": T.PLACES[story["place"]][i],
        "n1": fmt_int(story["n1"], style),
        "n2": fmt_int(story["n2"], style),
        "n4": fmt_int(story["n4"], style),
        "n5": fmt_int(story["n5"], style),
        "km": fmt_int(story["km"], style),
        "pct": T.PERCENT.get(style, T.PERCENT[lang]).format(v=fmt_dec(story["pct"], style)),
        "money": fmt_money(story, lang, style),
        "d1": fmt_date(story["d1"][1], story["d1"][0], lang, style, story, arabic_short),
        "d2": fmt_date(story["d2"][1], story["d2"][0], lang, style, story, arabic_short),
        "year": _digits(str(story["year"]), style),
    }
    sentences = [s.format(**slots) for s in T.EVENTS[story["event"]][lang]]
    if story.get("callback"):
        sentences.insert(2, T.CALLBACK[lang].format(n1=fmt_int(story["callback"], style), place=slots["place"]))
    if translation:
        roll = rng.random()
        if roll < 0.2:
            sentences.pop(rng.randrange(1, len(sentences)))
        elif roll < 0.35:
            k = rng.randrange(len(sentences) - 1)
            sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
    # The prose around the figures: same places and lengths in every language.
    for position, words in story["prose"]:
        sentences.insert(min(position, len(sentences)), filler(rng, lang, words))
    if translation and rng.random() < 0.1:
        sentences = sentences[: max(3, round(len(sentences) * 0.6))] + ["…"]
    paragraphs = [" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)]
    return "\n".join(paragraphs)


def new_story(rng: random.Random, topic: dict, event: str, near: dict | None = None) -> dict:
    month = rng.randrange(1, 3) if near is None else near["d1"][0]
    day = rng.randint(3, 24) if near is None else max(1, min(28, near["d1"][1] + rng.choice((-5, -3, -2, 2, 3, 5))))
    later = day + rng.randint(2, 9)
    d2 = (month, later) if later <= 28 else (month + 1, later - 28)
    big = rng.random() < 0.5
    return {
        "event": event,
        "p1": topic["p1"], "p2": topic["p2"], "place": topic["place"],
        "n1": rng.randrange(1_000, 95_000, 10), "n2": rng.randrange(1_000, 60_000, 10),
        "n4": rng.randint(12, 980), "n5": rng.randint(11, 499), "km": rng.randint(15, 900),
        "pct": round(rng.uniform(1.1, 19.9), 1),
        "money": (round(rng.uniform(1.1, 9.8), 1), "b") if big else (rng.randrange(120, 990, 10), "m"),
        "d1": (month, day), "d2": d2, "year": rng.choice((2019, 2020, 2021, 2022, 2023, 2025, 2026)),
        "us_dates": rng.random() < 0.5,
        "prose": sorted((rng.randrange(0, 6), rng.randint(8, 16)) for _ in range(rng.randint(3, 5))),
        "callback": None,
    }


def generate_set(originals: int, seed: int = SEED):
    """Articles [(text, language, group, kind)] in shuffled order; and the stories."""
    rng = random.Random(seed)
    events = sorted(T.EVENTS)
    stories = []
    for k in range(originals):
        p1, p2 = rng.sample(range(len(T.PEOPLE)), 2)
        topic = {"p1": p1, "p2": p2, "place": rng.randrange(len(T.PLACES))}
        event = rng.choice(events)
        original = new_story(rng, topic, event)
        other = new_story(rng, topic, rng.choice([e for e in events if e != event]), near=original)
        if rng.random() < 1 / 3:
            other["callback"] = original["n1"]
        stories.append((original, "original"))
        stories.append((other, "distractor"))
    articles = []
    for group, (story, role) in enumerate(stories):
        english = render(story, "en", rng, translation=False)
        articles.append((english, "en", group, f"{role}:en"))
        if role == "original":
            lines = english.split("\n")
            copy = rng.sample(JUNK, 2) + lines + rng.sample(JUNK, 2)
            articles.append(("\n".join(copy), "en", group, "copy:en"))
        for lang in TRANSLATED:
            articles.append((render(story, lang, rng, translation=True), lang, group, f"{role}:{lang}"))
    rng.shuffle(articles)
    return articles, stories


def _record(i: int, text: str, lang: str, prefix: str = "x") -> ArticleRecord:
    detected, prob = detect_language(text, hint=lang)
    return ArticleRecord(
        url=f"https://{lang}-site{i % 7}.example/{prefix}/{i}",
        site=f"{lang}-site{i % 7}.example",
        title=text[:60],
        text=text,
        language=detected,
        language_confidence=prob,
        published=f"2024-05-{1 + i % 28:02d}",
        content_hash=content_hash(text),
        bands=band_hashes(text),
    )


# -- quality -----------------------------------------------------------------------------


def measure_quality(store: Store, articles) -> dict:
    ids, languages = [], []
    extract_ms = []
    started = time.perf_counter()
    for i, (text, lang, _group, _kind) in enumerate(articles):
        record = _record(i, text, lang)
        languages.append(record.language)
        t0 = time.perf_counter()
        extract_anchors(text)
        extract_ms.append((time.perf_counter() - t0) * 1000)
        _status, article_id = store.upsert_article(record)
        ids.append(article_id)
    elapsed = time.perf_counter() - started
    story_of = story_of_articles(store.db)
    predicted = [story_of[a] for a in ids]
    truth = [g for _t, _l, g, _k in articles]
    precision, recall = pairwise(predicted, truth)

    # Pairs split by whether the two are in one language.
    def split_pairs(same_language: bool):
        both = pred = true = 0
        n = len(articles)
        for a in range(n):
            for b in range(a + 1, n):
                if (articles[a][1] == articles[b][1]) != same_language:
                    continue
                p = predicted[a] == predicted[b]
                t = truth[a] == truth[b]
                both += p and t
                pred += p
                true += t
        return (both / pred if pred else 1.0), (both / true if true else 1.0), pred, true

    cross_p, cross_r, cross_pred, cross_true = split_pairs(False)
    same_p, same_r, same_pred, same_true = split_pairs(True)
    # Distractors: an original's story and its distractor's (groups 2k and 2k+1).
    merged_distractors = 0
    for g in range(0, max(truth) + 1, 2):
        a = {predicted[k] for k in range(len(articles)) if truth[k] == g}
        b = {predicted[k] for k in range(len(articles)) if truth[k] == g + 1}
        merged_distractors += bool(a & b)
    # Recall by language: translations found in their English original's story.
    english = {truth[k]: predicted[k] for k, (_t, _l, _g, kind) in enumerate(articles) if kind.endswith(":en") and not kind.startswith("copy")}
    by_language: dict[str, list[int]] = {}
    for k, (_t, lang, g, kind) in enumerate(articles):
        if lang != "en":
            by_language.setdefault(lang, []).append(int(predicted[k] == english[g]))
    detected = Counter((articles[k][1], languages[k]) for k in range(len(articles)) if articles[k][1] != languages[k])
    kinds = match_kinds(store.db)
    extract_ms.sort()
    return {
        "articles": len(articles),
        "true_groups": len(set(truth)),
        "predicted_stories": len(set(predicted)),
        "pairwise_precision": round(precision, 4),
        "pairwise_recall": round(recall, 4),
        "cross_language_precision": round(cross_p, 4),
        "cross_language_recall": round(cross_r, 4),
        "cross_language_pairs": {"predicted": cross_pred, "true": cross_true},
        "same_language_precision": round(same_p, 4),
        "same_language_recall": round(same_r, 4),
        "same_topic_distractors_merged": merged_distractors,
        "same_topic_distractors": len(set(truth)) // 2,
        "translation_found_by_language": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_language.items())},
        "language_detected_otherwise": {f"{a}->{b}": n for (a, b), n in sorted(detected.items())},
        "matches_by_kind": dict(sorted(kinds.items())),
        "anchor_extraction_ms_median": round(statistics.median(extract_ms), 3),
        "anchor_extraction_ms_p95": round(extract_ms[int(0.95 * (len(extract_ms) - 1))], 3),
        "mean_chars": round(statistics.mean(len(a[0]) for a in articles)),
        "ms_per_article_with_assignment": round(1000 * elapsed / len(articles), 2),
    }


# -- cost --------------------------------------------------------------------------------


def held_out_set(rng: random.Random, stories, n: int) -> list[tuple[str, str, bool]]:
    """(text, language, is a translation of a stored original)."""
    originals = [s for s, role in stories if role == "original"]
    out = []
    events = sorted(T.EVENTS)
    for i in range(n):
        if i % 2 == 0:
            lang = rng.choice(TRANSLATED)
            out.append((render(rng.choice(originals), lang, rng, translation=True), lang, True))
        else:
            p1, p2 = rng.sample(range(len(T.PEOPLE)), 2)
            topic = {"p1": p1, "p2": p2, "place": rng.randrange(len(T.PLACES))}
            out.append((render(new_story(rng, topic, rng.choice(events)), "en", rng, False), "en", False))
    return out


def measure_placement(store: Store, held_out, level: int) -> dict:
    conn = store.db.conn
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    timings, band_rows, anchor_rows, article_rows, written, vm, joined = [], [], [], [], [], [], []
    placed = []
    for i, (text, lang, is_translation) in enumerate(held_out):
        record = _record(10_000_000 + level + i, text, lang, prefix="held")
        bands = band_hashes(text)
        steps[0] = 0
        conn.set_progress_handler(count, 100)
        started = time.perf_counter()
        with write_transaction(store.db):
            article_id = store.db["articles"].insert(row_of(record)).last_pk
            placement = assign_story(store.db, article_id, text, record.content_hash, bands, store.story_options)
        timings.append((time.perf_counter() - started) * 1000)
        conn.set_progress_handler(None, 0)
        vm.append(steps[0] * 100)
        band_rows.append(placement.band_rows_read - placement.anchor_band_rows_read)
        anchor_rows.append(placement.anchor_band_rows_read)
        article_rows.append(placement.rows_read - placement.band_rows_read)
        written.append(placement.rows_written)
        if is_translation:
            joined.append(int(not placement.new_story))
        placed.append(article_id)
    remove_articles(store.db, placed)
    counts = row_counts(store.db)
    timings.sort()
    return {
        "stored_articles": counts["articles"],
        "anchor_band_rows_stored": counts["article_anchor_bands"],
        "placed": len(held_out),
        "translations_joined": round(statistics.mean(joined), 3) if joined else None,
        "ms_median": round(statistics.median(timings), 3),
        "ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "shingle_band_rows_read_mean": round(statistics.mean(band_rows), 1),
        "anchor_band_rows_read_mean": round(statistics.mean(anchor_rows), 1),
        "article_rows_read_mean": round(statistics.mean(article_rows), 1),
        "rows_written_mean": round(statistics.mean(written), 1),
        "vm_steps_mean": round(statistics.mean(vm)),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=36, help="English originals (each with a distractor; default 36)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes for the placement cost")
    parser.add_argument("--placements", type=int, default=200, help="articles placed per store size")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())

    articles, stories = generate_set(args.originals)
    results: dict = {"seed": SEED, "languages": T.LANGUAGES}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "stories.db")
        try:
            results["quality"] = measure_quality(store, articles)
            held_out = held_out_set(random.Random(SEED + 2), stories, args.placements)
            fill_rng = random.Random(SEED + 1)
            results["placement"] = []
            for size in sizes:
                fill_seconds = fill(store, size, fill_rng, len(band_hashes(articles[0][0])), TRANSLATED + ["en"])
                row = measure_placement(store, held_out, size)
                row["fill_seconds"] = round(fill_seconds, 1)
                results["placement"].append(row)
                if not args.json:
                    print(f"  placed {args.placements} at {row['stored_articles']} stored", file=sys.stderr)
        finally:
            store.close()

    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    q = results["quality"]
    print(f"Cross-language story grouping ({q['articles']} articles, {q['true_groups']} true stories, "
          f"{len(T.LANGUAGES)} languages, seed {SEED})")
    for key in ("pairwise_precision", "pairwise_recall", "cross_language_precision", "cross_language_recall",
                "same_language_precision", "same_language_recall"):
        print(f"  {key:28} {q[key]:.4f}")
    print(f"  stories found / true         {q['predicted_stories']} / {q['true_groups']}")
    print(f"  same-topic distractors merged {q['same_topic_distractors_merged']} of {q['same_topic_distractors']}")
    print(f"  translation found, by language {q['translation_found_by_language']}")
    print(f"  language detected otherwise  {q['language_detected_otherwise']}")
    print(f"  matches recorded by kind     {q['matches_by_kind']}")
    print(f"  anchors: {q['anchor_extraction_ms_median']} ms median, {q['anchor_extraction_ms_p95']} ms p95 per article "
          f"({q['mean_chars']} chars mean); ingest with assignment {q['ms_per_article_with_assignment']} ms/article")
    print()
    header = ("stored", "ms median", "ms p95", "shingle rows", "anchor rows", "article rows", "rows written", "VM steps", "joined")
    print("Cost of placing one article")
    print("  " + " | ".join(f"{h:>12}" for h in header))
    for r in results["placement"]:
        cells = (r["stored_articles"], r["ms_median"], r["ms_p95"], r["shingle_band_rows_read_mean"],
                 r["anchor_band_rows_read_mean"], r["article_rows_read_mean"], r["rows_written_mean"],
                 r["vm_steps_mean"], r["translations_joined"])
        print("  " + " | ".join(f"{c:>12}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
