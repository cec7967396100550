"""Junk families: the phrase files of ``data/junk/`` and their matcher.

A family is one kind of page furniture — comment forms, "read more" links,
share buttons, ad labels… — in one file, ``data/junk/<family>.txt``, with
its phrases in ``[xx]`` language sections (``[*]`` for language-neutral
ones) and an ``@apply`` line saying where the family is junk:

  line    the line is junk wherever it stands
  edge    junk only in the short lines above the first paragraph or below
          the last one (section names: "Politics" mid-article is a heading)
  header  a navigation marker: it and the masthead lines above it go
  block   a heading that takes what follows it when that ends the text
          and is small beside the article (a comment form, a paywall box)
  list    a heading that takes the short link titles after it when they
          end the text, or the one title after it when it ends in a colon
  tail    also cut when glued to the end of a paragraph ("… Read more")
  lead    also cut when glued to the start of one ("Advertisement The …")
  field   "Label: value" lines that restate another line (template_fields)

Every language is applied to every page: an English comment form under a
Swahili article is junk too.

Phrases and lines are compared after normalising both the same way: case,
accents, Arabic vowel marks, joiners, punctuation, decorations (arrows,
brackets, bullets, emoji) and numbers are dropped, so "12 Comments »",
"(3) comments" and "COMMENTS:" are all "comments"; a colon stays a token, so
a line-start phrase "editor:*" matches "Editor: Ann Lee" but not "Editor of
the paper, Ann Lee, said". All lookups are dictionary lookups of a line's
normalised words, whatever the number of phrases: no loop over phrases.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from cleaning.lexicon import data_dir

MODES = frozenset({"line", "edge", "header", "block", "list", "tail", "lead", "field"})
# Lines longer than this are prose, never a whole-line phrase.
MAX_LINE_CHARS = 300
# A line-start phrase this long (or of this many words) is specific enough
# to mark a line of any length; a shorter one only a line whose rest is short.
_STRONG_PREFIX_CHARS = 14
_STRONG_PREFIX_WORDS = 3
_SHORT_REST_CHARS = 60
# Longest line split into several phrases ("Share Tweet Pin Email"), and
# the longest phrase such a line is made of.
_MAX_SEGMENTED_WORDS = 10
_MAX_SEGMENT_WORDS = 4


@functools.cache
def _mark_class() -> str:
    """Every combining mark of the Basic Multilingual Plane, as one regex
    class: the vowel signs of Indic scripts are marks, and ``\\w`` alone would
    split "हिन्दी" into pieces."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    letter = rf"(?:[^\W\d_]|[{_mark_class()}])"
    # An apostrophe or hyphen inside a word joins it: "e-mail" = "email".
    joiner = re.compile(rf"['’‘`´ʼ\-‐‑](?<={letter}['’‘`´ʼ\-‐‑])(?={letter})")
    token = re.compile(rf"{letter}+|\d+|:")
    return joiner, token


