"""Language detection: langdetect, seeded, on a bounded sample, with a floor.

langdetect is random unless seeded, raises on text without letters, and is
unreliable on short text; below the thresholds the answer is "und", or the
page's own declared language when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

UNDETERMINED = "und"


@dataclass(frozen=True)
class LanguageOptions:
    min_chars: int = 80  # letters needed before langdetect is asked at all
    min_prob: float = 0.80
    sample_chars: int = 4000  # long articles cost no more than this


DEFAULT_LANGUAGE_OPTIONS = LanguageOptions()

# langdetect answers "zh-cn"/"zh-tw"; the store keeps ISO 639-1.
_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    # Beginning, middle and end: one junk block cannot decide the language.
    third = size // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def detect_language(
    text: str, hint: str | None = None, options: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS
) -> tuple[str, float]:
    """Return (ISO 639-1 code or "und", probability)."""
    hint = (hint or "").lower() or None
    sample = _sample(text or "", options.sample_chars)
    if _letters(sample) < options.min_chars:
        return (hint, 0.0) if hint else (UNDETERMINED, 0.0)
    # Seeded before every call: the same text always gets the same answer.
    DetectorFactory.seed = 0
    try:
        candidates = detect_langs(sample)
    except LangDetectException:
        return (hint, 0.0) if hint else (UNDETERMINED, 0.0)
    if not candidates:
        return (hint, 0.0) if hint else (UNDETERMINED, 0.0)
    best = candidates[0]
    code = _CODE_MAP.get(best.lang, best.lang)
    prob = float(best.prob)
    if hint:
        # The page's declared language is a prior: when langdetect hesitates
        # between it and another, the declaration wins.
        for cand in candidates:
            if _CODE_MAP.get(cand.lang, cand.lang) == hint and cand.prob >= 0.2:
                return hint, round(max(float(cand.prob), prob if code == hint else 0.0), 4)
    if prob < options.min_prob:
        return (hint, round(prob, 4)) if hint else (UNDETERMINED, round(prob, 4))
    return code, round(prob, 4)
