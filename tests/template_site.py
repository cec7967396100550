"""A news site whose template repeats lines invented for it: in no phrase
list, in three languages, one of them with a number and a date that change
from page to page, and the site's name before every headline. For the site-template tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import LocalSite

NAME = "Lanternfish Ledger"
FURNITURE = [
    "Lanternfish Ledger: lit by its readers, trimmed by its wick keepers",
    "Die Laternenfisch-Redaktion wünscht allen Deichgängern eine ruhige Flut",
    "Nuestra brújula editorial apunta siempre al faro del Lanternfish",
]
# On two pages only: too few to be learned; a sources file can name it.
RARE = "Gezeitentabelle und Fundsachen im Foyer der Redaktion"
_MONTHS = ["März", "April", "Mai", "Juni", "Juli", "August"]

ARTICLES = [
    ("ferry-pier", "New pier opens for the island ferry", [
        "The island ferry docked at its new concrete pier on Monday morning, ending three years of boarding from a temporary pontoon that swayed in every easterly wind.",
        "Harbour engineer Tomas Rey said the pier rests on forty steel piles driven twelve metres into the clay, deep enough to carry the larger vessel the council plans to buy.",
        "Passengers waiting for the first crossing applauded when the gangway settled without a bump.",
    ]),
    ("orchard-frost", "Late frost spares most of the valley's cherry orchards", [
        "Growers in the upper valley lit smudge pots and ran wind machines through Tuesday night as temperatures fell to two degrees below freezing.",
        "By dawn most blossoms had survived, though the cooperative estimates that a fifth of the early varieties on the northern slopes were lost.",
        "The regional farm office will send inspectors next week to assess claims under the frost insurance scheme.",
    ]),
    ("library-hours", "Central library extends its evening hours", [
        "From the first of next month the central library will stay open until nine on weekdays, two hours later than now, after a survey found most visitors work during the day.",
        "The longer evenings are paid for by closing the branch reading room on Sunday mornings, which drew fewer than ten people on an average week.",
        "Librarian Ada Voss said the study tables on the second floor fill up by six even now.",
    ]),
    ("tram-depot", "Tram depot roof to be replaced before winter", [
        "The corroded steel roof of the eastern tram depot will be stripped and replaced this autumn, the transport authority confirmed after a structural survey.",
        "Trams stabled there will be moved to sidings at the freight yard for the eleven weeks of work, and two early services will start from the yard instead.",
        "The depot, built in 1928, is the oldest building still used by the network.",
    ]),
    ("choir-festival", "Children's choirs fill the cathedral for spring festival", [
        "Fourteen school choirs from across the province sang in the cathedral on Saturday, the largest gathering since the festival began in 1987.",
        "Organisers had to add a second afternoon session when ticket requests passed two thousand within a week of the programme being announced.",
        "The youngest singers, aged seven, opened the evening concert with a round in four parts.",
    ]),
    ("river-gauge", "Flood gauges installed along the lower river", [
        "Twenty automatic water-level gauges now report every five minutes from the bridges and weirs of the lower river, replacing readings taken by hand twice a day.",
        "The data feed a public map that turns amber when the water is within half a metre of the flood walls, giving residents earlier warning than the sirens.",
        "The first gauge was bolted to the railway bridge pillar in February.",
    ]),
]


def edition_line(index: int) -> str:
    # Words around the date that no shape rule reads as a stamp: only the
    # template knows the line.
    return f"Ausgabe {412 + 3 * index} vom {3 + index}. {_MONTHS[index % len(_MONTHS)]} 2024, gesetzt im Hafenarchiv"


def page(index: int) -> str:
    slug, headline, paragraphs = ARTICLES[index]
    first, second, third = paragraphs
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{NAME}: {headline}</title></head>
<body><main><article>
<h1>{NAME}: {headline}</h1>
<p>{FURNITURE[0]}</p>
<p>{first}</p>
<p>{second}</p>
<p>{FURNITURE[1]}</p>
<p>{third}</p>
<p>{FURNITURE[2]}</p>
<p>{edition_line(index)}</p>{f"<p>{RARE}</p>" if index < 2 else ""}
</article></main></body></html>"""


def headlines() -> list[str]:
    return [headline for _slug, headline, _ps in ARTICLES]


def template_lines() -> list[str]:
    return FURNITURE + [edition_line(i) for i in range(len(ARTICLES))]


def paragraphs() -> list[str]:
    return [p for _slug, _headline, ps in ARTICLES for p in ps]


def build_site(site: LocalSite) -> str:
    """The pages and their RSS feed; returns the feed's URL."""
    items = []
    for index, (slug, headline, _paragraphs) in enumerate(ARTICLES):
        site.add(f"/news/{slug}.html", page(index))
        items.append(f"<item><title>{headline}</title><link>{site.url(f'/news/{slug}.html')}</link></item>")
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{NAME}</title><link>{site.url("/")}</link>'
            f'{"".join(items)}</channel></rss>')
    return site.add("/feed.xml", feed, content_type="application/rss+xml")


def write_sources(path: Path, feed_url: str, extra: str = "") -> Path:
    path.write_text(f'[[source]]\nname = "lanternfish"\nfeeds = ["{feed_url}"]\n{extra}\n', encoding="utf-8")
    return path
