"""Content fingerprints: an exact hash, and MinHash band hashes for near copies.

Syndicated copies of one story differ by junk lines, truncation ("Continue
reading…") and small rewordings, so an exact hash only finds the identical
ones. Near copies are found in two steps: band hashes of MinHash signatures
(locality-sensitive hashing, looked up in the database) give a few
candidates; the candidates are then verified on the word shingles
themselves, by how much of the shorter text the longer one contains.

Two signatures per text:
- "body": all the shingles of the text. Finds rewrapped and lightly
  reworded copies (Jaccard similarity around 0.4 and up).
- "lead": the shingles of the first LEAD_WORDS words. A truncated copy has a
  low Jaccard similarity with the full text (a third of it shares a third of
  the shingles), but it starts the same way.

Everything here is pure and deterministic: fixed seed, fixed number of
permutations, fixed hash functions. Changing any constant below changes the
stored band hashes, so they are constants, not settings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.minhash import _fmix

_WORD = re.compile(r"\w+", re.UNICODE)

SHINGLE_WORDS = 4  # a changed word breaks 4 shingles, not 5: kinder to rewordings
NUM_PERM = 128
SEED = 20240611
SCHEME = "affine32"
BODY_BANDS, BODY_ROWS = 32, 4  # 50% candidate chance near Jaccard 0.42
LEAD_WORDS = 60
LEAD_BANDS, LEAD_ROWS = 16, 4  # uses the first 64 permutations of the lead signature
LEAD_BAND_OFFSET = 1000  # lead bands are stored as band 1000..1015, body as 0..31
MIN_SHINGLES = 8  # fewer than this: only the exact hash can group the text

_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def content_hash(text: str) -> str:
    """Same words in the same order → same hash, whatever the spacing or case."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(text_or_words: str | list[str], size: int = SHINGLE_WORDS) -> set[str]:
    """The set of runs of `size` consecutive words (a shorter text is one shingle)."""
    tokens = words(text_or_words) if isinstance(text_or_words, str) else text_or_words
    if not tokens:
        return set()
    if len(tokens) < size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _shingle_list(tokens: list[str], size: int = SHINGLE_WORDS) -> list[str]:
    """The distinct shingles of `shingles`, in the order they first appear."""
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return list(dict.fromkeys(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)))


def _shingle_hashes(shingle_list) -> np.ndarray:
    """datasketch's default 32-bit hash (the first four bytes of SHA-1, little
    endian) of each shingle: the digests are joined and read as one array."""
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest() for s in shingle_list])
    return np.frombuffer(digests, dtype="<u4")[:: hashlib.sha1().digest_size // 4].astype(np.uint32)


_A, _B = _TEMPLATE.permutations


def _permuted(hash_values: np.ndarray) -> np.ndarray:
    """Each value under each permutation, one row per value: what datasketch's
    MinHash.update_batch computes for the affine32 scheme (its murmur
    finalizer, then a * h + b modulo 2^32), for all shingles at once."""
    return _fmix(hash_values.reshape(-1, 1), 32) * _A + _B


def _signature(permuted: np.ndarray) -> np.ndarray:
    # The minimum over the values does not depend on their order.
    return permuted.min(axis=0)


def minhash_signature(shingle_set: set[str]) -> np.ndarray:
    """MinHash values (NUM_PERM unsigned ints) of a shingle set."""
    return _signature(_permuted(_shingle_hashes(list(shingle_set))))


def _band_hash(values: np.ndarray) -> int:
    digest = hashlib.blake2b(values.astype("<u8").tobytes(), digest_size=8).digest()
    # Signed: SQLite integers are signed 64-bit.
    return int.from_bytes(digest, "little", signed=True)


def band_hashes_of(signature: np.ndarray, bands: int, rows: int, offset: int = 0) -> list[tuple[int, int]]:
    return [(offset + b, _band_hash(signature[b * rows : (b + 1) * rows])) for b in range(bands)]


def band_hashes(text: str) -> list[tuple[int, int]]:
    """(band, hash) pairs to store and look up for a text; empty when it is too short."""
    tokens = words(text)
    body = _shingle_list(tokens)
    if len(body) < MIN_SHINGLES:
        return []
    permuted = _permuted(_shingle_hashes(body))
    pairs = band_hashes_of(_signature(permuted), BODY_BANDS, BODY_ROWS)
    # The lead's shingles are the body's first ones (the body, in order of
    # first appearance, has more than a shingle's words).
    lead = len(_shingle_list(tokens[:LEAD_WORDS]))
    pairs += band_hashes_of(_signature(permuted[:lead]), LEAD_BANDS, LEAD_ROWS, LEAD_BAND_OFFSET)
    return pairs


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set, b: set) -> float:
    """How much of the smaller set the larger one holds (1.0: a prefix copy)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    shared: int


def similarity(a: set, b: set) -> Similarity:
    shared = len(a & b)
    if not a or not b:
        return Similarity(0.0, 0.0, 0)
    return Similarity(shared / len(a | b), shared / min(len(a), len(b)), shared)


def is_same_story(a: set, b: set, min_containment: float = 0.5, min_shared: int = 6) -> bool:
    """Copies of one story, on shingle sets: most of the shorter text is in the longer.

    Two stories on one topic share names and stock phrases ("Mayor Ana Ruiz
    said on Monday"), a few percent of their shingles; a copy shares most of
    its own, even truncated, rewrapped or lightly reworded.
    """
    sim = similarity(a, b)
    return sim.shared >= min_shared and sim.containment >= min_containment
