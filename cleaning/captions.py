"""Image captions that leaked into the body.

A line is a caption when it ends in a photo or agency credit ("(AFP)",
"© Name, AGENCY", "(Credit: AFP Photo/…)", "Photo: AP", "/ Reuters"), when
it is labelled "Caption:", or when it repeats a caption the markup gave
(``page.known_captions``) or the alt text of one of the article's images
(``page.image_alts``). Captions move to ``report.captions``.

Only the credit *at the end of a short line* marks a caption: a paragraph
that merely cites an agency ("…, the governor told Anadolu.") is article
text. A body that is nothing but a captioned photo keeps it.
"""

from __future__ import annotations

import functools
import re

from cleaning.boilerplate import normalize_phrase
from cleaning.context import PageContext, Report, shorten
from cleaning.lexicon import data_lines

MAX_CAPTION = 450
# Below this much other text, a caption is the article itself.
MIN_OTHER_TEXT = 150


@functools.cache
def credit_pattern() -> re.Pattern:
    names = sorted(data_lines("agencies.txt") + data_lines("credit_calques.txt"), key=len, reverse=True)
    # Case matters: "(EPA)" is a credit, "(ePA)" an abbreviation in a sentence.
    agency = "(?-i:" + "|".join(re.escape(name) for name in names) + ")"
    label = r"(?:photo|photos|foto|fotos|picture|image|credit|crédit|crédito|credito|bild|fotoğraf|صورة|фото)"
    parts = [
        # (AFP), (Reuters), (AFP Photo/Name), (Photo: AP), (Crédit : AFP Photo/Name)
        r"\(\s*(?:" + label + r"\s*:?\s*)?" + agency + r"(?:\s*(?:photo|/|via|-)[^()]{0,60})?\s*\)",
        r"\(\s*" + label + r"\s*:\s*[^()]{1,80}\)",
        # Photo: AP / Foto: EFE / Photo : Name — a credit is a name, so it
        # starts with a capital ("a grim picture: hunger" is prose).
        r"(?<![\w])(?:photo|photos|foto|fotos|credit|crédit|crédito|fotoğraf|صورة|фото)\s*:\s*(?-i:[A-Z\u0600-\u06ff\u0400-\u042f])[^.:()]{0,60}",
        # © Name, AGENCY / © AGENCY
        r"©\s*[^©.]{1,80}",
        # … / AFP, … | Reuters, … - Getty Images
        r"(?:/|\||–|—)\s*" + agency + r"(?:\s+(?:photo|images?|via [^.]{1,40}))?",
    ]
    return re.compile(r"(?:" + "|".join(parts) + r")\s*\.?\s*$", re.IGNORECASE)


_CAPTION_LABEL = re.compile(
    r"^\s*(?:caption|photo caption|légende|leyenda|bildunterschrift|didascalia|legenda|altyazı|keterangan foto|подпись)\s*:\s*\S",
    re.IGNORECASE,
)


# Every credit shape has one of these: a bracket, a label's colon, ©, or
# the slash, bar or dash before an agency.
_CREDIT_MARK = re.compile("[(:©/|–—]")


def _is_credit_caption(line: str) -> bool:
    stripped = line.strip()
    if not 15 <= len(stripped) <= MAX_CAPTION or not _CREDIT_MARK.search(stripped):
        return False
    match = credit_pattern().search(stripped)
    if not match:
        return False
    # The credit must follow a description, not be the whole line.
    return match.start() >= 10


def move_captions(text: str, page: PageContext, report: Report) -> str:
    lines = text.split("\n")
    known = {normalize_phrase(c) for c in page.known_captions if c and len(c.strip()) >= 10}
    # An image's alt text copied into the body reads like a caption; short
    # alts ("Photo", a name) are left alone, a body line could equal them.
    known |= {normalize_phrase(a) for a in page.image_alts if a and len(a.split()) >= 4}
    found = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (known and normalize_phrase(stripped) in known) or _CAPTION_LABEL.match(stripped) or _is_credit_caption(stripped):
            found.append(index)
    if not found:
        return text
    other = sum(len(lines[i].strip()) for i in range(len(lines)) if i not in set(found))
    if other < MIN_OTHER_TEXT:
        return text
    for index in found:
        caption = lines[index].strip()
        report.add_caption(caption)
        report.record("move_captions", "moved", shorten(caption))
    drop = set(found)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)
