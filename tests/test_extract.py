"""Article extraction on small pages written for these tests."""

from __future__ import annotations

from cleaning.extract import ExtractOptions, extract_article, tidy_body

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the riverside park by twelve hectares, "
    "ending a debate that had lasted for almost three years.",
    "Supporters said the new land would protect the wetland from further building and give "
    "families in the eastern districts a green space within walking distance.",
    "Opponents argued that the purchase price was too high and that the money should have "
    "gone to repairing roads and bridges across the region instead.",
    "The mayor said work on new paths and a visitor centre would begin next spring and "
    "should be finished before the summer holidays of the following year.",
]


def page(
    body_extra: str = "",
    head_extra: str = "",
    html_attrs: str = 'lang="en"',
    paragraphs: list[str] = PARAGRAPHS,
    after_article: str = "",
) -> str:
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html {html_attrs}>
<head>
<meta charset="utf-8">
<title>Council expands riverside park | Example Gazette</title>
<meta property="og:title" content="Council expands riverside park">
<meta property="og:site_name" content="Example Gazette">
<meta property="og:image" content="https://gazette.example/img/park.jpg">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="article:section" content="Local">
<meta property="article:tag" content="parks">
<meta name="description" content="The council voted to expand the riverside park.">
<link rel="canonical" href="https://gazette.example/news/park-expansion">
{head_extra}
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Council expands riverside park</h1>
{text}
{body_extra}
</article>
{after_article}
<footer><p>Example Gazette, 1 Main Street.</p></footer>
</body>
</html>"""


URL = "https://gazette.example/news/park-expansion"


def test_body_is_extracted():
    result = extract_article(page(), URL)
    for p in PARAGRAPHS:
        assert p in result.text
    assert "Home" not in result.text.split("\n")
    assert "1 Main Street" not in result.text


def test_comments_related_and_share_junk_stay_out_of_the_body():
    after = """
<section id="comments" class="comments">
  <h3>Leave a Reply</h3>
  <div class="comment"><p>Great news, I walk there every day with my dog and love it.</p></div>
  <div class="comment"><p>What a waste of money, the roads are falling apart everywhere.</p></div>
</section>
<aside class="related-posts"><h3>Related articles</h3>
  <ul><li><a href="/news/a">Bridge closes for repairs in the old town</a></li>
  <li><a href="/news/b">New bus line opens to the airport next month</a></li></ul>
</aside>
<div class="share-buttons"><a href="https://facebook.com/share">Share on Facebook</a></div>
"""
    body_extra = "<p>Related: Bridge closes for repairs</p><p>Sign up for our newsletter to get the news in your inbox.</p>"
    result = extract_article(page(body_extra=body_extra, after_article=after), URL)
    assert PARAGRAPHS[0] in result.text
    for junk in ("walk there every day", "waste of money", "Leave a Reply", "Bridge closes", "Share on Facebook", "newsletter"):
        assert junk not in result.text


def test_repeated_headline_is_not_body_text():
    assert tidy_body("Council expands park\nFirst paragraph.", "Council Expands Park") == (
        "First paragraph.", ["Council expands park"])
    assert tidy_body("First paragraph.\n3 Comments\nRead more: other story", None) == (
        "First paragraph.", ["3 Comments", "Read more: other story"])


def test_metadata():
    result = extract_article(page(), URL)
    assert result.title == "Council expands riverside park"
    assert result.author == "Jane Reporter"
    assert result.authors == ["Jane Reporter"]
    assert result.publisher == "Example Gazette"
    # The page gives the time and its zone: both are kept.
    assert result.published == "2024-03-05T10:00:00+00:00"
    assert result.site_name == "Example Gazette"
    assert result.image == "https://gazette.example/img/park.jpg"
    assert result.description == "The council voted to expand the riverside park."
    assert "Local" in result.categories
    assert "parks" in result.tags
    assert result.canonical_url == "https://gazette.example/news/park-expansion"
    assert result.url == URL


def _links(html: str, url: str = URL) -> dict[str, str]:
    return {link["kind"]: link["url"] for link in extract_article(html, url).source_links}


def test_source_link_anchor_to_another_host():
    links = _links(page(body_extra='<p><a href="https://origin.example/story/1">Source link</a></p>'))
    assert links["anchor"] == "https://origin.example/story/1"


def test_same_host_attribution_anchor_is_a_source_but_the_page_itself_is_not():
    links = _links(page(body_extra='<p><a href="https://gazette.example/ar/other">Source link</a></p>'))
    assert links["anchor"] == "https://gazette.example/ar/other"
    links = _links(page(body_extra='<p><a href="https://gazette.example/news/park-expansion?utm_source=x">Source link</a></p>'))
    assert "anchor" not in links


def test_same_host_canonical_is_not_a_source():
    links = _links(page(head_extra='<meta property="og:url" content="https://gazette.example/news/park-2">'))
    assert "canonical" not in links and "og:url" not in links


def test_appeared_first_on():
    extra = '<p>The post <a href="https://origin.example/p/9">Park vote</a> appeared first on <a href="https://origin.example/">Origin News</a>.</p>'
    result = extract_article(page(body_extra=extra), URL)
    kinds = [(l["kind"], l["url"]) for l in result.source_links]
    assert ("appeared-first", "https://origin.example/p/9") in kinds
    assert "appeared first on" not in result.text


def test_source_label():
    links = _links(page(body_extra='<p>Source: <a href="https://wire.example/item/5">Wire Service</a></p>'))
    assert links["label"] == "https://wire.example/item/5"


def test_canonical_og_url_and_syndication_meta_to_other_hosts():
    head = """
