"""MinHash band hashes, shingles and containment on plain strings."""

from __future__ import annotations

import json
import re

from cleaning.fingerprint import (
    BODY_BANDS,
    LEAD_BAND_OFFSET,
    LEAD_BANDS,
    band_hashes,
    containment,
    content_hash,
    is_same_story,
    jaccard,
    minhash_signature,
    shingles,
    similarity,
)
from cleaning.anchors import anchor_band_hashes, extract_anchors
from tests.conftest import PAGES, golden, module_output_in_another_process

STORIES = PAGES / "stories"


def _text(fixture: str, folder=STORIES) -> str:
    """The paragraphs of a test page, without its markup."""
    html = (folder / fixture).read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    return "\n".join(re.sub(r"<[^>]+>", "", p) for p in paragraphs)


ORIGINAL = _text("dam-original.html")
TRUNCATED = _text("dam-copy-truncated.html")
REWORDED = _text("dam-copy-reworded.html")
DISTRACTOR = _text("farmers-original.html")


def test_content_hash_ignores_spacing_and_case():
    assert content_hash("The  Dam\nholds.") == content_hash("the dam holds")
    assert content_hash("the dam holds") != content_hash("the dam breaks")


def test_shingles_are_word_runs():
    assert shingles("a b c d e") == {"a b c d", "b c d e"}
    assert shingles("too short") == {"too short"}
    assert shingles("") == set()


def test_containment_and_jaccard():
    a, b = {1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8}
    assert containment(a, b) == 1.0  # a is a prefix copy of b
    assert jaccard(a, b) == 0.5
    assert containment(set(), b) == 0.0
    sim = similarity(a, b)
    assert (sim.shared, sim.containment) == (4, 1.0)


# Stored fingerprints of fixed texts (tests/golden/fingerprints.json). The
# store keeps band hashes: if these change, every stored article stops
# matching its new copies, so a change needs a migration that recomputes
# them, and then `python -m tests.test_fingerprint > tests/golden/fingerprints.json`.
GOLDEN_PAGES = ["stories/dam-original.html", "crosslang/storm-ru.html", "crosslang/storm-ar.html"]


def fingerprints() -> dict:
    out = {}
    for fixture in GOLDEN_PAGES:
        text = _text(fixture, PAGES)
        out[fixture] = {
            "content_hash": content_hash(text),
            "bands": [list(pair) for pair in band_hashes(text)],
            "anchor_bands": [list(pair) for pair in anchor_band_hashes(extract_anchors(text))],
        }
    return out


def test_band_hashes_are_the_stored_golden_values():
    assert fingerprints() == golden("fingerprints.json")


def test_band_hashes_are_the_golden_values_in_another_process_with_another_hash_seed():
    assert module_output_in_another_process("tests.test_fingerprint") == golden("fingerprints.json")


def test_bands_are_numbered_and_fit_an_sqlite_integer():
    first = band_hashes(ORIGINAL)
    assert len(first) == BODY_BANDS + LEAD_BANDS
    assert [b for b, _h in first] == list(range(BODY_BANDS)) + list(range(LEAD_BAND_OFFSET, LEAD_BAND_OFFSET + LEAD_BANDS))
    assert all(-(2**63) <= h < 2**63 for _b, h in first)
    # The signature does not depend on the order the shingles come in.
    assert list(minhash_signature(set(sorted(shingles(ORIGINAL), reverse=True)))) == list(minhash_signature(shingles(ORIGINAL)))


def test_signature_is_datasketchs_minhash_of_the_same_shingles():
    from datasketch import MinHash

    from cleaning.fingerprint import NUM_PERM, SCHEME, SEED

    for text in (ORIGINAL, " ".join(reversed(ORIGINAL.split())), "one two three four five"):
        reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        reference.update_batch([s.encode("utf-8") for s in shingles(text)])
        mine = minhash_signature(shingles(text))
        assert mine.dtype == reference.hashvalues.dtype
        assert list(mine) == list(reference.hashvalues)


def test_too_short_text_has_no_bands():
    assert band_hashes("Dam cracks found.") == []


def test_truncated_copy_is_contained_though_jaccard_is_low():
    full, part = shingles(ORIGINAL), shingles(TRUNCATED)
    assert jaccard(full, part) < 0.45
    assert containment(full, part) > 0.85  # the "Continue reading" line is its own
    assert is_same_story(full, part)
    # The lead bands find it even when the body bands might not.
    lead = {pair for pair in band_hashes(ORIGINAL) if pair[0] >= LEAD_BAND_OFFSET}
    assert lead & set(band_hashes(TRUNCATED))


def test_reworded_copy_is_the_same_story():
    a, b = shingles(ORIGINAL), shingles(REWORDED)
    assert is_same_story(a, b)
    assert set(band_hashes(ORIGINAL)) & set(band_hashes(REWORDED))


def test_rewrapped_copy_with_other_junk_is_the_same_story():
    junk = "Share this:\nFacebook\nSubscribe to our newsletter for the morning briefing.\nMost read: five gadgets for summer\n"
    assert is_same_story(shingles(ORIGINAL), shingles(junk + ORIGINAL + "\nAll rights reserved."))


def test_same_names_same_day_different_story_is_apart():
    a, b = shingles(ORIGINAL), shingles(DISTRACTOR)
    sim = similarity(a, b)
    assert sim.shared > 0  # they do share names and stock phrases
    assert sim.containment < 0.2
    assert not is_same_story(a, b)


if __name__ == "__main__":
    # One (band, hash) pair a line.
    print(re.sub(r"\[\s+(-?\d+),\s+(-?\d+)\s+\]", r"[\1, \2]", json.dumps(fingerprints(), indent=1)))
