"""Page junk: lines, site headers, trailing blocks, category labels."""

from cleaning.boilerplate import (
    remove_category_labels,
    remove_junk_lines,
    remove_site_header,
    remove_template_fields,
    remove_trailing_blocks,
)
from cleaning.context import PageContext, Report

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays and repairs."
PARA2 = "Fishermen welcomed the news but said the fees charged for mooring were still far too high for small boats."


def test_junk_lines_in_many_languages():
    junk = [
        "Continue reading", "Read more...", "Back to top", "Loading...", "Share this article",
        "Seguir leyendo", "Lire la suite", "Weiterlesen", "Leggi tutto", "Leia mais",
        "اقرأ المزيد", "Читать далее", "Devamını oku", "Baca selengkapnya",
        "5 hours ago", "2 Day(s) Ago 👁 310", "Newswire3 days ago", "1,204 views",
        "Category: World", "© Example Daily 2024. All rights reserved", "Published:",
        "Home > World > Europe", "Follow us on Telegram, X and YouTube",
    ]
    text = "\n".join([PARA, *junk, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == "\n".join([PARA, PARA2])


def test_junk_lines_keep_article_lines():
    lines = [
        PARA, "Published: March 3, 2021", "Share prices fell 3% on Monday.", "Search and rescue teams arrived.",
        "Read more about the plan in the report, he said.", "12 people killed", "World leaders met in Rome.",
    ]
    text = "\n".join(lines)
    assert remove_junk_lines(text, PageContext(), Report()) == text


def test_extra_phrases_per_source():
    text = PARA + "\nBrought to you by the Valley Wire desk"
    page = PageContext(extra_phrases=["Brought to you by*"])
    report = Report()
    assert remove_junk_lines(text, page, report) == PARA


def test_inline_junk():
    assert remove_junk_lines(PARA + " Note[Read More...]", PageContext(), Report()) == PARA + " Note"
    assert remove_junk_lines("2024-03-01 09:15A-AA+", PageContext(), Report()) == ""
    assert remove_junk_lines("date 2024-03-01 The council met.", PageContext(), Report()) == "The council met."


def test_feed_name_after_last_sentence():
    line = PARA + " Harbour Daily News - Coast Edition"
    assert remove_junk_lines(line, PageContext(), Report()) == PARA
    quote = "“Stay calm,” he wrote. — Anna Berg"
    assert remove_junk_lines(quote, PageContext(), Report()) == quote


def test_glued_site_and_section_label():
    assert remove_junk_lines("Valley WireWorld News: The storm moved east.", PageContext(), Report()) == "The storm moved east."
    assert remove_junk_lines("Reuters: The storm moved east.", PageContext(), Report()) == "Reuters: The storm moved east."


def test_template_fields():
    text = "Storm hits coast\nTitle : Storm hits coast\nLink : Storm hits coast\n" + PARA + "\nYou are now reading the article Storm hits coast with the link address https://x.example/a"
    assert remove_template_fields(text, PageContext(), Report()) == "Storm hits coast\n" + PARA
    legit = "Title: a new record\n" + PARA
    assert remove_template_fields(legit, PageContext(), Report()) == legit


def test_site_header_before_navigation_marker():
    text = "\n".join(["Skip to content", "Valley Wire", "Local news for the valley", "Menu", "Storm hits coast", PARA])
    assert remove_site_header(text, PageContext(), Report()) == "Storm hits coast\n" + PARA


def test_site_header_slogan_and_logo():
    text = "\n".join(["Valley Wire brings you the latest news from the valley, every day.", "★ Valley • Com ★", "The WireThe Wire", "Storm hits coast", PARA])
    assert remove_site_header(text, PageContext(), Report()) == "Storm hits coast\n" + PARA
    # In the body a slogan-like sentence is article text.
    body = PARA + "\nThe agency brings the latest news to farmers by radio."
    assert remove_site_header(body, PageContext(), Report()) == body


def test_comment_form_block_at_end():
    text = "\n".join([PARA, PARA2, "Leave a Reply", "Your email address will not be published. Required fields are marked *", "Name", "Post Comment"])
    assert remove_trailing_blocks(text, PageContext(), Report()) == PARA + "\n" + PARA2


def test_comment_heading_above_the_article_takes_only_itself():
    text = "\n".join(["Comments", PARA, PARA2, PARA])
    assert remove_trailing_blocks(text, PageContext(), Report()) == "\n".join([PARA, PARA2, PARA])


def test_related_block_at_end_and_read_also_in_middle():
    text = "\n".join([PARA, "Read also:", "Ten things to know about the pier", PARA2, "Related Articles", "Pier fees rise", "Mayor visits harbour"])
    assert remove_trailing_blocks(text, PageContext(), Report()) == PARA + "\n" + PARA2
    assert remove_trailing_blocks(PARA + "\nAlso Read: Ten things to know", PageContext(), Report()) == PARA


def test_related_heading_mid_text_keeps_paragraphs():
    text = "\n".join([PARA, "Related", PARA2 + " " + PARA, PARA])
    assert remove_trailing_blocks(text, PageContext(), Report()) == "\n".join([PARA, PARA2 + " " + PARA, PARA])


def test_next_post_in_capitals_at_end():
    text = "\n".join([PARA, PARA2, PARA, "STORM DAMAGE WORSE THAN FEARED SAYS MAYOR", "STORM DAMAGE WORSE (The mayor said the...)"])
    assert remove_trailing_blocks(text, PageContext(), Report()) == "\n".join([PARA, PARA2, PARA])


def test_category_labels_in_header():
    text = "\n".join(["Storm hits harbour town", "Harbour Storms", PARA + " The harbour storms were the worst storms."])
    assert remove_category_labels(text, PageContext(), Report()) == "Storm hits harbour town\n" + PARA + " The harbour storms were the worst storms."
    byline = "\n".join(["Storm hits harbour town", "Anna Berg", PARA])
    assert remove_category_labels(byline, PageContext(), Report()) == byline
    assert remove_category_labels("Storm hits\nPolitics\n" + PARA, PageContext(categories=["Politics"]), Report()) == "Storm hits\n" + PARA


def test_sentence_that_starts_with_a_junk_word_is_prose():
    prose = [
        "Captcha systems are increasingly solved by software, researchers at the university found.",
        "Subscribers to the regional newspaper complained that deliveries had been late for weeks.",
        "Share prices fell sharply on Monday after the company warned that profits would drop.",
    ]
    junk = "Please follow us on Telegram, X, YouTube and every other network we can think of"
    text = "\n".join([PARA, *prose, junk, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == "\n".join([PARA, *prose, PARA2])


def test_byline_glued_to_a_relative_time_and_a_view_counter():
    junk = [
        "Desk Staff3 hours ago 👁 5111",
        "Staff Writer2 days ago",
        "Redacción1 hora atrás",
        "Redacciónhace 2 días",
        "La Rédactionil y a 3 heures 👁 74",
        "Redaktionvor 3 Stunden 👁 4445",
        "Redazione 3 ore fa",
        "Redação há 3 horas",
        "Редакция3 часа назад 👁 51",
        "Editör 3 saat önce",
        "Redaksi 3 jam yang lalu",
        "المحررمنذ 3 ساعات 👁 5074",
        "منذ 3 ساعات",
    ]
    text = "\n".join([PARA, *junk, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == PARA + "\n" + PARA2


def test_relative_time_inside_a_sentence_stays():
    prose = [
        "Three hours ago the council voted to close the old harbour road until the repairs are finished.",
        "He left 3 days ago to visit his mother in the capital and has not answered his phone since.",
        "Hace 3 horas el consejo municipal aprobó el cierre de la carretera del puerto hasta el verano.",
        "Vor 3 Stunden hat der Gemeinderat die Sperrung der Hafenstraße bis zum Sommer beschlossen.",
    ]
    text = "\n".join([PARA, *prose, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == text


def test_newsletter_prompts_in_ten_languages():
    junk = [
        "Subscribe to our weekly newsletter and get the best stories every Friday.",
        "Suscríbete a nuestro boletín y recibe cada viernes lo mejor.",
        "Inscrivez-vous à notre newsletter et recevez chaque semaine nos meilleurs articles.",
        "Abonnieren Sie unseren Newsletter: jeden Freitag das Beste aus der Region.",
        "Iscriviti alla nostra newsletter per ricevere le notizie della settimana.",
        "Assine nossa newsletter e receba as notícias da semana.",
        "Подпишитесь на нашу рассылку, чтобы получать главные новости недели.",
        "اشترك في النشرة الإخبارية لتصلك أهم الأخبار",
        "Bültenimize abone olun, haftanın haberleri gelsin.",
        "Berlangganan buletin kami untuk berita mingguan.",
    ]
    text = "\n".join([PARA, *junk, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == PARA + "\n" + PARA2


def test_paragraph_about_a_newsletter_stays():
    prose = [
        "Readers who subscribe to our newsletter said in a survey that they wanted more local news, the editor wrote in a long "
        "note on Sunday, adding that the paper would hire two reporters for the valley towns and open a small office near "
        "the harbour next spring.",
        "The mayor said residents could sign up for the council's newsletter at the town hall.",
    ]
    text = "\n".join([PARA, *prose, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == text


def test_newsletter_box_heading_goes_with_its_prompt():
    text = "\n".join([PARA, "The Valley Letter", "Sign up for our newsletter and get the week's best stories.", PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == PARA + "\n" + PARA2
    # A heading above a paragraph stays.
    text = "\n".join([PARA, "The Valley Letter", PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == text


def test_post_navigation_share_prompts_and_metadata_bylines():
    junk = [
        "Posted by admin | 2 hours ago | 134 Views",
        "By Staff · March 3, 2024 · 0 Comments",
        "Tags: water, river, diplomacy",
        "Previous article Floods hit coastal towns",
        "Next article Elections set for June",
        "About the author",
        "Partager cet article",
        "Artículo anterior Lluvias en el norte",
        "Vorheriger Artikel Neue Brücke eröffnet",
        "Предыдущая статья Выборы в мае",
        "شارك هذا المقال",
        "Sonraki haber Seçim takvimi açıklandı",
    ]
    keep = [
        "By Maria Lopez",
        "Next article of the treaty, signed in 1990, covers the fishing rights of both countries on the river.",
    ]
    text = "\n".join([PARA, *junk, *keep, PARA2])
    assert remove_junk_lines(text, PageContext(), Report()) == "\n".join([PARA, *keep, PARA2])


def test_closing_headline_list_in_another_script_is_removed():
    from cleaning.boilerplate import remove_foreign_script_tail

    article = "\n".join([
        "افتتح المجلس البلدي أمس الحديقة العامة الجديدة في وسط المدينة بعد عامين من الأعمال المتواصلة.",
        "وقال رئيس المجلس إن الحديقة ستفتح أبوابها للزوار يوميا من السادسة صباحا حتى العاشرة مساء.",
        "وأضاف أن المشروع شمل زراعة أكثر من ألف شجرة وإنشاء ممرات للدراجات وملعب للأطفال.",
    ])
    tail = ["- Council approves the new harbour budget", "- Storm closes the coastal road for a day"]
    page = PageContext()
    report = Report()
    assert remove_foreign_script_tail("\n".join([article, *tail]), page, report) == article
    assert [c.before for c in report.changes] == [t for t in tail]
    # One foreign line (a signature, a name) and foreign prose stay.
    one = article + "\n- Council approves the new harbour budget"
    assert remove_foreign_script_tail(one, PageContext(), Report()) == one
    prose = article + "\nThe minister said: “We will open more parks next year.”\nShe thanked the workers."
    assert remove_foreign_script_tail(prose, PageContext(), Report()) == prose
    # An English article ending in English headlines is not this cleaner's business.
    english = PARA + "\n" + PARA2 + "\n- Council approves the budget\n- Storm closes the road"
    assert remove_foreign_script_tail(english, PageContext(), Report()) == english


def test_closing_mixed_language_headline_list_is_removed():
    from cleaning.boilerplate import remove_foreign_script_tail

    article = PARA + "\n" + PARA2 + "\nThe council will vote on the plan next month, the mayor said."
    mixed = ["- سوق الخميس يعود إلى ساحته القديمة", "- وزير المياه يتفقد السد", "- Ferry crews meet the mayor"]
    assert remove_foreign_script_tail("\n".join([article, *mixed]), PageContext(), Report()) == article
    # The article's own bullet list, then one foreign line: only a sixth is foreign, all stays.
    own = article + "\n" + "\n".join(f"- Point {n} of the plan" for n in range(5)) + "\n- وزير المياه يتفقد السد"
    assert remove_foreign_script_tail(own, PageContext(), Report()) == own
