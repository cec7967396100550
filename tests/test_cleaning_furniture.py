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


BN = ("নির্বাচন কমিশনার বুধবার রাজধানীতে এক অনুষ্ঠানে বলেছেন, এবারের নির্বাচন হবে একটি গুরুত্বপূর্ণ পরীক্ষা।\n"
      "তিনি আরও বলেন, ভোটের দিন সব কেন্দ্রে পর্যাপ্ত নিরাপত্তা নিশ্চিত করা হবে এবং ফল দ্রুত প্রকাশ করা হবে।")


def test_a_timestamp_above_or_below_the_article_goes_in_any_script():
    for body, stamp in [(ID, "- 3 September 2022, 14:57 WIB"),
                        (BN, "৪:৪৩ অপরাহ্ন, ০৭ জানুয়ারী ২০২৬, বুধবার"),
                        (RU, "Обновлено 12.03.2024 18:05"),
                        (EN, "Mon, 4 March 2024 | 08:15 GMT")]:
        assert clean(stamp + "\n" + body)[0].strip() == body
        assert clean(body + "\n" + stamp)[0].strip() == body


def test_a_dated_line_of_the_article_stays():
    kept = [
        EN + "\nThe vote is set for 12 May 2024 at 10:00.",  # a sentence
        "Published: APRIL 13, 2022\n" + ID,  # a date without a clock
        EN + "\nThe council meets at 10:30 in the town hall on 4 March 2024 to decide",  # many words
        RU + "\n14:57",  # a clock without a date
    ]
    for text in kept:
        assert clean(text)[0] == text


def test_a_link_to_a_whole_site_below_the_article_goes():
    for body in (EN, NL, BN):
        assert clean(body + "\n\nhttps://www.militaire-news.example")[0].strip() == body
    # A document the article cites, and a contact address, stay.
    for tail in ("https://www.harbour.example/report-2024.pdf", "www.harbour-theatre.example"):
        assert clean(EN + "\n" + tail)[0] == EN + "\n" + tail


def test_a_prompt_to_follow_the_site_on_a_network_goes_below_the_article():
    for body, prompt in [(NL, "Volg Dalbode ook op Google News"), (RU, "Подписывайтесь на наш канал в Telegram"),
                         (BN, "আমাদের ফেসবুক পেজে যুক্ত থাকুন"), (ID, "Ikuti kami di WhatsApp Channel")]:
        assert clean(body + "\n" + prompt)[0].strip() == body
    # Above the article it can be the headline; a sentence or a colon before
    # a quoted post is the article's.
    for text in ["Facebook down for hours\n" + EN, EN + "\nTwitter seemed a bit confused by the campaign:",
                 EN + "\nFollow the debate on YouTube."]:
        assert clean(text)[0] == text


def test_a_line_printed_above_and_below_the_article_is_the_templates():
    for body, tagline in [(NL, "Het laatste nieuws uit de regio, elke dag"), (RU, "Новости вашего города каждый день"),
                          (BN, "সত্যের সন্ধানে প্রতিদিন")]:
        text = f"Dalbode\n{tagline}\n{body}\n{tagline}"
        assert clean(text)[0].strip() == "Dalbode\n" + body
    # The headline printed again at the end is left to the title stage, and a
    # line said once stays.
    for text in ["Pier opens after two years\n" + EN + "\nPier opens after two years",
                 "Dalbode\nHet laatste nieuws\n" + NL]:
        assert clean(text)[0] == text


def test_follow_prompts_as_questions_and_networks_in_other_scripts_go_below_the_article():
    for body, prompt in [(NL, "Volg je Dalbode al op WhatsApp?"), (EN, "Are you on our Telegram channel yet?"),
                         (RU, "Вы уже подписаны на нас в ВКонтакте?"), (BN, "আমাদের গুগল নিউজ ফলো করুন"),
                         (EN, "Bizi Google Haberler'den takip edin"), (EN, "카카오톡 채널 추가")]:
        assert clean(body + "\n" + prompt)[0].strip() == body, prompt
    # A sentence about a network that ends the article stays, and so does a
    # question above it (a headline).
    for text in [EN + "\nThe council will also publish the plans on Facebook.", "Is TikTok safe for children?\n" + EN]:
        assert clean(text)[0] == text


def test_a_timestamp_glued_in_front_of_the_first_paragraph_is_cut():
    bn = ("আসন্ন জাতীয় নির্বাচনকে দেশের দীর্ঘদিনের ভেঙে পড়া নির্বাচনি ব্যবস্থাকে পুনরায় সচল করার একটি "
          "গুরুত্বপূর্ণ প্রয়াস হিসেবে উল্লেখ করেছেন নির্বাচন কমিশনার।")
    de = "Der Bundestag hat am Dienstag das neue Gesetz zur Rente beschlossen, wie die Präsidentin mitteilte."
    id_ = ID.split("\n")[0]
    for stamp, body in [("৪:৪৩ অপরাহ্ন, ০৭ জানুয়ারী ২০২৬, বুধবার", bn), ("Dienstag, 12.03.2024, 08:15 Uhr", de),
                        ("Sabtu, 3 September 2022 14:30 WIB", id_), ("9:05 p.m. Oct 3, 2024", EN.split("\n")[0])]:
        cleaned, report = clean(f"Headline of the day\n{stamp} {body}\n{RU}")
        assert cleaned == f"Headline of the day\n{body}\n{RU}", stamp
        assert [c.before for c in report.changes] == [stamp]
    # A sentence that opens with a word, or goes on in lower case after the
    # time, is the article's; so is a time inside a later paragraph.
    for text in ["At 14:57 on 3 September 2022 the earthquake struck the old town, killing dozens of people.\n" + RU,
                 "14:57, 3 September 2022 was the moment the earthquake struck the old town, killing dozens.\n" + RU,
                 EN + "\n14:57, 3 September 2022 The second quake followed, smaller than the first one that day."]:
        assert clean(text)[0] == text


def test_a_date_and_source_stamp_at_the_edges_goes():
    for stamp, body in [("Reuters | 12 March 2024", EN), ("12 марта 2024 | ТАСС", RU), ("12 maart 2024 | ANP", NL),
                        ("2024年3月12日 新华社", EN), ("১২ মার্চ ২০২৪ | বাসস", BN), ("12 de março de 2024 | Lusa", EN),
                        ("12 במרץ 2024 | וואלה", EN)]:
        assert clean(f"{stamp}\nPier opens after two years\n{body}")[0] == f"Pier opens after two years\n{body}", stamp
        assert clean(f"{body}\n{stamp}")[0].strip() == body, stamp
    # Below the headline it is the article's byline; a headline with a date,
    # a list of dated items, a quoted post's signature and a range stay.
    for text in ["Pier opens after two years\nAhraminfo, Mardi, 07 mai 2024\n" + EN,
                 "12 March 2024: council approves the pier\n" + EN,
                 EN + "\nJune 9 -- Coral Sky Amphitheatre, West Palm Beach\nJune 10 -- Credit Union Amphitheatre, Tampa",
                 EN + "\n— Rep. Ann Lee (@annlee) November 19, 2019",
                 EN + "\n2018.04.05 ~ OPEN RUN"]:
        assert clean(text)[0] == text, text
