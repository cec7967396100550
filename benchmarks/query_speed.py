"""Speed of full-text queries with filters as the store grows (never asserted in tests).

Stores of N articles (default 1,000 / 10,000 / 100,000) are filled with
texts made from real article sentences (the clean bodies of the shared
benchmarks, shuffled into new articles with a fixed seed), on 40 sites in
the languages of those bodies, through the store's own schema and its
full-text triggers. Then the queries `newscrawl query` runs
(`db.queries.search_articles`) are timed on a read-only connection, as the
CLI opens it: words of every frequency, with a site, a language and a date
filter, and a phrase. Reported: median and 95th percentile milliseconds per
query, per size.

Usage: python benchmarks/query_speed.py [--sizes 1000 10000 100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.fingerprint import content_hash, words  # noqa: E402
from cleaning.record import ArticleRecord  # noqa: E402
from db.columns import row_of  # noqa: E402
from db.queries import Filters, search_articles  # noqa: E402
from db.store import Store, open_db, write_transaction  # noqa: E402

SEED = 20241201
SITES = 40


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def load_sentences() -> list[tuple[str, str]]:
    """(language, sentence) from the clean bodies of the shared benchmarks."""
    out = []
    truth = shared_dir() / "benchmarks" / "article-extraction" / "ground-truth.json"
    pages = shared_dir() / "benchmarks" / "news-pages" / "truth.jsonl"
    if not truth.is_file() or not pages.is_file():
        raise SystemExit(f"query_speed: data not found under {shared_dir()} (set NEWSCRAWL_SHARED)")
    for item in json.loads(truth.read_text(encoding="utf-8")).values():
        out += [("en", line) for line in item["articleBody"].split("\n") if len(line) > 40]
    for line in pages.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        out += [(record["language"], p) for p in record["body"].split("\n") if len(p) > 40]
    return out


def fill(store: Store, first: int, n: int, sentences: list[tuple[str, str]], rng: random.Random) -> None:
    by_language: dict[str, list[str]] = {}
    for language, sentence in sentences:
        by_language.setdefault(language, []).append(sentence)
    languages = sorted(by_language)
    rows = []
    for i in range(first, first + n):
        language = rng.choice(languages)
        body = "\n".join(rng.sample(by_language[language], min(8, len(by_language[language]))))
        site = f"site{i % SITES}.example"
        record = ArticleRecord(
            url=f"https://{site}/news/{i}", site=site, title=body.split("\n")[0][:90], text=body,
            language=language, published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00",
            fetched_at="2024-12-01T00:00:00+00:00", content_hash=content_hash(body),
        )
        rows.append(row_of(record))
        if len(rows) == 5000:
            with write_transaction(store.db):
                store.db["articles"].insert_all(rows)
            rows = []
    if rows:
        with write_transaction(store.db):
            store.db["articles"].insert_all(rows)


def query_terms(sentences: list[tuple[str, str]], rng: random.Random) -> list[str]:
    counts = Counter(w for _l, s in sentences for w in words(s) if len(w) > 3 and w.isalpha())
    ranked = [w for w, _c in counts.most_common()]
    # Frequent, middling and rare words.
    return ranked[:5] + rng.sample(ranked[50:500], 5) + rng.sample(ranked[2000:], 5)


def time_queries(db, terms: list[str]) -> dict:
    filters = []
    for term in terms:
        filters += [
            Filters(text=term),
            Filters(text=term, site="site7.example"),
            Filters(text=term, language="en"),
            Filters(text=term, since="2024-06-01", until="2024-08-31"),
        ]
    filters += [Filters(text=" ".join(terms[i:i + 2]), language="de") for i in range(0, 10, 2)]
    filters += [Filters(site="site3.example"), Filters(language="en", since="2024-05-01")]
    times = []
    for f in filters:
        start = time.perf_counter()
        search_articles(db, f)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"queries": len(times), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * len(times)) - 1], 2), "max_ms": round(times[-1], 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    sentences = load_sentences()
    terms = query_terms(sentences, rng)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "query.db"
        store = Store(path)
        have = 0
        for size in sorted(args.sizes):
            started = time.perf_counter()
            fill(store, have, size - have, sentences, rng)
            have = size
            fill_s = time.perf_counter() - started
            store.db.execute("analyze")
            reader = open_db(path, readonly=True)
            # First pass warms the page cache, as a store in use is; the second is measured.
            time_queries(reader, terms)
            results.append({"articles": size, "fill_s": round(fill_s, 1), **time_queries(reader, terms),
                            "db_mb": round(path.stat().st_size / 2**20, 1)})
            reader.conn.close()
        store.close()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'articles':>10} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'db MB':>7}")
        for r in results:
            print(f"{r['articles']:>10} {r['queries']:>8} {r['median_ms']:>10} {r['p95_ms']:>8} {r['max_ms']:>8} {r['db_mb']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
