"""Edge furniture found by shape, in several languages, and the article's own
short lines that must stay."""

from cleaning.context import PageContext, Report
from cleaning.furniture import remove_edge_furniture, score_line
from cleaning.words import stop_words

EN = ("The harbour authority said on Friday that the new pier would open in spring after two years of delays.\n"
      "Engineers had found cracks in the old supports, and the council voted to rebuild it from the ground up.")
ID = ("Presiden mengumumkan kenaikan harga bahan bakar minyak mulai dari Pertalite, Solar, dan Pertamax pada hari ini.\n"
      "Harga terbaru itu mulai berlaku pada hari Sabtu pukul 14.30 WIB, kata menteri kepada para wartawan.")
NL = ("De gemeenteraad heeft dinsdag besloten dat de nieuwe brug in het voorjaar open gaat na twee jaar vertraging.\n"
      "Volgens de wethouder waren er scheuren gevonden in de oude pijlers, en daarom moest alles opnieuw worden gebouwd.")
RU = ("Министр заявил во вторник, что переговоры с другой стороной будут продолжаться столько, сколько потребуется.\n"
      "По его словам, стороны договорились встретиться снова в начале следующего месяца в столице.")


def clean(text, **page):
    report = Report()
    return remove_edge_furniture(text, PageContext(**page), report), report


def test_a_menu_after_the_article_goes():
    text = ID + "\n\nTags\n\nArtikel Pilihan\n\nTerkait\n\nTerkini\n\nTerpopuler\n\nKabar Daerah"
    cleaned, report = clean(text)
    assert cleaned.strip() == ID
    assert {c.cleaner for c in report.changes} == {"remove_edge_furniture"}


def test_a_share_bar_goes_in_any_wording():
    for body, bar in [(NL, ["Delen via E-mail", "Delen via LinkedIn", "Delen via Twitter", "Delen via Facebook"]),
                      (RU, ["Поделиться в Telegram", "Поделиться в VK", "Поделиться в OK"])]:
        cleaned, _report = clean(body + "\n\n" + "\n\n".join(bar))
        assert cleaned.strip() == body


def test_labels_and_tickers_go():
    text = EN + "\n\nPage:\n\nEditor: Jane Roe\n\nSource: Harbour Desk"
    assert clean(text)[0].strip() == EN
    # Alone, a credit is the article's: "Contributing: Jane Roe".
    assert clean(EN + "\nContributing: Jane Roe")[0] == EN + "\nContributing: Jane Roe"
    ticker = "EUR/USD 1.0832 +0.12%\nBTC 64,210.5 −1.8%\nBrent 82.10 ▲0.6%"
    assert clean(EN + "\n" + ticker)[0].strip() == EN


def test_the_articles_own_short_lines_stay():
    kept = [
        EN + "\nHe said he would be back.",  # a short last sentence
        "Published: APRIL 13, 2022\n" + EN,  # a date stamp above
        "Gilad Gamlieli\n" + EN,  # a byline above
        EN + "\nThe Major Role of Social Media\n" + EN,  # a sub-heading between paragraphs
        EN + "\n1) Flour\n2) Eggs\n3) Sugar\nhttp://shop.example/a\nhttp://shop.example/b",  # the article's list
        EN + "\n— Reuters",
        "Short note only",  # no paragraph to measure the edges from
    ]
    for text in kept:
        assert clean(text)[0] == text


def test_lines_in_prose_score_nothing():
    stop = stop_words("en")
    assert score_line("He said the talks would go on.", stop) == 0
    assert score_line("***", stop) == 0
    assert score_line("Artikel Pilihan Terkait", stop_words("id")) >= 3
    assert score_line("Sunday, July 13, 2025", stop) <= 2