<meta property="og:url" content="https://mirror.example/park">
<meta name="syndication-source" content="https://first.example/park-story">
<link rel="original-source" href="https://orig.example/park">
"""
    html = page(head_extra=head).replace(
        '<link rel="canonical" href="https://gazette.example/news/park-expansion">',
        '<link rel="canonical" href="https://origin.example/news/park">',
    )
    result = extract_article(html, URL)
    kinds = {(l["kind"], l["url"]) for l in result.source_links}
    assert ("canonical", "https://origin.example/news/park") in kinds
    assert ("og:url", "https://mirror.example/park") in kinds
    assert ("meta", "https://first.example/park-story") in kinds
    assert ("meta", "https://orig.example/park") in kinds
    assert result.canonical_url == "https://origin.example/news/park"


def test_via_box():
    extra = '<div class="via">Via <a href="https://blog.example/entry">Some Blog</a></div>'
    assert _links(page(body_extra=extra))["via"] == "https://blog.example/entry"


def test_non_http_links_are_ignored():
    extra = '<p><a href="javascript:alert(1)">Source</a> <a href="file:///etc/passwd">Original</a></p>'
    assert _links(page(body_extra=extra)) == {}


def test_captions_from_figcaption():
    extra = '<figure><img src="/a.jpg"><figcaption>The wetland at dawn. Photo: J. Reporter</figcaption></figure>'
    result = extract_article(page(body_extra=extra), URL)
    assert result.captions == ["The wetland at dawn. Photo: J. Reporter"]


def test_page_language_from_html_lang():
    assert extract_article(page(html_attrs='lang="de-DE"'), URL).page_language == "de"


def test_page_language_from_og_locale():
    html = page(html_attrs="", head_extra='<meta property="og:locale" content="pt_BR">')
    assert extract_article(html, URL).page_language == "pt"


def test_page_without_language():
    assert extract_article(page(html_attrs=""), URL).page_language is None


def test_navigation_only_page_gives_empty_text():
    html = """<html lang="en"><head><title>Example Gazette</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<div class="menu"><a href="/about">About</a> | <a href="/privacy">Privacy</a></div>
