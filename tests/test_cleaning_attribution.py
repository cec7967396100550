"""Syndication attribution lines, and the source links they name."""

from cleaning.attribution import remove_attribution
from cleaning.pipeline import Page

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays."


def clean(text):
    page = Page()
    return remove_attribution(text, page), page.source_links


def test_label_lines_in_many_languages():
    for line in ["Source link", "Source: Valley Wire", "Fuente: Diario del Valle", "Quelle: Talbote", "Source : AFP",
                 "المصدر: وكالة الأنباء", "News Source: Valley Wire", "resource : Valley Wire", "Source"]:
        assert clean(PARA + "\n" + line)[0] == PARA, line


def test_domain_and_url_become_source_links():
    text, links = clean(PARA + "\nNews Source: valleywire.example")
    assert text == PARA
    assert links == [{"url": "https://valleywire.example/", "text": "valleywire.example", "kind": "text"}]
    text, links = clean(PARA + "\nmore............ https://valleywire.example/story/42")
    assert text == PARA and links[0]["url"] == "https://valleywire.example/story/42"


def test_feed_footers():
    for line in ["The post Pier opens appeared first on Valley Wire.", "Originally published at valleywire.example",
                 "This article was first published in the Valley Wire.", "Read Entire Article",
                 "Our desk translated this news from valleywire.example", "by valleywire.example"]:
        assert clean(PARA + "\n" + line)[0] == PARA, line


def test_glued_label_and_leading_domain():
    assert clean("« Nous sommes prêts », assure le maire.Source")[0] == "« Nous sommes prêts », assure le maire."
    text, links = clean("valleywire.example— " + PARA)
    assert text == PARA and links[0]["url"] == "https://valleywire.example/"


def test_sentences_that_mention_sources_stay():
    for line in ["A source close to the talks said the deal was near.", "The source of the river is in the hills.",
                 "Sources say the mayor will resign.", "He read the article by the lake.",
                 "The site uses Node.js and runs at 2.5 times the speed."]:
        assert clean(line) == (line, [])
