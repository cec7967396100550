"""Does the machine-translation score separate damaged copies from professional articles?

Damaged (positive): the records of `dev-set/` with translation or scraping
debris annotated (`must_not_contain` or `fix_expect` not empty), cleaned by
`process_text`; and the demo's machine-translated pages (a page whose chain
of copies crosses a change of language, and the copies of such a page),
built in memory and run through `process_page`.
Professional (negative): the clean ground-truth bodies of
`benchmarks/article-extraction` (ground-truth.json) and
`benchmarks/news-pages` (truth.jsonl, with their titles), via `process_text`.

Split by site: a record is TUNING when
`int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2 == 0` (host: the
lower-cased host name without "www."; a demo page's host is its site name
+ ".example"), UNSEEN otherwise. The weights (`--fit`) and the threshold are
chosen on the tuning half only; both halves are reported: ROC AUC, and
precision/recall at the threshold.

Usage: python benchmarks/mt_score.py [--json] [--fit] [--verbose]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.mtscore import DEFAULT_MT_OPTIONS, SIGNALS, MTScoreOptions, score_counts  # noqa: E402
from cleaning.page import process_page, process_text, read_html_bytes  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def is_tuning(host: str) -> bool:
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2 == 0


@dataclass
class Item:
    damaged: bool
    name: str
    host: str
    words: int
    counts: dict[str, int]

    @property
    def tuning(self) -> bool:
        return is_tuning(self.host)


def _item(damaged: bool, name: str, url: str, record) -> Item:
    parts = record.mt_parts or {}
    return Item(damaged, name, host_of(url), parts.get("words", 0), dict(parts.get("counts", {})))


def devset_items(shared: Path) -> list[Item]:
    items = []
    for path in sorted((shared / "dev-set").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("must_not_contain") or row.get("fix_expect"):
                items.append(_item(True, f"dev-set {row['id']}", row["address"], process_text(row["text"])))
    return items


def demo_items() -> list[Item]:
    """The demo's machine translations and the copies made of them."""
    from newscrawl.demo.site import build_site, load_catalog

    catalog = load_catalog()
    bases = {name: f"http://{name}.example" for name in catalog.sites}
    routes = {name: build_site(name, bases, catalog) for name in catalog.sites}

    def translated(article) -> bool:
        source = catalog.original_of(article)
        return source is not None and (source.lang != article.lang or translated(source))

    items = []
    for article in catalog.articles:
        if translated(article):
            content_type, body = routes[article.site][article.path]
            url = bases[article.site] + article.path
            record = process_page(read_html_bytes(body, content_type), url)
            items.append(_item(True, f"demo {article.story}/{article.key}", url, record))
    return items