</body></html>"""
    assert extract_article(html, "https://gazette.example/").text == ""


def test_empty_and_non_html_input():
    assert extract_article("", URL).text == ""
    assert extract_article("   ", URL).title is None


def test_body_split_across_containers_is_joined():
    # An ad between two halves of the body, each in its own container of the
    # same class: both halves belong to the article.
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    body = f"""<article><h1>Council expands riverside park</h1><div class="chunks">
<div class="body-part">{first}</div>
<div class="ad-slot"><span>Advertisement</span></div>
<div class="body-part">{second}</div></div></article>"""
    html = page().split("<article>")[0] + body + "</body></html>"
    text = extract_article(html, URL).text
    for p in PARAGRAPHS:
        assert p in text
    assert text.index(PARAGRAPHS[0]) < text.index(PARAGRAPHS[3])


def test_options_can_turn_the_corrections_off():
    extra = "<p>Related: Bridge closes for repairs</p>"
    off = ExtractOptions(join_split_body=False, recall_fallback=False, drop_boilerplate_lines=False)
    assert "Related: Bridge" in extract_article(page(body_extra=extra), URL, off).text
    assert "Related: Bridge" not in extract_article(page(body_extra=extra), URL).text


def test_appeared_first_footer_in_other_languages_is_a_source():
    footers = [
        'La entrada <a href="https://origin.example/p/9">Parque</a> se publicó primero en <a href="https://origin.example/">Origen</a>.',
        'L’article <a href="https://origin.example/p/9">Parc</a> est apparu en premier sur <a href="https://origin.example/">Origine</a>.',
        'Der Beitrag <a href="https://origin.example/p/9">Park</a> erschien zuerst auf <a href="https://origin.example/">Ursprung</a>.',
        'Сообщение <a href="https://origin.example/p/9">Парк</a> появились сначала на <a href="https://origin.example/">Исток</a>.',
    ]
    for footer in footers:
        result = extract_article(page(body_extra=f"<p>{footer}</p>"), URL)
        assert ("appeared-first", "https://origin.example/p/9") in [(l["kind"], l["url"]) for l in result.source_links], footer


def test_translated_from_link_to_the_same_site_is_a_source():
    extra = '<p>Translated from the <a href="https://gazette.example/ar/news/park">Arabic edition of Example Gazette</a></p>'
    links = _links(page(body_extra=extra))
    assert links["translated-from"] == "https://gazette.example/ar/news/park"
    extra = '<p>Traduit de l’<a href="https://gazette.example/ar/news/park">édition arabe</a></p>'
    assert _links(page(body_extra=extra))["translated-from"] == "https://gazette.example/ar/news/park"


def test_link_in_a_sentence_about_translation_is_not_a_source():
    extra = ('<p>The novel was later translated from the German by her son, '
             'and <a href="https://gazette.example/books">our books page</a> has more.</p>')
    assert "translated-from" not in _links(page(body_extra=extra))


def test_image_alts_of_the_article_are_collected():
    extra = ('<img src="/a.jpg" alt="Families walk along the new riverside path">'
             '<img src="/b.jpg" alt="Park"><img src="/c.jpg" alt="">')
    after = '<aside><img src="/ad.jpg" alt="An advert for shoes on sale now"></aside>'
    result = extract_article(page(body_extra=extra, after_article=after), URL)
    assert result.image_alts == ["Families walk along the new riverside path"]


def test_article_markup_is_recognised():
    from cleaning.extract import is_article_page, parse_html

    def page(head="", body="<p>x</p>"):
        return parse_html(f"<html><head>{head}</head><body>{body}</body></html>")

    assert is_article_page(page('<meta property="og:type" content="article">'))
    assert is_article_page(page('<meta property="article:published_time" content="2024-01-01">'))
    assert is_article_page(page(body="<article><p>x</p></article>"))
    assert is_article_page(page('<script type="application/ld+json">{"@type": "NewsArticle"}</script>'))
    assert not is_article_page(page('<meta property="og:type" content="website">'))
    assert not is_article_page(page('<script type="application/ld+json">{"@type": "WebSite"}</script>'))


def test_lines_dropped_by_extraction_are_recorded_and_keep_their_source():
    from cleaning.page import process_page

    html = """<html><head><title>Harbour opens</title></head><body><article><h1>Harbour opens</h1>
<p>The new harbour opened on Monday after three years of work, the port authority said, with berths for twelve ships.</p>
<p>Officials expect traffic to double by next year as shipping lines move their routes to the new quays.</p>
<p>Source: https://wire.example/2024/05/harbour-opens-123</p><p>Share this article</p></article></body></html>"""
    record = process_page(html, "https://copy.example/a")
    # The source named only in the text survives extraction's own line filter.
    assert record.source_url == "https://wire.example/2024/05/harbour-opens-123"
    removed = {(c["cleaner"], c["before"]) for c in record.changes}
    assert ("extract_boilerplate", "Share this article") in removed
    assert "Share this article" not in record.text


_PLACES = ["Kelderwick", "Brennwald", "Skerrholm", "Valderrana", "Port Amsel", "Hollin Point"]


def _card(n: int) -> str:
    place = _PLACES[n]
    return (f'<div class="card"><h3><a href="/news/story-{n}.html">{place} council votes on its harbour plan</a></h3>'
            f"<p>{place}'s council met on Monday to vote on plan number {n}, which would rebuild the old pier and "
            f"widen the ferry quay before the summer season, members said…</p></div>")


def test_a_page_of_teasers_is_not_an_article_and_an_article_with_related_cards_is():
    from cleaning.page import process_page
    from cleaning.record import TEASER_PAGE

    home = f"<html><head><title>Harbour Gazette</title></head><body><h1>Latest</h1>{''.join(_card(n) for n in range(6))}</body></html>"
    assert process_page(home, "https://gazette.example/").rejected == TEASER_PAGE
    body = "".join(f"<p>{sentence}</p>" for sentence in (
        "The harbour council approved the plan to rebuild the old pier on Monday, after two years of debate about its cost.",
        "Work starts in May and should end before the winter storms, the mayor told reporters outside the town hall.",
        "Fishermen welcomed the vote but asked for a temporary quay while the pier is closed, so the boats can land.",
        "The regional government will pay two thirds of the cost, and the town will borrow the rest over twenty years.",
        "Engineers found last year that the wooden piles under the pier had rotted far more than the survey of 2009 showed.",
        "A public meeting on the temporary quay is planned for next week in the school hall, the council said.",
    ))
    article = (f"<html><head><title>Pier to be rebuilt</title></head><body><article><h1>Pier to be rebuilt</h1>{body}"
               f"</article><aside><h2>Related</h2>{''.join(_card(n) for n in range(6))}</aside></body></html>")
    record = process_page(article, "https://gazette.example/news/pier.html")
    assert record.rejected is None and "rebuild the old pier on Monday" in record.text
