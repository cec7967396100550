"""Shingle-overlap scores for article-body extraction.

The definition follows the article-extraction benchmark's README
(`shared/benchmarks/article-extraction/README.md`), so our numbers can be set
beside the published ones:

* tokens are the `\\w+` matches of a text;
* a page's text is a multiset of 4-token shingles (a text with fewer than
  four tokens becomes one shorter shingle, so short texts still count);
* per page, TP is the overlap of the two multisets, FP what the prediction has
  beyond the truth, FN what it misses; the three are divided by their sum so
  every page weighs the same, whatever its length;
* precision and recall are means over pages, F1 = 2PR/(P+R) of those means;
* accuracy is the share of pages whose token sequence equals the truth.

Edge cases (rare in practice, but a scorer must not divide by zero): an empty
prediction has precision 0 unless the truth is empty too (then both are 1) —
returning nothing must not look precise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import mean
from typing import Iterable

SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)


def score_page(truth: str, prediction: str) -> PageScore:
    want, got = shingles(truth), shingles(prediction)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, tokens(truth) == tokens(prediction))


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def as_dict(self, digits: int = 4) -> dict:
        return {
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
            "accuracy": round(self.accuracy, digits),
            "pages": self.pages,
        }


def aggregate(pages: Iterable[PageScore]) -> Scores:
    pages = list(pages)
    if not pages:
        return Scores(0.0, 0.0, 0.0, 0.0, 0)
    p = mean(s.precision for s in pages)
    r = mean(s.recall for s in pages)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f1, mean(1.0 if s.exact else 0.0 for s in pages), len(pages))


def score(truth: dict[str, str], predictions: dict[str, str]) -> Scores:
    """Score predictions keyed like the truth; a missing key counts as empty output."""
    return aggregate(score_page(truth[k], predictions.get(k, "")) for k in truth)
