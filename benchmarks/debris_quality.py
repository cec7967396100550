"""Debris repair on clean text with debris put in: does a repair rule generalise?

The dev set holds a few dozen debris checks, and its tuning half passes all
of them, so it can no longer show what a rule misses. This benchmark makes
its own: it takes clean text the rules were not written from line by line —
the truth bodies of `benchmarks/news-pages/` (16 languages) and of
`benchmarks/article-extraction/` — and puts one kind of debris into chosen
sentences, with a fixed random seed:

  doubled/*    a word said twice; a phrase of 2–6 words said twice at the
               start or the end of a sentence
  glue/*       words run together lower→Upper, across a quote mark or a
               bracket, after a sentence's full stop, after a comma
  capital      a lower-case word capitalised mid-sentence
  hyphen/*     a compound's hyphen spaced ("a - b"); a word broken at a line
               end ("infor-\\nmation") or with a space ("infor- mation")
  markup/*     CDATA around a sentence, a tag, an escaped tag, a WordPress
               shortcode
  escape/*     "_x000D_" after a sentence, a character as "\\u00e9" or as
               "u00e9" (the backslash lost)
  entity/*     a character as a named, a numeric, a doubly escaped entity
  mojibake/*   the sentence's UTF-8 read as Windows-1252, Latin-1, -1250,
               -1251, -1253, -1256, cp874, or read as Windows-1252 twice
  joiner/*     zero-width (non-)joiners removed, or made spaces (only where
               a sentence has them: Persian, Indic scripts)
  bidi         bidi marks around a word

Then it runs the page function's text path (`cleaning.page.process_text`)
on each damaged body and counts, per kind and per language and script:
  repaired   the original sentence is in the output (white space folded)
  left       the injected damage is still there
  changed    of the sentences left untouched in the same bodies, the share
             not in the output as they were (false repairs)
Only sentences the cleaners keep as they are when the body is clean are used.

Halves, as in the other benchmarks: news pages by publisher (an even first
byte of the SHA-256 of its name is tuning, benchmarks/metadata_quality.py),
extraction pages by the first hex digit of the page id (0-7 tuning, 8-f
unseen, benchmarks/extraction_quality.py). Rules are written from the tuning
half; `--misses` lists the tuning half's only.

Usage: python benchmarks/debris_quality.py [--json] [--misses] [--sample N]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import html.entities
import json
import os
import random
import re

import regex
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code pages)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleaning.page import process_text  # noqa: E402

SEED = 20240909
HALVES = ("tuning", "unseen")
# Damaged bodies per clean body, and damaged sentences per body (each in a
# line of its own, so that line rules do not see two kinds at once).
RUNS_PER_BODY = 3
SENTENCES_PER_RUN = 4
MIN_WORDS = 5
MIN_CJK_CHARS = 15

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


# --- material --------------------------------------------------------------


@dataclass
class Body:
    id: str
    material: str
    half: str
    language: str | None
    lines: list[list[str]]  # the body's lines, each a list of sentences

    def text(self, replaced: dict[tuple[int, int], tuple[int, str]] | None = None) -> str:
        """The body, with damaged spans in place ({(line, first): (last, damaged)})."""
        out = []
        for index, sentences in enumerate(self.lines):
            parts, position = [], 0
            while position < len(sentences):
                span = (replaced or {}).get((index, position))
                if span:
                    parts.append(span[1])
                    position = span[0]
                else:
                    parts.append(sentences[position])
                    position += 1
            out.append(" ".join(parts))
        return "\n".join(out)


def split_body(text: str) -> list[list[str]]:
    return [_SENTENCE_END.split(line) for line in (fold(raw) for raw in text.split("\n")) if line]


def load_bodies(shared: Path) -> list[Body]:
    """Both materials; raises FileNotFoundError without them."""
    import extraction_quality
    import metadata_quality

    bodies = []
    pages = shared / "benchmarks" / "news-pages" / "truth.jsonl"
    for line in pages.read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        bodies.append(Body(truth["id"], "news-pages", metadata_quality.split_of(truth["publisher"]),
                           truth.get("language"), split_body(truth["body"])))
    extraction = json.loads((shared / "benchmarks" / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    tuning_digits = extraction_quality.SPLITS["0-7"]
    for key in sorted(extraction):
        half = "tuning" if key[0] in tuning_digits else "unseen"
        bodies.append(Body(key[:12], "article-extraction", half, None, split_body(extraction[key].get("articleBody") or "")))
    return bodies


# Scripts the two materials lack, and the languages of the message
# catalogues that hold them.
CATALOGUE_LANGUAGES = ("el", "th", "fa", "ar", "he", "hi", "bn", "mr", "ta")
CATALOGUE_DIR = Path("/usr/share/locale")
CATALOGUE_SENTENCES = 60
_CATALOGUE_NOISE = re.compile(r"[%{}<>_\n&$@/\\|=*#\[\]()\"'`~^:;0-9A-Za-z]")
_CATALOGUE_END = re.compile(r"[.!?।۔؟]$")


def _catalogue_sentence(text: str, language: str) -> bool:
    if _CATALOGUE_NOISE.search(text):
        return False
    if language == "th":  # no spaces between words, no full stop
        return len(text) >= 25
    return text.count(" ") >= MIN_WORDS - 1 and bool(_CATALOGUE_END.search(text))


def load_catalogue_bodies(directory: Path = CATALOGUE_DIR) -> list[Body]:
    """Translated messages of the machine's own programs (gettext catalogues),
    for Greek, Thai, Persian, Arabic, Hebrew and Indic scripts: one body per
    language and program, three sentences a line; halves by the program's
    name as by a publisher's. Empty where the machine has no catalogues."""
    import gettext
    import hashlib

    bodies = []
    for language in CATALOGUE_LANGUAGES:
        taken = 0
        for path in sorted((directory / language / "LC_MESSAGES").glob("*.mo")):
            if path.name.startswith("iso"):
                continue  # names of countries and languages, no sentences
            try:
                with open(path, "rb") as handle:
                    catalogue = gettext.GNUTranslations(handle)._catalog
            except (OSError, ValueError, UnicodeDecodeError):
                continue
            texts = sorted({fold(t) for k, t in catalogue.items() if k and isinstance(t, str) and _catalogue_sentence(fold(t), language)})
            texts = texts[: CATALOGUE_SENTENCES - taken]
            if len(texts) < 3:
                continue
            taken += len(texts)
            half = "tuning" if hashlib.sha256(path.stem.encode()).digest()[0] % 2 == 0 else "unseen"
            lines = [texts[i : i + 3] for i in range(0, len(texts), 3)]
            bodies.append(Body(f"{language}/{path.stem}", "catalogues", half, language, lines))
            if taken >= CATALOGUE_SENTENCES:
                break
    return bodies


