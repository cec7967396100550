"""Language detection: langdetect, seeded, on a bounded sample, with a floor.

langdetect is random unless seeded, raises on text without letters, and is
unreliable on short text; below the thresholds the answer is "und", or the
page's own declared language when it has one.

Paragraph level: `detect_paragraph_languages` finds paragraphs written in
another language than the article (a theme's widget in the site's language,
an untranslated leftover). It only reports them; whether to drop them is the
cleaners' policy.
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
    # Paragraphs: shorter ones are not judged (langdetect guesses wildly on a
    # line), a foreign verdict needs a high probability, and only the first
    # `max_paragraphs` are looked at so a long article costs a bounded time.
    paragraph_min_chars: int = 60
    paragraph_min_prob: float = 0.90
    paragraph_sample_chars: int = 600
    max_paragraphs: int = 40


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


def normalize_hint(hint: str | None) -> str | None:
    """"en-US", "pt_BR" → "en", "pt"; anything that is not a language code → None."""
    code = (hint or "").strip().lower().replace("_", "-").split("-")[0]
    if len(code) in (2, 3) and code.isalpha() and code.isascii() and code not in ("und", "mul", "zxx"):
        return code
    return None


def detect_language(
    text: str, hint: str | None = None, options: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS
) -> tuple[str, float]:
    """Return (ISO 639-1 code or "und", probability)."""
    hint = normalize_hint(hint)
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


def split_paragraphs(text: str) -> list[str]:
    """The cleaned text's paragraphs: one per line, as the cleaners leave them."""
    return [line.strip() for line in (text or "").split("\n")]


def detect_paragraph_languages(
    text: str, article_language: str, options: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS
) -> list[tuple[int, str, float]]:
    """Paragraphs in another language than the article: [(index, code, probability)].

    `index` counts the lines of `text` (blank ones included), so it points
    back at `split_paragraphs(text)[index]`. Nothing is reported for an
    article whose own language is undetermined: there is nothing to differ from.
    """
    article_language = normalize_hint(article_language)
    if not article_language:
        return []
    found: list[tuple[int, str, float]] = []
    judged = 0
    for index, paragraph in enumerate(split_paragraphs(text)):
        if _letters(paragraph) < options.paragraph_min_chars:
            continue
        judged += 1
        if judged > options.max_paragraphs:
            break
        DetectorFactory.seed = 0
        try:
            candidates = detect_langs(paragraph[: options.paragraph_sample_chars])
        except LangDetectException:
            continue
        if not candidates:
            continue
        code = _CODE_MAP.get(candidates[0].lang, candidates[0].lang)
        prob = float(candidates[0].prob)
        if code != article_language and prob >= options.paragraph_min_prob:
            found.append((index, code, round(prob, 4)))
    return found
