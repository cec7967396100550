"""The ordered list of cleaners and the one call that runs them.

A cleaner is a named function ``(text, page, report) -> text`` that does one
kind of repair: it reads the frozen ``PageContext`` and says what it changed
in the ``Report`` (cleaning/context.py). The order matters and is visible
here: hygiene first (so rules see clean characters), then whole lines —
the site's own learned template, template fields, attribution, site header,
junk, trailing blocks, captions, the title — and last the repairs inside
sentences, which then only see article text.

Cleaning is idempotent: a cleaned text goes through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from cleaning import attribution, boilerplate, captions, furniture, site, titles, translation
from cleaning import text as text_cleaners
from cleaning.context import Change, PageContext, Report


@dataclass
class Cleaned:
    title: str | None
    text: str
    captions: list[str]
    source_links: list[dict]
    changes: list[Change]

    @property
    def source_url(self) -> str | None:
        return self.source_links[0]["url"] if self.source_links else None


Cleaner = Callable[[str, PageContext, Report], str]

TEXT_CLEANERS: list[Cleaner] = [
    # White space and markup first: a tag or a tab inside a mojibake
    # sequence ("Ă<br>", "â€\t") hides it from the encoding repair.
    text_cleaners.strip_invisible,
    text_cleaners.normalize_whitespace,
    text_cleaners.fix_markup,
    text_cleaners.fix_encoding,
    text_cleaners.remove_lost_emoji,
    text_cleaners.normalize_whitespace,
    translation.join_broken_words,
    translation.restore_stripped_joiners,
    # Repairs inside sentences before the line rules, so that a junk line
    # glued to the next word ("Read moreShare") or said twice is seen as
    # the junk it is.
    translation.split_glued_words,
    translation.fix_punctuation_spacing,
    translation.remove_doubled_words,
    translation.lower_midsentence_words,
    translation.join_drop_caps,
    # The site's own template, on lines as the repairs above leave them (as stored).
    site.remove_site_furniture,
    boilerplate.remove_template_fields,
    attribution.remove_attribution,
    boilerplate.remove_site_header,
    boilerplate.remove_junk_lines,
    boilerplate.remove_trailing_blocks,
    boilerplate.remove_foreign_script_tail,
    boilerplate.remove_category_labels,
    captions.move_captions,
    # Before the title is chosen: a widget heading above the headline is not it.
    furniture.remove_edge_furniture,
    titles.split_title,
    titles.remove_title_repeats,
    translation.remove_duplicate_lines,
    translation.unify_name_variants,
    # Again: a line removed above can bring a hyphenated line end next to
    # the rest of its word, which a second cleaning would otherwise join.
    translation.join_broken_words,
    text_cleaners.normalize_whitespace,
]

TITLE_CLEANERS: list[Cleaner] = [
    text_cleaners.fix_encoding,
    text_cleaners.strip_invisible,
    text_cleaners.fix_markup,
    text_cleaners.remove_lost_emoji,
    titles.title_as_one_line,
    titles.strip_site_name,
    site.strip_site_affixes,
    titles.undouble_title,
    translation.split_glued_words,
    translation.fix_title_punctuation_spacing,
    translation.remove_doubled_words,
]


def run_cleaners(text: str, page: PageContext, report: Report, cleaners: list[Cleaner]) -> tuple[str, PageContext]:
    """Run cleaners in order. A title a cleaner reports (found in the body, or
    corrected) becomes the context of the cleaners after it."""
    for cleaner in cleaners:
        text = cleaner(text, page, report)
        found, report.found_title = report.found_title, None
        if found is not None:
            title = clean_title(found.text, page, report) if found.raw else found.text
            raw = tuple(t for t in (page.title, found.text) if t)
            page = replace(page, title=title, raw_titles=page.raw_titles + raw)
    return text, page


def clean_title(title: str, page: PageContext | None = None, report: Report | None = None) -> str:
    """Clean one title: site name and section suffixes, doubling, debris."""
    cleaned, _page = run_cleaners(title, page or PageContext(), report if report is not None else Report(), TITLE_CLEANERS)
    return cleaned


def clean_text(text: str, page: PageContext | None = None) -> Cleaned:
    """Clean one article body (and its title, when the page has one)."""
    page = page or PageContext()
    report = Report()
    if page.title:
        page = replace(page, title=clean_title(page.title, page, report), raw_titles=page.raw_titles + (page.title,))
    if page.extraction_dropped:
        rest = attribution.remove_attribution("\n".join(page.extraction_dropped), page, report)
        for line in rest.split("\n"):
            if line.strip():
                report.record("extract_boilerplate", "removed", line.strip())
    body, page = run_cleaners(text or "", page, report, TEXT_CLEANERS)
    return Cleaned(title=page.title, text=body, captions=report.captions, source_links=report.source_links,
                   changes=report.changes)
