"""The extraction benchmark's shingle metric on cases small enough to count by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import metrics  # noqa: E402


def test_tokens_are_word_runs():
    assert metrics.tokens("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]


def test_identical_text_scores_one():
    s = metrics.score_page("one two three four five six", "one  two three, four five six")
    assert (s.precision, s.recall, s.exact) == (1.0, 1.0, True)
    agg = metrics.aggregate([s])
    assert agg.f1 == 1.0 and agg.accuracy == 1.0


def test_disjoint_text_scores_zero():
    s = metrics.score_page("a b c d e", "v w x y z")
    assert s.precision == 0.0 and s.recall == 0.0 and not s.exact
    assert metrics.aggregate([s]).f1 == 0.0


def test_partial_overlap_counted_by_hand():
    # truth a b c d e f: shingles abcd, bcde, cdef
    # output a b c d e x y: shingles abcd, bcde, cdex, dexy
    # tp 2, fp 2, fn 1 -> precision 2/4, recall 2/3
    s = metrics.score_page("a b c d e f", "a b c d e x y")
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(2 / 3)
    # normalised so that tp + fp + fn = 1
    assert s.tp + s.fp + s.fn == pytest.approx(1.0)
    assert s.tp == pytest.approx(2 / 5)


def test_repeated_shingles_count_as_a_multiset():
    # truth has "a b c d" once, the output twice: one tp, one fp
    s = metrics.score_page("a b c d", "a b c d a b c d")
    # output shingles: abcd, bcda, cdab, dabc, abcd -> tp 1, fp 4
    assert s.precision == pytest.approx(1 / 5)
    assert s.recall == 1.0


def test_short_text_is_one_shingle():
    assert metrics.shingles("just two") == {("just", "two"): 1}
    assert metrics.score_page("just two", "just two").precision == 1.0


def test_empty_output_is_not_precise():
    s = metrics.score_page("a b c d e", "")
    assert s.precision == 0.0 and s.recall == 0.0
    both_empty = metrics.score_page("", "")
    assert both_empty.precision == 1.0 and both_empty.recall == 1.0


def test_f1_is_taken_from_mean_precision_and_recall():
    perfect = metrics.score_page("a b c d e", "a b c d e")
    half = metrics.score_page("a b c d e f", "a b c d e x y")  # p 0.5, r 2/3
    agg = metrics.aggregate([perfect, half])
    p, r = (1 + 0.5) / 2, (1 + 2 / 3) / 2
    assert agg.precision == pytest.approx(p)
    assert agg.recall == pytest.approx(r)
    assert agg.f1 == pytest.approx(2 * p * r / (p + r))
    assert agg.accuracy == pytest.approx(0.5)


def test_score_treats_missing_prediction_as_empty():
    result = metrics.score({"x": "a b c d e", "y": "p q r s t"}, {"x": "a b c d e"})
    assert result.pages == 2
    assert result.precision == pytest.approx(0.5)