# --- kinds of debris ---------------------------------------------------------
# An injector takes the sentence (and the next one in its line, or None) and
# returns (damaged text, the damage's mark, how many sentences it covers), or
# None when the sentence has no place for this kind. The mark is the damaged
# spot with a little context; it is not in the clean body.

Injected = tuple[str, str, int] | None
Injector = Callable[[str, str | None, random.Random], Injected]


def _tokens(sentence: str) -> list[str]:
    return sentence.split(" ")


def _is_word(token: str) -> bool:
    return bool(token) and all(ch.isalpha() or unicodedata.category(ch) == "Mn" for ch in token)


def _first_changed_token(original: str, damaged: str) -> str:
    known = set(fold(original).split(" "))
    return next((t for t in fold(damaged).split(" ") if t not in known), fold(damaged))


def _doubled_word(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    spots = [i for i, t in enumerate(tokens) if _is_word(t) and len(t) >= 2]
    if not spots:
        return None
    i = rng.choice(spots)
    damaged = tokens[: i + 1] + [tokens[i]] + tokens[i + 1 :]
    return " ".join(damaged), f"{tokens[i]} {tokens[i]}", 1


def _doubled_phrase_start(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    n = rng.randint(2, 6)
    if len(tokens) < n + 2 or not all(_is_word(t) for t in tokens[:n]):
        return None
    phrase = " ".join(tokens[:n])
    return f"{phrase} {sentence}", f"{phrase} {phrase}", 1


def _doubled_phrase_end(sentence, _next, rng) -> Injected:
    match = re.search(r"[.!?。！？]+$", sentence)
    end = match.group(0) if match else ""
    tokens = _tokens(sentence[: len(sentence) - len(end)])
    n = rng.randint(2, 6)
    if len(tokens) < n + 2 or not all(_is_word(t) for t in tokens[-n:]):
        return None
    phrase = " ".join(tokens[-n:])
    return f"{' '.join(tokens)} {phrase}{end}", f"{phrase} {phrase}", 1


def _glue_lower_upper(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    spots = [i for i in range(len(tokens) - 1)
             if _is_word(tokens[i]) and tokens[i][-1].islower() and len(tokens[i + 1]) > 1
             and tokens[i + 1][0].isupper() and tokens[i + 1][1].islower()]
    if not spots:
        return None
    i = rng.choice(spots)
    glued = tokens[i] + tokens[i + 1]
    return " ".join(tokens[:i] + [glued] + tokens[i + 2 :]), glued, 1


def _remove_space(sentence: str, rng: random.Random, pattern: str) -> Injected:
    spots = list(regex.finditer(pattern, sentence))
    if not spots:
        return None
    m = rng.choice(spots)
    space = m.start("space")
    damaged = sentence[:space] + sentence[space + 1 :]
    start = sentence.rfind(" ", 0, space) + 1
    end = sentence.find(" ", space + 1)
    end = len(sentence) if end < 0 else end
    return damaged, damaged[start : end - 1], 1


_QUOTES_OPEN, _QUOTES_CLOSE = "“„«‘\"", "”“»’\""


def _glue_quote(sentence, _next, rng) -> Injected:
    return _remove_space(sentence, rng, rf"\w(?P<space> )[{_QUOTES_OPEN}]\w|\w[{_QUOTES_CLOSE}](?P<space> )\w")


def _glue_bracket(sentence, _next, rng) -> Injected:
    return _remove_space(sentence, rng, r"\w(?P<space> )[(\[]\w|\w[)\]](?P<space> )\w")


def _glue_comma(sentence, _next, rng) -> Injected:
    return _remove_space(sentence, rng, r"[^\W\d_][,،、](?P<space> )[^\W\d_]")


def _glue_sentence(sentence, following, rng) -> Injected:
    if following is None or not re.search(r"[^\W\d_][.!?]$", sentence) or not following[:1].isalpha():
        return None
    return sentence + following, sentence.rsplit(" ", 1)[-1] + following.split(" ", 1)[0], 2


def _capital(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    spots = [i for i in range(1, len(tokens) - 1)
             if _is_word(tokens[i]) and tokens[i].islower() and len(tokens[i]) >= 3
             and tokens[i][0] != tokens[i][0].upper() and not re.search(r"[.!?:;]$", tokens[i - 1])]
    if not spots:
        return None
    i = rng.choice(spots)
    word = tokens[i][0].upper() + tokens[i][1:]
    return " ".join(tokens[:i] + [word] + tokens[i + 1 :]), f"{tokens[i - 1]} {word}", 1


def _spaced_hyphen(sentence, _next, rng) -> Injected:
    spots = list(re.finditer(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])", sentence))
    if not spots:
        return None
    m = rng.choice(spots)
    spaced = f"{m.group(1)} - {m.group(2)}"
    return sentence[: m.start()] + spaced + sentence[m.end() :], spaced, 1


def _broken_word(separator: str) -> Injector:
    def inject(sentence, _next, rng) -> Injected:
        spots = [m for m in re.finditer(r"(?<![\w-])[^\W\d_]{8,}(?![\w-])", sentence) if m.group(0).isalpha()]
        if not spots:
            return None
        m = rng.choice(spots)
        word = m.group(0)
        cut = rng.randint(3, len(word) - 3)
        broken = word[:cut] + separator + word[cut:]
        return sentence[: m.start()] + broken + sentence[m.end() :], broken, 1

    return inject


def _cdata(sentence, _next, rng) -> Injected:
    return f"<![CDATA[{sentence}]]>", "CDATA", 1


def _between_words(sentence: str, rng: random.Random, insert: str) -> Injected:
    tokens = _tokens(sentence)
    if len(tokens) < 3:
        return None
    i = rng.randint(1, len(tokens) - 1)
    return " ".join(tokens[:i] + [insert] + tokens[i:]), insert, 1


def _tag(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    if len(tokens) < 3:
        return None
    if rng.random() < 0.5:
        return _between_words(sentence, rng, rng.choice(("<br>", "<br />", "</p><p>", '<span class="x">')))
    i = rng.randrange(len(tokens))
    tag = rng.choice(("strong", "em", "b", "i"))
    wrapped = f"<{tag}>{tokens[i]}</{tag}>"
    return " ".join(tokens[:i] + [wrapped] + tokens[i + 1 :]), f"<{tag}>", 1


def _escaped_tag(sentence, _next, rng) -> Injected:
    return _between_words(sentence, rng, rng.choice(("&lt;br&gt;", "&lt;br /&gt;", "&amp;lt;br&amp;gt;")))


def _shortcode(sentence, _next, rng) -> Injected:
    number = rng.randint(100, 99999)
    opening = f'[caption id="attachment_{number}" align="alignnone" width="{rng.choice((300, 640, 1024))}"]'
    return f"{opening}{sentence}[/caption]", "[/caption]", 1


def _office_escape(sentence, _next, rng) -> Injected:
    return sentence + "_x000D_", "_x000D_", 1


def _non_ascii_spots(sentence: str) -> list[int]:
    return [i for i, ch in enumerate(sentence) if not ch.isascii() and ord(ch) < 0x10000 and unicodedata.category(ch)[0] in "LPS"]


def _json_escape(bare: bool) -> Injector:
    def inject(sentence, _next, rng) -> Injected:
        spots = _non_ascii_spots(sentence)
        if not spots:
            return None
        i = rng.choice(spots)
        escape = ("" if bare else "\\") + f"u{ord(sentence[i]):04x}"
        return sentence[:i] + escape + sentence[i + 1 :], escape, 1

    return inject


def _entity(form: str) -> Injector:
    def inject(sentence, _next, rng) -> Injected:
        spots = [i for i in _non_ascii_spots(sentence) if ord(sentence[i]) in html.entities.codepoint2name]
        spots = spots or [i for i, ch in enumerate(sentence) if ch in "&'\""]
        if not spots:
            return None
        i = rng.choice(spots)
        code = ord(sentence[i])
        name = html.entities.codepoint2name.get(code)
        if form == "named":
            if not name:
                return None
            entity = f"&{name};"
        elif form == "numeric":
            entity = f"&#{code};" if rng.random() < 0.7 else f"&#x{code:x};"
        else:
            entity = f"&amp;{name};" if name else f"&amp;#{code};"
        return sentence[:i] + entity + sentence[i + 1 :], entity, 1

    return inject


def _mojibake(*codecs: str) -> Injector:
    def inject(sentence, _next, rng) -> Injected:
        if sentence.isascii():
            return None
        damaged = sentence
        for codec in codecs:
            damaged = damaged.encode("utf-8").decode(codec, errors="replace")
        if "\ufffd" in damaged or damaged == sentence:
            return None
        return damaged, _first_changed_token(sentence, damaged), 1

    return inject


# A joiner inside a word (an emoji sequence's joiner is no spelling).
_JOINER = regex.compile(r"(?<=\p{L}\p{M}*)[\u200c\u200d](?=\p{L})")


def _joiner(replacement: str) -> Injector:
    def inject(sentence, _next, rng) -> Injected:
        if not _JOINER.search(sentence):
            return None
        damaged = _JOINER.sub(replacement, sentence)
        return damaged, _first_changed_token(sentence, damaged), 1

    return inject


def _bidi(sentence, _next, rng) -> Injected:
    tokens = _tokens(sentence)
    i = rng.randrange(len(tokens))
    opening, closing = rng.choice((("\u200e", "\u200e"), ("\u200f", ""), ("\u202b", "\u202c"), ("\u2067", "\u2069")))
    marked = f"{opening}{tokens[i]}{closing}"
    return " ".join(tokens[:i] + [marked] + tokens[i + 1 :]), marked, 1


KINDS: dict[str, Injector] = {
    "doubled/word": _doubled_word,
    "doubled/phrase-start": _doubled_phrase_start,
    "doubled/phrase-end": _doubled_phrase_end,
    "glue/lower-upper": _glue_lower_upper,
    "glue/quote": _glue_quote,
    "glue/bracket": _glue_bracket,
    "glue/comma": _glue_comma,
    "glue/sentence": _glue_sentence,
    "capital": _capital,
    "hyphen/spaced": _spaced_hyphen,
    "hyphen/line-break": _broken_word("-\n"),
    "hyphen/broken-spaced": _broken_word("- "),
    "markup/cdata": _cdata,
    "markup/tag": _tag,
    "markup/escaped-tag": _escaped_tag,
    "markup/shortcode": _shortcode,
    "escape/office": _office_escape,
    "escape/json": _json_escape(bare=False),
    "escape/json-bare": _json_escape(bare=True),
    "entity/named": _entity("named"),
    "entity/numeric": _entity("numeric"),
    "entity/double": _entity("double"),
    "mojibake/cp1252": _mojibake("sloppy-windows-1252"),
    "mojibake/latin-1": _mojibake("latin-1"),
    "mojibake/cp1250": _mojibake("sloppy-windows-1250"),
    "mojibake/cp1251": _mojibake("sloppy-windows-1251"),
    "mojibake/cp1253": _mojibake("sloppy-windows-1253"),
    "mojibake/cp1256": _mojibake("sloppy-windows-1256"),
    "mojibake/cp874": _mojibake("sloppy-cp874"),
    "mojibake/double": _mojibake("sloppy-windows-1252", "sloppy-windows-1252"),
    "joiner/stripped": _joiner(""),
    "joiner/spaced": _joiner(" "),
    "bidi": _bidi,
}
# Joiners are lost for a whole text upstream, not in one sentence (and the
# repair rightly trusts a text that has some): these kinds damage every
# sentence of a body that has a place for them, in a run of their own.
WHOLE_BODY_KINDS = frozenset({"joiner/stripped", "joiner/spaced"})


# --- running -------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    body: Body
    original: str
    damaged: str
    mark: str
    script: str
    covered: int = 1
    repaired: bool = False
    left: bool = False
    output_line: str = ""


@dataclass
class Result:
    cases: list[Case] = field(default_factory=list)
    untouched: dict[str, list[int]] = field(default_factory=lambda: {half: [0, 0] for half in HALVES})


def script_of(text: str) -> str:
    counts = Counter(unicodedata.name(ch, "?").split(" ", 1)[0] for ch in text if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else "-"


def cleaned(text: str) -> tuple[str, str | None, list[str]]:
    record = process_text(text)
    whole = f"{record.title}\n{record.text}" if record.title else record.text
    return fold(whole), record.language, whole.split("\n")


def _eligible(sentence: str) -> bool:
    if not _WORD.search(sentence):
        return False
    words = sentence.count(" ") + 1
    return words >= MIN_WORDS or (len(sentence) >= MIN_CJK_CHARS and script_of(sentence) in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"))


def run_body(body: Body, rng: random.Random, counts: Counter, result: Result) -> None:
    clean_text = body.text()
    out, language, _lines = cleaned(clean_text)
    body.language = body.language or language
    body_folded = fold(clean_text)
    # Sentences the cleaners keep as they are in the clean body, once in it.
    spots = [(li, si) for li, sentences in enumerate(body.lines) for si, s in enumerate(sentences)
             if _eligible(s) and fold(s) in out and body_folded.count(fold(s)) == 1]
    if not spots:
        return
    for _run in range(RUNS_PER_BODY):
        order = sorted((k for k in KINDS if k not in WHOLE_BODY_KINDS), key=lambda k: (counts[k], rng.random()))
        candidates = spots[:]
        rng.shuffle(candidates)
        _damage_and_score(body, spots, [(kind, candidates) for kind in order], rng, counts, result, body_folded,
                          one_per_line=True)
    for kind in sorted(WHOLE_BODY_KINDS):
        _damage_and_score(body, spots, [(kind, [spot]) for spot in spots], rng, counts, result, body_folded,
                          one_per_line=False)


def _damage_and_score(body: Body, spots: list[tuple[int, int]], picks: list[tuple[str, list[tuple[int, int]]]],
                      rng: random.Random, counts: Counter, result: Result, body_folded: str, one_per_line: bool) -> None:
    """Damage one sentence for each (kind, candidate sentences) pick — the
    first candidate with a place for the kind —, clean the body, score each.
    With `one_per_line`, at most SENTENCES_PER_RUN sentences, each in a line
    of its own."""
    replaced: dict[tuple[int, int], tuple[int, str]] = {}
    cases: list[tuple[Case, tuple[int, int]]] = []
    used_lines: set[int] = set()
    for kind, tries in picks:
        if one_per_line and len(cases) >= SENTENCES_PER_RUN:
            break
        for li, si in tries:
            if (li, si) in replaced or one_per_line and li in used_lines:
                continue
            sentences = body.lines[li]
            following = sentences[si + 1] if si + 1 < len(sentences) else None
            injected = KINDS[kind](sentences[si], following, rng)
            if injected is None:
                continue
            damaged, mark, covered = injected
            if covered > 1 and ((li, si + 1) not in spots or (li, si + 1) in replaced):
                continue
            if not fold(mark) or fold(mark) in body_folded:
                continue
            used_lines.add(li)
            replaced[(li, si)] = (si + covered, damaged)
            original = " ".join(sentences[si : si + covered])
            cases.append((Case(kind, body, original, damaged, mark, script_of(original), covered), (li, si)))
            counts[kind] += 1
            break
    if not cases:
        return
    out_damaged, _language, out_lines = cleaned(body.text(replaced))
    for case, _spot in cases:
        case.repaired = fold(case.original) in out_damaged
        case.left = not case.repaired and fold(case.mark) in out_damaged
        if not case.repaired:
            words = set(case.original.split())
            case.output_line = max(out_lines, key=lambda line: len(words & set(line.split())), default="")
        result.cases.append(case)
    touched = {(li, si + k) for case, (li, si) in cases for k in range(case.covered)}
    for li, si in spots:
        if (li, si) in touched:
            continue
        result.untouched[body.half][1] += 1
        if fold(body.lines[li][si]) not in out_damaged:
            result.untouched[body.half][0] += 1


def measure(bodies: list[Body] | None = None, sample: int | None = None, seed: int = SEED,
            catalogues: bool = True) -> Result:
    """Every case; raises FileNotFoundError without the shared data."""
    if bodies is None:
        bodies = load_bodies(shared_dir()) + (load_catalogue_bodies() if catalogues else [])
    if sample is not None:
        picker = random.Random(seed)
        bodies = [b for half in HALVES for b in picker.sample([b for b in bodies if b.half == half],
                                                              min(sample, sum(b.half == half for b in bodies)))]
    rng = random.Random(seed)
    counts: Counter = Counter()
    result = Result()
    for body in bodies:
        run_body(body, rng, counts, result)
    return result


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 1.0


def summarise(result: Result) -> dict:
    """{half: {"all": {...}, "kinds": {kind: {...}}, "languages": …, "scripts": …, "untouched_changed": …}}."""
    summary: dict = {}
    for half in HALVES:
        cases = [c for c in result.cases if c.body.half == half]
        groups: dict[str, dict[str, list[Case]]] = {"kinds": defaultdict(list), "languages": defaultdict(list),
                                                    "scripts": defaultdict(list), "materials": defaultdict(list)}
        for case in cases:
            groups["kinds"][case.kind].append(case)
            groups["languages"][case.body.language or "und"].append(case)
            groups["scripts"][case.script].append(case)
            groups["materials"][case.body.material].append(case)

        def figures(chosen: list[Case]) -> dict:
            return {"injected": len(chosen), "repaired": _share(sum(c.repaired for c in chosen), len(chosen)),
                    "left": _share(sum(c.left for c in chosen), len(chosen))}

        changed, total = result.untouched[half]
        summary[half] = {"all": figures(cases),
                         **{name: {key: figures(group[key]) for key in sorted(group)} for name, group in groups.items()},
                         "untouched": {"sentences": total, "changed": changed, "rate": _share(changed, total)}}
    return summary


def print_misses(result: Result) -> None:
    """The tuning half's cases not repaired (the unseen half is not shown)."""
    for case in result.cases:
        if case.body.half != "tuning" or case.repaired:
            continue
        state = "left" if case.left else "other"
        print(f"{case.kind:<22} {state:<5} {case.body.language or 'und':<3} {case.body.id}")
        print(f"    want {case.original[:160]!r}")
        print(f"    sent {case.damaged[:160]!r}")
        print(f"    got  {case.output_line[:160]!r}")


def print_summary(summary: dict) -> None:
    for section in ("kinds", "scripts", "languages", "materials"):
        keys = sorted(set(summary["tuning"][section]) | set(summary["unseen"][section]))
        print(f"{section:<22}" + "".join(f"{half + ' n':>12}{'repaired':>10}{'left':>7}" for half in HALVES))
        for key in keys:
            row = f"  {key:<20}"
            for half in HALVES:
                f = summary[half][section].get(key)
                row += f"{f['injected']:>12}{f['repaired']:>10.3f}{f['left']:>7.3f}" if f else f"{'-':>12}{'':>10}{'':>7}"
            print(row)
    row = f"{'all kinds':<22}"
    for half in HALVES:
        f = summary[half]["all"]
        row += f"{f['injected']:>12}{f['repaired']:>10.3f}{f['left']:>7.3f}"
    print(row)
    for half in HALVES:
        u = summary[half]["untouched"]
        print(f"untouched sentences changed, {half}: {u['changed']} of {u['sentences']} ({u['rate']:.2%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", action="store_true", help="list the tuning half's cases not repaired")
    parser.add_argument("--sample", type=int, help="only this many bodies of each half (seeded)")
    args = parser.parse_args(argv)
    try:
        result = measure(sample=args.sample)
    except FileNotFoundError as exc:
        print(f"debris_quality: data not found: {exc} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    if args.misses:
        print_misses(result)
        return 0
    summary = summarise(result)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print_summary(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