# Letters written either way on the web: dotless i, Arabic/Persian yeh,
# alef maksura, teh marbuta, kaf. (Accents, Arabic vowel marks and tatweel,
# joiners, soft hyphens and direction marks are dropped: _DROP_CHARS.)
_FOLD = str.maketrans({"ı": "i", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك"})
_FOLDED_CHARS = re.compile("[ıىیةک]")


_ASCII_TOKEN = re.compile(r"[a-z]+|\d+|:")
_ASCII_JOINER = re.compile(r"['`-](?<=[a-z]['`-])(?=[a-z])")
_JOINER_CHARS = re.compile(r"['’‘`´ʼ\-‐‑]")
_DROP_CHARS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u0640\u200b-\u200f\u00ad\ufeff\u2060]")


def normalize_words(text: str) -> tuple[str, ...]:
    """The words of a text as the matcher compares them: folded, without
    numbers and punctuation; a colon is kept as the token ":"."""
    if text.isascii():
        text = text.lower()
        if "'" in text or "-" in text or "`" in text:
            text = _ASCII_JOINER.sub("", text)
        return tuple(t for t in _ASCII_TOKEN.findall(text) if not t.isdigit())
    text = _DROP_CHARS.sub("", unicodedata.normalize("NFKD", text))
    text = unicodedata.normalize("NFC", text).casefold()
    if _FOLDED_CHARS.search(text):
        text = text.translate(_FOLD)
    joiner, token = _patterns()
    if _JOINER_CHARS.search(text):
        text = joiner.sub("", text)
    return tuple(t for t in token.findall(text) if not t.isdigit())


def _unspaced(char: str) -> bool:
    """A letter of a script written without spaces between words: Thai, Lao,
    Myanmar, Khmer, kana, CJK ideographs."""
    code = ord(char)
    return (0x0E00 <= code < 0x0F00 or 0x1000 <= code < 0x10A0 or 0x1780 <= code < 0x1800
            or 0x3040 <= code < 0x3100 or 0x3400 <= code < 0xA000 or 0xF900 <= code < 0xFB00)


def _strip_colons(words: tuple[str, ...]) -> tuple[str, ...]:
    start, end = 0, len(words)
    while start < end and words[start] == ":":
        start += 1
    while end > start and words[end - 1] == ":":
        end -= 1
    return words[start:end]


@dataclass(frozen=True)
class Family:
    name: str
    modes: frozenset[str]
    summary: str = ""


@dataclass(frozen=True)
class Match:
    family: str
    phrase: str
    kind: str  # "exact", "prefix" or "segments"


@dataclass
class PhraseIndex:
    """Normalised phrases of several families, looked up by dictionary."""

    exact: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_exact_words: int = 0
    max_prefix_words: int = 0

    def add(self, phrase: str, family: str) -> bool:
        """Add one phrase as written in a data file; False when it has no words."""
        phrase = phrase.strip()
        prefix = phrase.endswith("*")
        words = normalize_words(phrase[:-1] if prefix else phrase)
        if not prefix:
            words = _strip_colons(words)
        if not words or words == (":",):
            return False
        key = " ".join(words)
        table = self.prefixes if prefix else self.exact
        if family not in table.get(key, ()):
            table[key] = table.get(key, ()) + (family,)
        if prefix:
            self.max_prefix_words = max(self.max_prefix_words, len(words))
        else:
            self.max_exact_words = max(self.max_exact_words, len(words))
        return True

    def _pick(self, families: tuple[str, ...], allowed: frozenset[str] | None) -> str | None:
        for name in families:
            if allowed is None or name in allowed:
                return name
        return None

    def match_words(self, words: tuple[str, ...], allowed: frozenset[str] | None = None,
                    segments: bool = True, segment_allowed: frozenset[str] | None = None) -> Match | None:
        """The family a whole line (as normalised words) belongs to, if any:
        one phrase, a line-start phrase, or (with ``segments``) several whole
        phrases of ``segment_allowed`` (default ``allowed``) side by side."""
        core = _strip_colons(words)
        if not core:
            return None
        key = " ".join(core)
        name = self._pick(self.exact.get(key, ()), allowed)
        if name:
            return Match(name, key, "exact")
        for count in range(min(len(words), self.max_prefix_words), 0, -1):
            head = " ".join(words[:count])
            families = self.prefixes.get(head)
            if not families:
                continue
            name = self._pick(families, allowed)
            # "Photo:*" is a label with its value: a bare "Photo:" is only
            # junk when it is a phrase of its own.
            if words[count - 1] == ":" and count == len(words):
                continue
            if name and self._prefix_fits(words, count, head, key):
                return Match(name, head, "prefix")
        if words[0][:1] and _unspaced(words[0][0]):
            # Scripts written without spaces: a line-start phrase ends inside
            # the first run of letters ("转载自新华社").
            first = words[0]
            for size in range(len(first) - 1, 1, -1):
                name = self._pick(self.prefixes.get(first[:size], ()), allowed)
                if name and self._prefix_fits(words, 1, first[:size], key):
                    return Match(name, first[:size], "prefix")
        if segments:
            plain = tuple(w for w in core if w != ":")
            if 2 <= len(plain) <= _MAX_SEGMENTED_WORDS:
                name = self._segmented(plain, allowed if segment_allowed is None else segment_allowed)
                if name:
                    return Match(name, " ".join(plain), "segments")
        return None

    def longest_prefix(self, words: tuple[str, ...], allowed: frozenset[str] | None = None) -> Match | None:
        """The longest line-start phrase the words begin with, however long
        the rest of the line."""
        for count in range(min(len(words), self.max_prefix_words), 0, -1):
            head = " ".join(words[:count])
            name = self._pick(self.prefixes.get(head, ()), allowed)
            if name:
                return Match(name, head, "prefix")
        return None

    def longest_exact_head(self, words: tuple[str, ...], allowed: frozenset[str] | None = None,
                           min_words: int = 1) -> Match | None:
        """The longest whole phrase (not a line-start one) the words begin
        with, of at least ``min_words`` words, when more words follow it."""
        for count in range(min(len(words) - 1, self.max_exact_words), min_words - 1, -1):
            head = " ".join(words[:count])
            name = self._pick(self.exact.get(head, ()), allowed)
            if name:
                return Match(name, head, "exact")
        return None

    def _prefix_fits(self, words: tuple[str, ...], count: int, head: str, key: str) -> bool:
        # A long sentence that merely starts with a junk word is prose
        # ("Captcha systems are solved by software, …").
        plain = [w for w in words[:count] if w != ":"]
        if len(plain) >= _STRONG_PREFIX_WORDS or len(head) >= _STRONG_PREFIX_CHARS:
            return True
        return len(key) - len(head) <= _SHORT_REST_CHARS or len(head) >= 0.2 * len(key)

    def _segmented(self, words: tuple[str, ...], allowed: frozenset[str] | None) -> str | None:
        """A line made only of whole phrases of one family ("Share Tweet Pin
        Email", "Yorumlar 0 Yorum Var"): that family. Phrases of different
        families side by side ("See more photos") are more likely a heading."""
        limit = min(self.max_exact_words, _MAX_SEGMENT_WORDS)
        candidates: list[str] = []
        for end in range(1, min(len(words), limit) + 1):
            for name in self.exact.get(" ".join(words[:end]), ()):
                if (allowed is None or name in allowed) and name not in candidates:
                    candidates.append(name)
        for name in candidates:
            if self._splits(words, name, limit):
                return name
        return None

    def _splits(self, words: tuple[str, ...], family: str, limit: int) -> bool:
        """Whether the words split into two or more phrases of the family."""
        size = len(words)
        # reachable[i]: words[i:] splits into phrases of the family.
        reachable = [False] * (size + 1)
        reachable[size] = True
        for start in range(size - 1, 0, -1):
            for end in range(start + 1, min(size, start + limit) + 1):
                if reachable[end] and family in self.exact.get(" ".join(words[start:end]), ()):
                    reachable[start] = True
                    break
        return any(
            reachable[end] and family in self.exact.get(" ".join(words[:end]), ())
            for end in range(1, min(size - 1, limit) + 1)
        )

# Where a glued tail may start: after an ellipsis ("… Read more"), after a
# sentence end ("… l’armée.Source"), before a bracketed label ("[Read
# more…]"), after a separator ("… | Read more"), or at any word (kept only
# after a cut-off sentence: "… of the war Read more").
_TAIL_BOUNDARY = re.compile(
    r"(?=[\s.!?。！？؟।…\[(«‹<])(?:"
    r"(?P<ellipsis>(?:\.{3,}|…|\[\s*(?:…|\.{3})\s*\])[\"”’»)]*)\s*"
    r"|(?P<stop>[.!?。！？؟।][\"”’»)\]]*)(?P<space>\s*)"
    r"|(?P<bracket>\s*)(?=[\[(«‹<])"
    r"|\s+(?P<sep>[|–—»›>-]+)\s*"
    r"|(?<=[a-zß-öø-ÿа-яёα-ωά-ώ])(?P<word>\s+)(?=[A-ZÀ-ÖØ-ÞА-ЯЁΑ-ΩΆ-Ώ]))"
)
_KINDS = {"ellipsis": "ellipsis", "space": "stop", "stop": "stop", "bracket": "bracket", "sep": "sep", "word": "word"}
# Where a glued lead may end: a separator, or a word starting in capitals.
_LEAD_BOUNDARY = re.compile(r"\s*(?P<sep>[:|•·–—]|\s-)\s+|(?P<word>\s+)(?=\S)")
_TAIL_WINDOW = 160
_LEAD_WINDOW = 60
# A paragraph keeps at least this much of itself; shorter, the whole line is
# the junk and the whole-line rules decide.
_MIN_KEPT_CHARS = 15
_DECORATION_END = tuple("»›→>…")


@dataclass(frozen=True)
class Cut:
    """A part of a line to remove: ``line[start:end]``."""

    start: int
    end: int
    match: Match


_ASCII_WORD = re.compile(r"[A-Za-z]+(?:['`-][A-Za-z]+)*")


def first_word(text: str) -> str:
    """The first word of a text, normalised as the matcher compares it."""
    head = text[:40]
    if head.isascii():
        found = _ASCII_WORD.search(head)
        return found.group(0).lower().replace("'", "").replace("-", "").replace("`", "") if found else ""
    joiner, token = _patterns()
    found = token.search(joiner.sub("", head) if _JOINER_CHARS.search(head) else head)
    if not found or found.group(0) == ":":
        return ""
    words = normalize_words(found.group(0))
    return words[0] if words else ""


@dataclass(frozen=True)
class Families:
    """Every junk family, and one phrase index over all of them."""

    families: dict[str, Family]
    index: PhraseIndex

    def with_modes(self, *modes: str) -> frozenset[str]:
        return frozenset(name for name, family in self.families.items() if family.modes & set(modes))

    def match_line(self, line: str, allowed: frozenset[str] | None = None, segments: bool = True,
                   segment_allowed: frozenset[str] | None = None) -> Match | None:
        if len(line) > MAX_LINE_CHARS:
            return None
        return self.index.match_words(normalize_words(line), allowed, segments, segment_allowed)

    @functools.cached_property
    def _first_words_cache(self) -> dict[frozenset[str], frozenset[str]]:
        return {}

    def first_words(self, allowed: frozenset[str]) -> frozenset[str]:
        """The first words of the phrases of ``allowed``: a cheap test before
        a match."""
        cache = self._first_words_cache
        if allowed not in cache:
            cache[allowed] = frozenset(
                key.split(" ", 1)[0]
                for table in (self.index.exact, self.index.prefixes)
                for key, names in table.items()
                if allowed.intersection(names)
            )
        return cache[allowed]

    def _starts(self, word: str, allowed: frozenset[str]) -> bool:
        return word in self.first_words(allowed)

    def find_tail(self, line: str, allowed: frozenset[str]) -> Cut | None:
        """A phrase of ``allowed`` glued to the end of a paragraph, after an
        ellipsis, a sentence end, a bracket, a separator or a cut-off
        sentence; the leftmost such tail."""
        start = max(0, len(line.rstrip()) - _TAIL_WINDOW)
        starts = self.first_words(allowed)
        for found in _TAIL_BOUNDARY.finditer(line, start):
            rest_at = found.end()
            if first_word(line[rest_at : rest_at + 40]) not in starts:
                continue
            kind = _KINDS[found.lastgroup]
            if kind == "ellipsis":
                keep_to = found.end("ellipsis")
            elif kind == "stop":
                keep_to = found.end("stop")
            else:
                keep_to = found.start()
            kept = line[:keep_to].rstrip()
            if len(kept) < _MIN_KEPT_CHARS:
                continue
            rest = line[rest_at:]
            words = normalize_words(rest)
            match = self.index.match_words(words, allowed)
            if match is None:
                continue
            # One word after a sentence ("… he said. More") is a tail only when
            # glued to it, or decorated as a link: "More »", "[More…]".
            plain = [w for w in words if w != ":"]
            if len(plain) < 2 and kind != "ellipsis":
                glued = kind == "stop" and not found.group("space")
                if kind == "word" or not (glued or rest.rstrip().endswith(_DECORATION_END)):
                    continue
            return Cut(len(kept), len(line), match)
        return None

    def find_lead(self, line: str, allowed: frozenset[str]) -> Cut | None:
        """A label of ``allowed`` glued to the start of a paragraph: set off by
        a separator, or written in capitals before a capitalised word."""
        if not self._starts(first_word(line), allowed):
            return None
        for found in _LEAD_BOUNDARY.finditer(line, 0, _LEAD_WINDOW):
            head, rest = line[: found.start()], line[found.end() :]
            if len(rest.strip()) < _MIN_KEPT_CHARS or not head.strip():
                continue
            first = rest.lstrip()[:1]
            if first.islower():
                continue
            letters = [ch for ch in head if ch.isalpha()]
            if found.group("sep") is None and not (len(letters) >= 2 and all(ch.isupper() for ch in letters)):
                continue
            match = self.index.match_words(normalize_words(head), allowed, segments=False)
            if match is not None:
                return Cut(0, found.end(), match)
        return None


def parse_family_file(name: str, text: str) -> tuple[Family, dict[str, list[str]]]:
    """A family file's modes, summary and phrases by language section."""
    modes: frozenset[str] = frozenset()
    summary = ""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if not summary and not sections and not modes:
                summary = line.lstrip("# ").strip()
            continue
        if line.startswith("@apply"):
            modes = frozenset(line.split()[1:])
            unknown = modes - MODES
            if unknown:
                raise ValueError(f"junk/{name}.txt: unknown mode {', '.join(sorted(unknown))}")
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"junk/{name}.txt: phrase before any [language] section: {line!r}")
        sections[current].append(line)
    if not modes:
        raise ValueError(f"junk/{name}.txt: no @apply line")
    return Family(name, modes, summary), sections


@functools.cache
def junk_families() -> Families:
    """Every family file of ``data/junk/``, read once per process."""
    families: dict[str, Family] = {}
    index = PhraseIndex()
    # iterdir, not glob: a folder inside a zip (lexicon.data_dir) has no glob.
    for path in sorted((data_dir() / "junk").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".txt") or path.name == "README.txt":
            continue
        family, sections = parse_family_file(path.stem, path.read_text(encoding="utf-8"))
        families[family.name] = family
        for phrases in sections.values():
            for phrase in phrases:
                index.add(phrase, family.name)
    return Families(families, index)


@functools.cache
def phrase_index(phrases: tuple[str, ...], family: str = "source") -> PhraseIndex:
    """An index of a few phrases of one family (a source's own junk lines)."""
    index = PhraseIndex()
    for phrase in phrases:
        index.add(phrase, family)
    return index