def professional_items(shared: Path) -> list[Item]:
    items = []
    truth = json.loads((shared / "benchmarks/article-extraction/ground-truth.json").read_text(encoding="utf-8"))
    for key, row in sorted(truth.items()):
        items.append(_item(False, f"article-extraction {key[:12]}", row["url"], process_text(row["articleBody"])))
    for line in (shared / "benchmarks/news-pages/truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            record = process_text(row["body"], title=row.get("title"))
            items.append(_item(False, f"news-pages {row['id']}", row["url"], record))
    return items


def roc_auc(scores: list[tuple[float, bool]]) -> float:
    """The chance that a damaged text scores above a professional one (ties count half)."""
    positives = [s for s, damaged in scores if damaged]
    negatives = [s for s, damaged in scores if not damaged]
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def precision_recall(scores: list[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    flagged = [damaged for s, damaged in scores if s >= threshold]
    positives = sum(damaged for _s, damaged in scores)
    hits = sum(flagged)
    return (hits / len(flagged) if flagged else 1.0), (hits / positives if positives else 1.0)


def choose_threshold(scores: list[tuple[float, bool]]) -> float:
    """The threshold with the best F1 (the lowest of equals: flag rather than miss)."""
    best, best_f1 = 0.0, -1.0
    for threshold in sorted({s for s, _d in scores if s > 0}):
        precision, recall = precision_recall(scores, threshold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1 + 1e-12:
            best, best_f1 = threshold, f1
    return best


def scored(items: list[Item], options: MTScoreOptions) -> list[tuple[float, bool]]:
    return [(score_counts(item.counts, item.words, options), item.damaged) for item in items]


def fit_weights(tuning: list[Item], start: MTScoreOptions) -> MTScoreOptions:
    """Weights from the tuning half: each signal's smoothed log-likelihood
    ratio, log2(P(seen | damaged) / P(seen | professional)) with one
    pseudo-count on each side, kept within [0.25, 4] and divided by their
    mean so that a typical piece of debris still counts about one. Sixteen
    damaged texts are too few for a search over weights: a greedy search
    raised the tuning AUC and lowered the unseen one."""
    damaged = [item for item in tuning if item.damaged]
    professional = [item for item in tuning if not item.damaged]
    raw = {}
    for signal in SIGNALS:
        in_damaged = sum(1 for item in damaged if item.counts.get(signal))
        in_professional = sum(1 for item in professional if item.counts.get(signal))
        ratio = ((in_damaged + 1) / (len(damaged) + 2)) / ((in_professional + 1) / (len(professional) + 2))
        raw[signal] = min(4.0, max(0.25, math.log2(ratio)))
    mean = sum(raw.values()) / len(raw)
    weights = tuple((signal, round(value / mean * 20) / 20) for signal, value in raw.items())
    return replace(start, weights=weights)


def summarise(items: list[Item], options: MTScoreOptions, threshold: float) -> dict:
    values = scored(items, options)
    precision, recall = precision_recall(values, threshold)
    return {
        "damaged": sum(item.damaged for item in items),
        "professional": sum(not item.damaged for item in items),
        "roc_auc": round(roc_auc(values), 3),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
    }


def signal_table(items: list[Item]) -> dict[str, dict[str, int]]:
    """In how many damaged and professional texts each signal is seen."""
    table = {}
    for signal in SIGNALS:
        table[signal] = {
            "damaged": sum(1 for item in items if item.damaged and item.counts.get(signal)),
            "professional": sum(1 for item in items if not item.damaged and item.counts.get(signal)),
        }
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--fit", action="store_true", help="choose the weights on the tuning half and print them")
    parser.add_argument("--verbose", action="store_true", help="list every text with its score")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if not (shared / "dev-set").is_dir() or not (shared / "benchmarks/news-pages/truth.jsonl").is_file():
        print(f"mt_score: shared data not found at {shared} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    items = devset_items(shared) + demo_items() + professional_items(shared)
    tuning = [item for item in items if item.tuning]
    unseen = [item for item in items if not item.tuning]
    options = fit_weights(tuning, DEFAULT_MT_OPTIONS) if args.fit else DEFAULT_MT_OPTIONS
    threshold = choose_threshold(scored(tuning, options))
    report = {
        "threshold": threshold,
        "min_words": options.min_words,
        "weights": {signal: options.weight(signal) for signal in SIGNALS if options.weight(signal) != 1.0},
        "tuning": summarise(tuning, options, threshold),
        "unseen": summarise(unseen, options, threshold),
        "all": summarise(items, options, threshold),
        "signals": signal_table(items),
    }
    if args.fit:
        print("DEFAULT_WEIGHTS = " + repr(options.weights), file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"threshold {threshold} (chosen on the tuning half), min_words {options.min_words}")
        print(f"weights other than 1: {report['weights']}")
        print(f"{'half':8} {'damaged':>7} {'prof.':>6} {'ROC AUC':>8} {'precision':>9} {'recall':>7}")
        for half in ("tuning", "unseen", "all"):
            row = report[half]
            print(f"{half:8} {row['damaged']:>7} {row['professional']:>6} {row['roc_auc']:>8.3f} "
                  f"{row['precision']:>9.3f} {row['recall']:>7.3f}")
        print("signal: seen in damaged / professional texts")
        for signal, seen in report["signals"].items():
            print(f"  {signal:20} {seen['damaged']:>3} / {seen['professional']:>3}")
    if args.verbose:
        for item in sorted(items, key=lambda i: (not i.damaged, -score_counts(i.counts, i.words, options))):
            value = score_counts(item.counts, item.words, options)
            if item.damaged or value:
                half = "tuning" if item.tuning else "unseen"
                print(f"{'damaged' if item.damaged else 'prof.':8} {half:7} {value:7.2f} {item.name}  {item.counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
