"""Story grouping: quality on a generated syndication set, and the cost of
placing one article as the store grows.

1. Quality. A seeded word-level generator writes base stories over a
   Zipf-weighted vocabulary; stories come in topics that share person and
   place names (same-topic distractors). Each story gets 0–5 copies, each
   made by one or more of: other junk lines around it, truncation after
   25–60% of its paragraphs with "Continue reading…", rewording of 3–8% of
   its words. Topics also repeat stock sentences word for word, so
   same-topic distractors share names and whole sentences. All articles go through `Store.upsert_article` (the crawl's
   own write path, story assignment in the same transaction) in a shuffled
   order. Pairwise precision and recall against the known groups, and the
   share of copies of each kind found in their base story's group.
2. Cost. The store is filled to 1k, 10k and 100k articles (the generated
   set plus filler rows whose band hashes are random, i.e. unrelated texts;
   bulk inserts, indexes built after), then held-out articles (half copies
   of stored stories, half new) are placed one by one: milliseconds per
   placement (article insert with FTS + story assignment, one transaction),
   band rows read, article rows read and rows written, and SQLite VM steps.

Usage: python benchmarks/stories.py [--articles N] [--sizes 1000,10000,100000] [--json]
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
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.anchors import ANCHOR_BANDS  # noqa: E402
from cleaning.fingerprint import band_hashes, content_hash  # noqa: E402
from cleaning.record import ArticleRecord  # noqa: E402
from db.columns import row_of  # noqa: E402
from db.store import Store, write_transaction  # noqa: E402
from db.stories import assign_story  # noqa: E402
from db.synthetic import fill_unrelated_articles, remove_articles, row_counts, story_of_articles  # noqa: E402

SEED = 7
JUNK = [
    "Share this:", "Facebook", "Subscribe to our newsletter for the morning briefing.", "Advertisement",
    "Most read today", "Sign up for breaking news alerts", "Follow us on social media", "All rights reserved.",
    "Related: more stories from the region", "Click here to download our app", "Photo: archive",
    "Comments are closed.", "Read more", "Trending now: the week in pictures", "Tags: news, region",
]


class Generator:
    """Seeded synthetic news: vocabulary, topics with shared names, stories, copies."""

    def __init__(self, seed: int = SEED, vocabulary: int = 4000, topics: int = 80):
        self.rng = random.Random(seed)
        syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"] + ["an", "el", "or", "ist", "ung"]
        words: set[str] = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(syllables) for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4)))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        # Zipf weights: a few words are everywhere, like "the" and "said".
        self.weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cumulative.append(total)
        self.topics = [
            {
                "people": [self._name() for _ in range(3)],
                "place": self._name(),
                "keywords": [self._word() for _ in range(6)],
            }
            for _ in range(topics)
        ]
        # Stock sentences a topic's stories repeat word for word ("Mayor Ana
        # Ruiz said the meeting will be held on Thursday"): distractors share
        # more than names.
        for topic in self.topics:
            topic["stock"] = [self._sentence(topic) for _ in range(3)]

    def _word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cumulative)[0]

    def _name(self) -> str:
        return " ".join(self.rng.choice(self.words).capitalize() for _ in range(2))

    def _sentence(self, topic: dict) -> str:
        words = [self._word() for _ in range(self.rng.randint(8, 20))]
        if self.rng.random() < 0.45:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(topic["people"]) + " said")
        if self.rng.random() < 0.35:
            words.insert(self.rng.randrange(len(words)), "in " + topic["place"])
        if self.rng.random() < 0.5:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(topic["keywords"]))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def story(self, topic_index: int) -> list[str]:
        topic = self.topics[topic_index]
        paragraphs = []
        for _ in range(self.rng.randint(4, 7)):
            sentences = [self._sentence(topic) for _ in range(self.rng.randint(2, 3))]
            if self.rng.random() < 0.3:
                sentences.insert(self.rng.randrange(len(sentences) + 1), self.rng.choice(topic["stock"]))
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def copy(self, paragraphs: list[str], kinds: list[str]) -> list[str]:
        out = list(paragraphs)
        if "reworded" in kinds:
            rate = self.rng.uniform(0.03, 0.08)
            out = [" ".join(self._word() if self.rng.random() < rate else w for w in p.split()) for p in out]
        if "truncated" in kinds:
            keep = max(1, round(len(out) * self.rng.uniform(0.25, 0.6)))
            out = out[:keep] + ["Continue reading…"]
        if "junk" in kinds:
            head = self.rng.sample(JUNK, self.rng.randint(0, 3))
            tail = self.rng.sample(JUNK, self.rng.randint(1, 4))
            out = head + out + tail
        return out


def generate_set(n_articles: int, seed: int = SEED):
    """Articles [(text, group, kind)] with at least n_articles, in shuffled order."""
    gen = Generator(seed)
    articles: list[tuple[str, int, str]] = []
    group = 0
    kinds_pool = [["junk"], ["truncated"], ["reworded"], ["junk", "truncated"], ["junk", "reworded"], ["exact"]]
    gen.topic_of_group = {}
    while len(articles) < n_articles:
        topic = gen.rng.randrange(len(gen.topics))
        gen.topic_of_group[group] = topic
        base = gen.story(topic)
        articles.append(("\n".join(base), group, "base"))
        for _ in range(min(5, int(gen.rng.expovariate(1 / 1.6)))):
            kinds = gen.rng.choice(kinds_pool)
            text = "\n".join(base) if kinds == ["exact"] else "\n".join(gen.copy(base, kinds))
            articles.append((text, group, "+".join(kinds)))
        group += 1
    gen.rng.shuffle(articles)
    return articles, gen


def _record(i: int, text: str, prefix: str = "gen") -> ArticleRecord:
    return ArticleRecord(
        url=f"https://site{i % 37}.example/{prefix}/{i}",
        site=f"site{i % 37}.example",
        title=text[:60],
        text=text,
        language="und",
        published=f"2024-05-{1 + i % 28:02d}",
        content_hash=content_hash(text),
        bands=band_hashes(text),
    )


def pairwise(predicted: list[int], truth: list[int]) -> tuple[float, float]:
    def pairs(sizes):
        return sum(n * (n - 1) // 2 for n in sizes)

    both = pairs(Counter(zip(predicted, truth)).values())
    pred = pairs(Counter(predicted).values())
    true = pairs(Counter(truth).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0)


def measure_quality(store: Store, articles, topic_of_group: dict[int, int]) -> dict:
    ids = []
    started = time.perf_counter()
    for i, (text, _group, _kind) in enumerate(articles):
        _status, article_id = store.upsert_article(_record(i, text))
        ids.append(article_id)
    elapsed = time.perf_counter() - started
    story_of = story_of_articles(store.db)
    predicted = [story_of[a] for a in ids]
    truth = [g for _t, g, _k in articles]
    precision, recall = pairwise(predicted, truth)
    # Copies of each kind: found in the group of their base story?
    base_story = {g: story_of[a] for a, (_t, g, k) in zip(ids, articles) if k == "base"}
    found: dict[str, list[int]] = defaultdict(list)
    for a, (_t, g, k) in zip(ids, articles):
        if k != "base":
            found[k].append(int(story_of[a] == base_story[g]))
    # Distractors: base stories of one topic (shared names and stock sentences).
    by_topic: dict[int, list[int]] = defaultdict(list)
    for g, sid in base_story.items():
        by_topic[topic_of_group[g]].append(sid)
    distractor_pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_topic.values())
    merged_pairs = sum(n * (n - 1) // 2 for v in by_topic.values() for n in Counter(v).values())
    return {
        "articles": len(articles),
        "same_topic_distractor_pairs": distractor_pairs,
        "same_topic_pairs_merged": merged_pairs,
        "true_groups": len(set(truth)),
        "predicted_stories": len(set(predicted)),
        "pairwise_precision": round(precision, 4),
        "pairwise_recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "copy_recall_by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(found.items())},
        "copies_by_kind": {k: len(v) for k, v in sorted(found.items())},
        "ms_per_article_with_assignment": round(1000 * elapsed / len(articles), 2),
    }


def fill(store: Store, target: int, rng: random.Random, bands_per_article: int, languages=("und",)) -> float:
    """Bulk filler up to `target` articles: unrelated texts, random band hashes
    in both indexes (shingles and anchors). Returns the seconds it took."""
    started = time.perf_counter()
    band_ids = [b for b, _h in band_hashes(" ".join(f"w{k}" for k in range(40)))]
    assert len(band_ids) == bands_per_article
    if not fill_unrelated_articles(store.db, target, rng, band_ids, ANCHOR_BANDS, languages):
        return 0.0
    return time.perf_counter() - started


def measure_placement(store: Store, held_out: list[str], level: int) -> dict:
    conn = store.db.conn
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    timings, band_rows, article_rows, written, vm = [], [], [], [], []
    placed = []
    for i, text in enumerate(held_out):
        record = _record(10_000_000 + level + i, text, prefix="held")
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
        band_rows.append(placement.band_rows_read)
        article_rows.append(placement.rows_read - placement.band_rows_read)
        written.append(placement.rows_written)
        placed.append(article_id)
    remove_articles(store.db, placed)
    counts = row_counts(store.db)
    timings.sort()
    return {
        "stored_articles": counts["articles"],
        "band_rows_stored": counts["article_bands"],
        "placed": len(held_out),
        "ms_median": round(statistics.median(timings), 3),
        "ms_p95": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "band_rows_read_mean": round(statistics.mean(band_rows), 1),
        "article_rows_read_mean": round(statistics.mean(article_rows), 1),
        "rows_written_mean": round(statistics.mean(written), 1),
        "vm_steps_mean": round(statistics.mean(vm)),
    }


def held_out_set(gen: Generator, stored: list[tuple[str, int, str]], n: int) -> list[str]:
    bases = [t for t, _g, k in stored if k == "base"]
    out = []
    for i in range(n):
        if i % 2 == 0:
            base = gen.rng.choice(bases).split("\n")
            out.append("\n".join(gen.copy(base, gen.rng.choice([["junk"], ["truncated"], ["reworded", "junk"]]))))
        else:
            out.append("\n".join(gen.story(gen.rng.randrange(len(gen.topics)))))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated articles with known groups (default 1000)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes for the placement cost")
    parser.add_argument("--placements", type=int, default=200, help="articles placed per store size")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())

    articles, gen = generate_set(args.articles)
    results: dict = {"seed": SEED}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "stories.db")
        try:
            results["quality"] = measure_quality(store, articles, gen.topic_of_group)
            held_out = held_out_set(gen, articles, args.placements)
            bands_per_article = len(band_hashes(articles[0][0]))
            fill_rng = random.Random(SEED + 1)
            results["placement"] = []
            for size in sizes:
                fill_seconds = fill(store, size, fill_rng, bands_per_article)
                row = measure_placement(store, held_out, size)
                row["fill_seconds"] = round(fill_seconds, 1)
                results["placement"].append(row)
                if not args.json:
                    print(f"  placed {args.placements} at {row['stored_articles']} stored", file=sys.stderr)
        finally:
            store.close()

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    q = results["quality"]
    print(f"Story grouping quality ({q['articles']} generated articles, {q['true_groups']} true groups, seed {SEED})")
    print(f"  pairwise precision  {q['pairwise_precision']:.4f}")
    print(f"  pairwise recall     {q['pairwise_recall']:.4f}")
    print(f"  F1                  {q['f1']:.4f}")
    print(f"  predicted stories   {q['predicted_stories']}")
    print(f"  same-topic distractor pairs merged: {q['same_topic_pairs_merged']} of {q['same_topic_distractor_pairs']}")
    for kind, share in q["copy_recall_by_kind"].items():
        print(f"  copies '{kind}' found: {share:.3f} of {q['copies_by_kind'][kind]}")
    print(f"  ingest with assignment: {q['ms_per_article_with_assignment']} ms/article")
    print()
    header = ("stored", "band rows", "ms median", "ms p95", "band rows read", "article rows read", "rows written", "VM steps")
    print("Cost of placing one article")
    print("  " + " | ".join(f"{h:>17}" for h in header))
    for r in results["placement"]:
        cells = (r["stored_articles"], r["band_rows_stored"], r["ms_median"], r["ms_p95"], r["band_rows_read_mean"],
                 r["article_rows_read_mean"], r["rows_written_mean"], r["vm_steps_mean"])
        print("  " + " | ".join(f"{c:>17}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
