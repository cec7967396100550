"""Page junk: lines, site headers, trailing blocks, category labels."""

import pytest

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


def clean_junk(text: str, page: PageContext | None = None) -> str:
    """The junk cleaners in their pipeline order: template fields, site
    header, junk lines, trailing blocks."""
    page = page or PageContext()
    report = Report()
    for cleaner in (remove_template_fields, remove_site_header, remove_junk_lines, remove_trailing_blocks):
        text = cleaner(text, page, report)
    return text


def test_junk_lines_in_many_languages():
    junk = [
        "Continue reading", "Read more...", "Back to top", "Loading...", "Share this article",
        "Seguir leyendo", "Lire la suite", "Weiterlesen", "Leggi tutto", "Leia mais",
        "اقرأ المزيد", "Читать далее", "Devamını oku", "Baca selengkapnya",
        "5 hours ago", "2 Day(s) Ago 👁 310", "Newswire3 days ago", "1,204 views",
        "Category: World", "© Example Daily 2024. All rights reserved", "Published:",
        "Home > World > Europe", "Follow us on Telegram, X and YouTube",
        # Blogger and WordPress core strings as their translations word them.
        "Postare mai veche", "Distribuiți pe Facebook", "Apreciază asta:", "Wrzuć na bloga", "Najnowsze komentarze",
        "رسالة أقدم", "أعجبني هذا:", "পুরাতন পোস্টগুলি", "Поділитися цим:", "Legutóbbi hozzászólások",
        # Blogger's sidebar.
        "Arhivă blog", "Obțineți linkul", "Zgłoś nadużycie", "Szukaj na tym blogu", "Tecnologia do Blogger",
        "Tema Simples. Tecnologia do Blogger.", "Követők", "Lưu trữ Blog", "Dikuasakan oleh Blogger",
    ]
    text = "\n".join([PARA, *junk, PARA2])
    assert clean_junk(text) == "\n".join([PARA, PARA2])
    # A news theme's pager and comment form (which takes what follows it).
    form = ["WIĘCEJ OD AUTORA", "Vă rugăm să introduceți comentariul dvs.!", "Lütfen isminizi buraya giriniz",
            "لطفا نام خود را در اینجا وارد کنید", "Tafadhali weka jina lako hapa"]
    for line in form:
        assert clean_junk("\n".join([PARA, PARA2, line])) == "\n".join([PARA, PARA2]), line


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
    assert clean_junk(text) == "\n".join([PARA, *keep, PARA2])


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


# ---------------------------------------------------------------------------
# Junk families (data/junk/<family>.txt), each in several languages, with the
# article prose around them that must stay as it is.

PROSE = {
    "en": (PARA, PARA2),
    "de": (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis zum Herbst vollständig zu sanieren.",
        "Anwohner begrüßten die Entscheidung, fürchten aber monatelange Umleitungen durch die engen Gassen der Altstadt.",
    ),
    "fr": (
        "Le conseil municipal a voté mardi la rénovation complète du vieux marché couvert, fermé depuis bientôt deux ans.",
        "Les commerçants saluent la décision mais redoutent une longue période de travaux au cœur du centre-ville.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes la reforma completa del mercado central, cerrado desde hace casi dos años.",
        "Los comerciantes celebraron la noticia, aunque temen que las obras se alarguen durante todo el verano.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì il restauro completo del vecchio mercato coperto del centro storico.",
        "I commercianti hanno accolto la notizia con favore, ma temono che i lavori durino per tutta l'estate.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira a reforma completa do antigo mercado, fechado há quase dois anos.",
        "Os comerciantes elogiaram a decisão, mas temem que as obras se prolonguem durante todo o verão.",
    ),
    "ru": (
        "Городской совет во вторник одобрил полную реконструкцию старого крытого рынка, закрытого почти два года назад.",
        "Торговцы приветствовали решение, но опасаются, что ремонт затянется на всё лето и распугает покупателей.",
    ),
    "tr": (
        "Belediye meclisi salı günü, yaklaşık iki yıldır kapalı olan tarihi çarşının baştan sona yenilenmesini onayladı.",
        "Esnaf karardan memnun olduğunu söyledi ancak çalışmaların bütün yaz boyunca sürmesinden endişe ediyor.",
    ),
    "id": (
        "Dewan kota pada Selasa menyetujui renovasi total pasar lama yang sudah ditutup hampir dua tahun terakhir.",
        "Para pedagang menyambut baik keputusan itu, tetapi khawatir pekerjaan akan berlangsung sepanjang musim panas.",
    ),
    "ar": (
        "وافق المجلس البلدي يوم الثلاثاء على الترميم الكامل للسوق القديمة المغلقة منذ نحو عامين في وسط المدينة.",
        "ورحب التجار بالقرار لكنهم أبدوا خشيتهم من أن تستمر أعمال الترميم طوال فصل الصيف وتبعد الزبائن.",
    ),
    "el": (
        "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την πλήρη ανακαίνιση της παλιάς αγοράς, που είναι κλειστή σχεδόν δύο χρόνια.",
        "Οι έμποροι χαιρέτισαν την απόφαση, αλλά φοβούνται ότι οι εργασίες θα διαρκέσουν όλο το καλοκαίρι.",
    ),
}

# Lines of each family that go wherever they stand, between two paragraphs.
LINE_FAMILIES = {
    "back_to_top": {"en": ["Back to top ↑"], "de": ["Nach oben"], "fr": ["Retour en haut de page"], "tr": ["Başa dön"]},
    "share_follow": {
        "en": ["Share this article", "Share Tweet Pin Email", "Follow us on Telegram and X"],
        "es": ["Compartir en Facebook", "Síguenos en Twitter"],
        "ar": ["شارك هذا الخبر", "تابعونا على فيسبوك"],
        "id": ["Bagikan", "Ikuti kami di Google News"],
    },
    "read_more": {
        "en": ["Continue reading →", "[Read the rest of this entry]"],
        "fr": ["Lire la suite…"],
        "ru": ["Читать далее"],
        "tr": ["Haberin devamı için tıklayınız"],
    },
    "newsletter": {
        "en": ["Enter your email address", "You can unsubscribe at any time."],
        "de": ["Newsletter abonnieren", "Sie können sich jederzeit abmelden."],
        "it": ["Iscriviti alla newsletter"],
        "pt": ["Ao se inscrever, você concorda com a nossa política de privacidade."],
    },
    "ads": {
        "en": ["- Advertisement -", "Story continues below advertisement"],
        "fr": ["Publicité"],
        "ru": ["Реклама"],
        "id": ["ADVERTISEMENT", "Scroll untuk melanjutkan membaca"],
    },
    "counters": {
        "en": ["1,204 views", "👁 87", "5 min read", "Loading..."],
        "de": ["Lesezeit: 4 Minuten"],
        "es": ["Tiempo de lectura: 3 minutos"],
        "tr": ["1.245 okunma"],
    },
    "template_fields": {
        "en": ["You have read the article Storm hits coast with the link address https://x.example/a"],
        "id": ["Anda sekarang membaca artikel Badai melanda pantai dengan alamat link https://x.example/a"],
        "fr": ["Vous lisez actuellement l'article Tempête sur la côte"],
    },
    "aggregator_notices": {
        "en": ["Read the full article at the original source", "This post was originally published on this site"],
        "es": ["Leer noticia completa en El Diario del Sur."],
        "ru": ["Читать новость на сайте «Вечерний город»"],
        "de": ["Dieser Artikel erschien zuerst auf Tagesblatt Online."],
    },
    "press_release": {
        "en": ["For more information, please contact the press office.", "Media contact:"],
        "fr": ["Contact presse : Marie Dupont"],
        "de": ["Pressekontakt: Stadtwerke Nord"],
        "es": ["Nota de prensa"],
    },
    "photo_credits": {
        "en": ["Photo: Anna Berg/Valley Wire", "File photo"],
        "fr": ["Crédit photo : Jean Martin"],
        "tr": ["Fotoğraf: AA"],
        "id": ["Foto: Istimewa"],
    },
    "ai_widgets": {
        "en": ["Listen to this article", "Ask about this article"],
        "de": ["Artikel anhören"],
        "es": ["Resumen generado por IA"],
        "pt": ["Ouça esta notícia"],
    },
    "app_prompts": {
        "en": ["Download our app", "Turn on notifications"],
        "ar": ["حمّل التطبيق"],
        "it": ["Scarica la nostra app"],
        "ru": ["Скачайте наше приложение"],
    },
    "empty_labels": {
        "en": ["Updated: 12.05.2024 14:30", "Keywords"],
        "tr": ["Yayınlanma:"],
        "es": ["Fecha:"],
        "de": ["Aktualisiert am 3.4.2024"],
    },
    "skip_search": {
        "en": ["Begin typing your search above and press return to search."],
        "fr": ["Aller au contenu principal"],
        "es": ["¿Qué estás buscando?"],
        "id": ["Ketik kata kunci lalu tekan enter"],
    },
    "copyright": {
        "en": ["© Valley Wire 2025. All rights reserved.", "Privacy Policy"],
        "tr": ["Tüm hakları saklıdır."],
        "es": ["Prohibida su reproducción total o parcial."],
        "ar": ["جميع الحقوق محفوظة"],
    },
}


@pytest.mark.parametrize("family", sorted(LINE_FAMILIES))
def test_line_families_go_wherever_they_stand(family):
    languages = {lang: lines for lang, lines in LINE_FAMILIES[family].items() if lines}
    assert len(languages) >= 3
    for lang, lines in languages.items():
        first, second = PROSE.get(lang, PROSE["en"])
        text = "\n".join([first, *lines, second])
        assert clean_junk(text) == first + "\n" + second, (family, lang)


# Block and list headings: they take what follows them when it ends the text.
BLOCK_FAMILIES = {
    "comments": {
        "en": ["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
               "Comment", "Name *", "Email *", "Website", "Post Comment"],
        "de": ["Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht.", "Kommentar abschicken"],
        "pt": ["Sem comentários:", "Enviar um comentário"],
        "tr": ["Yorumlar 0 Yorum Var", "Bir yanıt yazın", "E-posta adresiniz yayınlanmayacak."],
    },
    "related": {
        "en": ["Related Posts", "Pier fees rise again", "Mayor visits the harbour"],
        "fr": ["À lire aussi", "Le marché rouvre ses portes", "Les travaux du pont commencent"],
        "id": ["Artikel Pilihan", "Terkait", "Terkini", "Terpopuler"],
        "ar": ["اقرأ أيضا", "افتتاح الحديقة الجديدة", "المجلس يناقش الميزانية"],
    },
    "author_boxes": {
        "en": ["About the author", "Anna Berg covers the harbour and the valley towns for the Wire."],
        "es": ["Sobre el autor", "Ana García cubre la información municipal desde 2015."],
        "ru": ["Об авторе", "Иван Петров пишет о городском хозяйстве."],
    },
    "paywall": {
        "en": ["Subscribe to continue reading", "Already a subscriber? Log in", "Only $1 for the first month"],
        "fr": ["Cet article est réservé aux abonnés.", "Déjà abonné ? Se connecter"],
        "de": ["Jetzt abonnieren und weiterlesen", "Bereits Abonnent? Anmelden"],
    },
    "tags_handles": {
        "en": ["Tags", "Harbour", "Fishing"],
        "it": ["Tag: porto, pesca, comune"],
        "ru": ["Теги: порт, рыбаки"],
        "tr": ["Etiketler:", "liman", "balıkçılar"],
    },
}


@pytest.mark.parametrize("family", sorted(BLOCK_FAMILIES))
def test_block_families_take_their_block_at_the_end(family):
    assert len(BLOCK_FAMILIES[family]) >= 3
    for lang, lines in BLOCK_FAMILIES[family].items():
        first, second = PROSE.get(lang, PROSE["en"])
        text = "\n".join([first, second, *lines])
        assert clean_junk(text) == first + "\n" + second, (family, lang)


def test_block_followed_only_by_other_junk_goes():
    for lang, tail in {
        "en": ["Related Articles", "Pier fees rise", "Mayor visits harbour", "Leave a Reply",
               "Your email address will not be published.", "Back to top button", "© Valley Wire 2025"],
        "es": ["Noticias relacionadas", "El mercado reabre", "Deja una respuesta", "Compartir en Facebook", "Volver arriba"],
        "tr": ["İlgili Haberler", "Çarşı yeniden açıldı", "Yorumlar", "Bu haberi paylaş", "Başa dön"],
    }.items():
        first, second = PROSE[lang]
        assert clean_junk("\n".join([first, second, *tail])) == first + "\n" + second, lang


def test_block_heading_in_the_middle_takes_only_itself():
    for lang, heading in {"en": "Related Posts", "de": "Kommentare", "fr": "Lire aussi"}.items():
        first, second = PROSE[lang]
        text = "\n".join([first, heading, second, first])
        assert clean_junk(text) == "\n".join([first, second, first]), lang


# Edge families: junk above the first or below the last paragraph, but a
# sub-heading in the middle of the article.
EDGE_FAMILIES = {
    "breadcrumbs": {
        "en": ["Home Life Style Health", "Politics"],
        "de": ["Startseite", "Politik"],
        "tr": ["Ana Sayfa", "Gündem"],
        "es": ["Inicio", "Deportes"],
    },
    "tickers": {
        "en": ["Breaking", "USD 1.0832 ▲0.12%", "Gold 2,314.50"],
        "ar": ["عاجل", "أسعار العملات"],
        "tr": ["Son Dakika", "Döviz kurları"],
        "fr": ["Météo", "Bourse"],
    },
}


@pytest.mark.parametrize("family", sorted(EDGE_FAMILIES))
def test_edge_families_go_only_at_the_edges(family):
    for lang, lines in EDGE_FAMILIES[family].items():
        first, second = PROSE[lang]
        top = "\n".join([*lines, first, second])
        assert clean_junk(top) == first + "\n" + second, (family, lang)
        middle = "\n".join([first, lines[-1], second])
        assert clean_junk(middle) == middle, (family, lang)


def test_header_markers_take_the_masthead_above_them():
    for lang, header in {
        "en": ["Skip to content", "Valley Wire", "News from the valley", "Menu"],
        "fr": ["Aller au contenu", "Le Journal du Val", "Menu principal"],
        "ru": ["Перейти к содержимому", "Вечерний город", "Меню"],
    }.items():
        first, second = PROSE[lang]
        assert clean_junk("\n".join([*header, first, second])) == first + "\n" + second, lang


def test_template_field_labels_in_several_languages():
    for label in ("Title :", "Judul:", "Titre :", "Başlık:"):
        text = "\n".join(["Storm hits coast", f"{label} Storm hits coast", PARA])
        assert clean_junk(text) == "Storm hits coast\n" + PARA, label
        legit = "\n".join([f"{label} a record year for the harbour", PARA])
        assert clean_junk(legit) == legit, label


# ---------------------------------------------------------------------------
# Matching tolerance


def test_matching_ignores_case_decorations_and_counts():
    junk = [
        "12 Comments", "COMMENTS (3)", "» Comments «", "Views: 1,234", "▶ Read more", "[Continue reading…]",
        "— SHARE —", "•  Share on Facebook  •", "Read More →", "📌 Follow us on Instagram", "Loading…",
        "İLGİLİ HABERLER", "ΣΧΟΛΙΑ", "VOLVER ARRIBA", "Çerezleri kabul et",
    ]
    for line in junk:
        text = "\n".join([PARA, line, PARA2])
        assert clean_junk(text) == PARA + "\n" + PARA2, line


def test_prose_that_starts_like_a_phrase_stays():
    prose = [
        "Share prices fell sharply on Monday after the company warned that profits would drop.",
        "Subscribers to the regional newspaper complained that deliveries had been late for weeks.",
        "Photographers gathered at the pier before dawn to catch the first boats coming in.",
        "Comments made by the minister on Friday angered the union leaders, who called a strike.",
        "Follow-up talks are planned for next week in the capital, the ministry said.",
        "Editor of the Valley Wire for twenty years, Anna Berg said she would retire in May.",
        "Kerja sama Indonesia dan Jepang di bidang perikanan diperluas tahun ini, kata menteri.",
        "Via libera del Senato alla riforma del porto, approvata con un'ampia maggioranza.",
        "Dikutip dari laman resmi kementerian, harga solar naik menjadi Rp6.800 per liter.",
        "Il vous reste deux jours pour vous inscrire aux cours du soir de la mairie.",
    ]
    text = "\n".join([PARA, *prose, PARA2])
    assert clean_junk(text) == text


# ---------------------------------------------------------------------------
# Tails and leads: family phrases glued to a paragraph


def test_read_more_tails_glued_to_a_paragraph_in_several_languages():
    cases = {
        PARA[:-1] + "… Read more": PARA[:-1] + "…",
        PARA + " Continue reading": PARA,
        PARA[:-1] + " [...] Continue Reading »": PARA[:-1] + " [...]",
        PROSE["fr"][0] + " Lire la suite": PROSE["fr"][0],
        PROSE["es"][0][:-1] + "… Leer más »": PROSE["es"][0][:-1] + "…",
        PROSE["ru"][0] + " Читать далее": PROSE["ru"][0],
        PROSE["tr"][0][:-1] + "... Devamını oku": PROSE["tr"][0][:-1] + "...",
        PROSE["id"][0] + " Baca selengkapnya": PROSE["id"][0],
        PROSE["de"][0] + "Weiterlesen": PROSE["de"][0],
    }
    for line, kept in cases.items():
        report = Report()
        assert remove_junk_lines(line, PageContext(), report) == kept, line
        assert report.changes, line


def test_aggregator_tails_name_their_source():
    cases = {
        PROSE["es"][0] + " Leer noticia completa en El Diario del Sur.": PROSE["es"][0],
        PROSE["ru"][0] + " Читать новость на сайте «Вечерний город»": PROSE["ru"][0],
        PROSE["fr"][0] + " Article original": PROSE["fr"][0],
        PARA + " Read the full story at Valley Wire": PARA,
        PROSE["fr"][0][:-1] + ".Source": PROSE["fr"][0],
    }
    for line, kept in cases.items():
        assert remove_junk_lines(line, PageContext(), Report()) == kept, line


def test_sentences_that_end_like_a_tail_stay():
    prose = [
        "The council wants people to read more, the mayor said, and will open two new libraries.",
        "Read more about the plan in the report, he said.",
        "He said the plan would continue. More than 300 boats use the harbour every day.",
        "Les habitants pourront lire la suite du rapport en mairie à partir de lundi prochain.",
        "Why the pier matters to the town. (More)",
    ]
    for line in prose:
        assert remove_junk_lines(line, PageContext(), Report()) == line, line


def test_ad_labels_glued_to_the_start_of_a_paragraph():
    cases = {
        "ADVERTISEMENT " + PARA: PARA,
        "Advertisement: " + PARA: PARA,
        "ANZEIGE " + PROSE["de"][0]: PROSE["de"][0],
        "PUBLICIDAD – " + PROSE["es"][0]: PROSE["es"][0],
        "REKLAM " + PROSE["tr"][0]: PROSE["tr"][0],
    }
    for line, kept in cases.items():
        assert remove_junk_lines(line, PageContext(), Report()) == kept, line


def test_photo_credit_takes_its_caption():
    first, second = PROSE["fr"]
    text = "\n".join([first, "", "Le marché couvert vu depuis la place", "© Jean Martin", "", second])
    report = Report()
    assert "\n".join(line for line in remove_junk_lines(text, PageContext(), report).split("\n") if line) == first + "\n" + second
    assert report.captions == ["Le marché couvert vu depuis la place"]
    # A year or a rights word makes it a copyright line: the line above stays.
    text = "\n".join([first, "Le marché couvert", "© Le Journal 2024", second])
    assert remove_junk_lines(text, PageContext(), Report()) == "\n".join([first, "Le marché couvert", second])


def test_relative_times_in_more_languages():
    junk = ["N1 Info pre 1 sat | N1 Beograd", "2 godziny temu", "3 uur geleden", "acum 2 ore", "3時間前", "3시간 전"]
    text = "\n".join([PARA, *junk, PARA2])
    assert clean_junk(text) == PARA + "\n" + PARA2
    prose = "For 3 hours the crowd waited at the pier for the ferry to come back from the island."
    assert clean_junk(prose) == prose


def test_image_file_names_and_handle_lines():
    junk = ["Harbour_Pier_Header_[S-F].jpg", "IMG_2041.JPG", "@ValleyWire @AnnaBerg", "#harbour #fishing"]
    text = "\n".join([PARA, *junk, PARA2])
    assert clean_junk(text) == PARA + "\n" + PARA2


# ---------------------------------------------------------------------------
# The family files and the matcher's folding

FAMILIES = (
    "comments", "back_to_top", "related", "share_follow", "breadcrumbs", "read_more", "newsletter", "ads",
    "counters", "tickers", "template_fields", "aggregator_notices", "press_release", "photo_credits",
    "ai_widgets", "app_prompts", "paywall", "empty_labels", "skip_search", "copyright", "author_boxes",
    "tags_handles", "disclaimers", "calls_to_action",
)
LANGUAGES = ("en", "ar", "de", "el", "es", "fr", "id", "it", "pt", "ru", "tr")


def test_every_family_file_says_how_it_is_applied_and_covers_the_languages():
    from cleaning.families import MODES, parse_family_file
    from cleaning.lexicon import DATA_DIR

    names = {p.stem for p in (DATA_DIR / "junk").glob("*.txt") if p.name != "README.txt"}
    assert names == set(FAMILIES)
    for name in FAMILIES:
        family, sections = parse_family_file(name, (DATA_DIR / "junk" / f"{name}.txt").read_text(encoding="utf-8"))
        assert family.summary and family.modes <= MODES and family.modes, name
        assert set(LANGUAGES) <= set(sections), (name, set(LANGUAGES) - set(sections))
        for section, phrases in sections.items():
            assert section == "*" or (len(section) == 2 and section.isalpha() and section.islower()), (name, section)
            assert phrases, (name, section)


def test_a_family_file_without_modes_is_refused():
    from cleaning.families import parse_family_file

    with pytest.raises(ValueError, match="no @apply"):
        parse_family_file("bad", "# Bad\n[en]\nread more\n")
    with pytest.raises(ValueError, match="unknown mode"):
        parse_family_file("bad", "# Bad\n@apply everywhere\n[en]\nread more\n")
    with pytest.raises(ValueError, match="before any"):
        parse_family_file("bad", "# Bad\n@apply line\nread more\n")


def test_words_are_folded_the_same_way_in_every_script():
    from cleaning.families import normalize_words

    assert normalize_words("12 Comments »") == normalize_words("comments")
    assert normalize_words("E-MAIL") == normalize_words("email")
    assert normalize_words("Don’t miss") == normalize_words("dont miss")
    assert normalize_words("İLGİLİ HABERLER") == normalize_words("ilgili haberler")
    assert normalize_words("ΣΧΟΛΙΑ") == normalize_words("σχόλια")
    assert normalize_words("إقرأ أيضاً") == normalize_words("اقرأ ايضا")
    assert normalize_words("رئیس‌جمهور") == normalize_words("رئيسجمهور")
    # Vowel signs are part of a word: "हिन्दी" is one word, not four.
    assert normalize_words("हिन्दी समाचार") == ("हिन्दी", "समाचार")
    # The colon stays a word, full-width or not.
    assert normalize_words("作者：张三") == normalize_words("作者: 张三") == ("作者", ":", "张三")


def test_one_word_header_link_alone_does_not_take_the_headline():
    for lang, link in {"en": "Login", "de": "Suche", "es": "Buscar"}.items():
        first, second = PROSE[lang]
        text = "\n".join(["Harbour reopens after the storm", "By Anna Berg", link, first, second])
        assert clean_junk(text) == "\n".join(["Harbour reopens after the storm", "By Anna Berg", first, second]), lang


def test_one_word_block_heading_takes_no_paragraphs():
    for lang, heading in {"en": "Reply", "pt": "Premium", "tr": "Yorum"}.items():
        first, second = PROSE[lang]
        text = "\n".join([first, first, second, heading, second])
        assert clean_junk(text) == "\n".join([first, first, second, second]), lang
        form = "\n".join([first, first, second, heading, "Name", "Email", "Website"])
        assert clean_junk(form) == "\n".join([first, first, second]), lang


# Wordings of the families that themes and widgets use besides the common
# ones: the share widget's "link copied" notice, "only for subscribers",
# reading times with their unit, "was this helpful?" widgets, "skip ad"
# buttons and AI-summary labels, each in several languages and scripts.
MORE_WORDINGS = {
    "share_follow": {"en": ["Link copied to clipboard!"], "ko": ["기사 URL이 복사되었습니다."],
                     "pl": ["Link skopiowany"], "he": ["הקישור הועתק"], "pt": ["Compartilhe esta matéria"]},
    "counters": {"pl": ["Czas czytania: 5 minut"], "hi": ["पढ़ने का समय: 5 मिनट"], "zh": ["阅读时间：5分钟"],
                 "id": ["Dilihat: 1234 kali"], "de": ["War dieser Artikel hilfreich?"], "vi": ["Thời gian đọc: 5 phút"]},
    "ads": {"fr": ["Passer la publicité"], "es": ["Continúa después de la publicidad"],
            "el": ["Το άρθρο συνεχίζεται μετά τη διαφήμιση"], "ja": ["広告をスキップ"]},
    "ai_widgets": {"de": ["KI-generierte Zusammenfassung"], "uk": ["Підсумок згенеровано ШІ"],
                   "hu": ["MI által generált összefoglaló"], "zh": ["AI 摘要"]},
    "newsletter": {"pl": ["Zapisz się do naszego newslettera"], "fa": ["در خبرنامه ما عضو شوید"],
                   "zh": ["订阅我们的新闻通讯"]},
    "aggregator_notices": {"de": ["Den vollständigen Artikel lesen Sie bei Tagesblatt Online"],
                           "ru": ["Читать полностью на «Вечерний город»"], "th": ["อ่านข่าวฉบับเต็มที่ ข่าวสด"]},
    "skip_search": {"bg": ["Направо към съдържанието"], "hi": ["सामग्री पर जाएँ"], "bn": ["বিষয়বস্তুতে যান"]},
    "empty_labels": {"en": ["Posted by admin"], "id": ["Oleh Admin"], "es": ["Publicado por admin"]},
}


@pytest.mark.parametrize("family", sorted(MORE_WORDINGS))
def test_more_wordings_of_the_families(family):
    assert len(MORE_WORDINGS[family]) >= 3
    for lang, lines in MORE_WORDINGS[family].items():
        first, second = PROSE.get(lang, PROSE["en"])
        text = "\n".join([first, *lines, second])
        assert clean_junk(text) == first + "\n" + second, (family, lang)


def test_paywall_notices_in_more_languages_take_the_offer_after_them():
    for lang, notice in {"ru": "Материал доступен только подписчикам", "cs": "Tento článek je dostupný pouze předplatitelům",
                         "he": "הכתבה מיועדת למנויים בלבד", "ko": "이 기사는 유료 회원 전용입니다"}.items():
        first, second = PROSE.get(lang, PROSE["en"])
        text = "\n".join([first, second, notice, "Subscribe"])
        assert clean_junk(text) == first + "\n" + second, lang


def test_prose_about_links_subscribers_and_reading_time_stays():
    for line in (
        "The link between the two cases was copied from an older police report, the court heard on Monday.",
        "Only subscribers of the cable package could watch the match, which angered many fans across the region.",
        "Czas czytania raportu zajął posłom kilka godzin, a debata trwała do późnej nocy w Sejmie.",
        "Материал доступен только подписчикам платной версии, сообщили в пресс-службе издания во вторник вечером.",
    ):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_junk(text) == text, line


def test_a_list_heading_and_the_headline_it_links_on_one_line_go():
    for lang, line in {"fr": "À lire aussi la natalité en baisse dans les campagnes",
                       "de": "Lesen Sie auch Die Brücke wird im Herbst gesperrt",
                       "id": "Baca juga Harga cabai naik menjelang Lebaran",
                       "ru": "Читайте также Рынок закроют на ремонт"}.items():
        first, second = PROSE.get(lang, PROSE["en"])
        assert clean_junk("\n".join([first, line, second])) == first + "\n" + second, lang
    # A sentence that opens with the same words, and a heading alone above
    # its list, stay as the list rules decide.
    for line in ("Read also the council's own report, published on Monday, which lists every repair.",
                 "You may also like this: the mayor said the pier will carry his name."):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_junk(text) == text, line



def test_read_more_tails_in_more_languages_and_scripts():
    cs = "Městská rada v úterý schválila kompletní rekonstrukci starého krytého trhu v centru"
    bn = "পৌরসভা মঙ্গলবার পুরনো বাজারের সম্পূর্ণ সংস্কারের অনুমোদন দিয়েছে এবং কাজ শুরু হবে"
    vi = "Hội đồng thành phố hôm thứ Ba đã phê duyệt việc cải tạo toàn bộ khu chợ cũ ở trung tâm"
    pl = "Rada miasta we wtorek zatwierdziła całkowity remont starej hali targowej w centrum"
    for body, tail in [(cs, "… Číst dál"), (bn, "… আরও পড়ুন"), (vi, "... Xem thêm"), (pl, "… Więcej")]:
        line = body + tail
        kept = line[: len(body) + len(tail.split()[0])]
        assert remove_junk_lines(line, PageContext(), Report()) == kept, line
    # The same words as the end of a sentence stay.
    for line in ("Rada chce, aby mieszkańcy wiedzieli więcej.", "Chúng tôi muốn người dân đọc thêm về kế hoạch này."):
        assert remove_junk_lines(line, PageContext(), Report()) == line, line


def test_a_blogger_sidebar_and_post_footer_in_other_languages_go():
    sidebars = {
        "cs": ["Štítky: politika", "Novější příspěvek", "Starší příspěvek", "Přidat komentář", "Oblíbené příspěvky",
               "Archiv blogu", "O mně", "Zobrazit celý můj profil", "Používá technologii Blogger."],
        "he": ["רשומה חדשה יותר", "רשומה ישנה יותר", "דף הבית", "רשומות פופולריות", "ארכיון הבלוג", "אודותיי"],
        "th": ["บทความใหม่กว่า", "บทความที่เก่ากว่า", "หน้าแรก", "โพสต์ยอดนิยม", "คลังบทความของบล็อก", "เกี่ยวกับฉัน"],
        "bg": ["По-нова публикация", "По-стара публикация", "Начална страница", "Архив на блога", "За мен"],
    }
    for lang, lines in sidebars.items():
        first, second = PROSE.get(lang, PROSE["en"])
        assert clean_junk("\n".join([first, second, *lines])) == first + "\n" + second, lang
    # The same words inside the article's sentences stay.
    for line in ("Starší příspěvek do diskuse napsal bývalý ministr, který dnes učí na univerzitě v Brně.",
                 "The blog archive of the council was moved to the library, the mayor said on Monday."):
        text = PARA + "\n" + line + "\n" + PARA2
        assert clean_junk(text) == text, line


def test_the_wpdiscuz_comment_form_goes_in_several_languages():
    forms = {"es": ["Avisar de", "nuevos comentarios de seguimiento", "Ver todos los comentarios"],
             "ru": ["Уведомить о", "новых ответах на мои комментарии", "Посмотреть все комментарии"],
             "el": ["Ειδοποίηση για", "Δείτε όλα τα σχόλια"],
             "fa": ["اطلاع از", "مشاهده همه دیدگاه‌ها"]}
    for lang, lines in forms.items():
        first, second = PROSE.get(lang, PROSE["en"])
        assert clean_junk("\n".join([first, second, *lines])) == first + "\n" + second, lang


def test_share_comment_related_and_counter_phrases_glued_after_an_excerpt_are_cut():
    cases = [
        (PARA[:-1] + "… Share this article", PARA[:-1] + "…"),
        (PROSE["fr"][0][:-1] + "… Laisser un commentaire", PROSE["fr"][0][:-1] + "…"),
        (PROSE["id"][0][:-1] + " [...] Artikel Terkait", PROSE["id"][0][:-1]),
        (PROSE["ar"][0][:-1] + "… شارك هذا الخبر", PROSE["ar"][0][:-1] + "…"),
        (PROSE["de"][0][:-1] + "… 12 Kommentare", PROSE["de"][0][:-1] + "…"),
    ]
    for line, kept in cases:
        assert remove_junk_lines(line, PageContext(), Report()) == kept, line
    # Sentences that end with the same words stay.
    for line in ("The spokesman declined to say more about the plan, adding only: No comment.",
                 "He told reporters the party would announce more soon. Share prices fell.",
                 "\"We will see,\" he said. Related talks are planned for next week in Geneva.",
                 "The mayor thanked residents for their comments."):
        assert remove_junk_lines(line, PageContext(), Report()) == line, line


def test_a_link_label_after_an_excerpts_ellipsis_is_cut_in_any_wording():
    cases = [
        (PROSE["es"][0][:-1] + "… Ver nota completa", PROSE["es"][0][:-1] + "…"),
        (PROSE["pt"][0][:-1] + "... Continuar lendo a reportagem »", PROSE["pt"][0][:-1] + "..."),
        (PROSE["de"][0][:-1] + " […] Zur Meldung", PROSE["de"][0][:-1] + " […]"),
        (PROSE["el"][0][:-1] + "… Όλο το ρεπορτάζ", PROSE["el"][0][:-1] + "…"),
    ]
    for line, kept in cases:
        assert remove_junk_lines(line, PageContext(), Report()) == kept, line
    # A sentence that goes on in lower case, or ends with a full stop, a
    # bracketed citation and hashtags stay.
    for line in (PARA[:-1] + "… and so on", PARA[:-1] + "... Complicated, he said.",
                 "Berlaku adillah, karena adil itu lebih dekat kepada takwa, kata dia dalam khotbahnya…” [Al Maa-idah 8]",
                 "The campaign is meant to raise awareness, and I think that is working... #thanks #OnIt"):
        assert remove_junk_lines(line, PageContext(), Report()) == line, line
    # Where the excerpt ends, not before: mid-text, an ellipsis before a few
    # capitalised words is the article's own pause.
    for lang in ("en", "es", "de"):
        first, second = PROSE[lang]
        paused = first[:-1] + "… Then Nothing"
        text = "\n".join([paused, second])
        assert remove_junk_lines(text, PageContext(), Report()) == text, lang
        assert remove_junk_lines("\n".join([second, paused]), PageContext(), Report()) == "\n".join([second, first[:-1] + "…"]), lang


def test_a_kicker_label_above_the_headline_goes_but_not_between_paragraphs():
    for lang, label in {"en": "Editor's Choice", "de": "Exklusiv", "ru": "Эксклюзив", "pl": "Wyróżnione",
                        "ko": "단독"}.items():
        first, second = PROSE.get(lang, PROSE["en"])
        text = "\n".join([label, "Harbour reopens after the storm", first, second])
        assert clean_junk(text) == "\n".join(["Harbour reopens after the storm", first, second]), lang
        # Between two paragraphs it may be the article's own sub-heading.
        middle = "\n".join([first, label, second])
        assert clean_junk(middle) == middle, lang


# Whole-sentence notices: the sentence starts with the notice's own words and
# its rest varies; a sentence that mentions views, translation or a tip
# inside an article starts otherwise and stays.
SENTENCE_NOTICES = {
    "disclaimers": {
        "en": ["The views expressed in this column are those of the author and not of the Valley Wire.",
               "This story has been generated from a wire agency feed without modifications to the text."],
        "es": ["Las opiniones expresadas en este artículo son responsabilidad exclusiva de su autor."],
        "de": ["Dieser Artikel wurde automatisch übersetzt und kann Fehler enthalten."],
        "pt": ["Este conteúdo é oferecido por nosso parceiro comercial."],
        "ru": ["Мнение автора может не совпадать с позицией редакции."],
        "ar": ["الآراء الواردة في هذا المقال تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الموقع."],
    },
    "calls_to_action": {
        "en": ["Have a story to share? Send your news tips to desk@valley.example or WhatsApp us on 0800 123.",
               "Support independent journalism in the valley: become a member from 3 dollars a month."],
        "es": ["Envíanos tu noticia por WhatsApp al 555 123 456."],
        "de": ["Schreiben Sie uns per WhatsApp an 0151 1234567, wenn Sie etwas beobachtet haben."],
        "pt": ["Entre no nosso canal do WhatsApp e receba as principais notícias."],
        "tr": ["Uygulamamızı indirmek için tıklayın."],
    },
}


@pytest.mark.parametrize("family", sorted(SENTENCE_NOTICES))
def test_sentence_notices_go_wherever_they_stand(family):
    from cleaning.families import junk_families

    languages = SENTENCE_NOTICES[family]
    assert len(languages) >= 3
    for lang, lines in languages.items():
        first, second = PROSE.get(lang, PROSE["en"])
        for line in lines:
            assert junk_families().match_line(line).family == family, (lang, line)
            for text in ("\n".join([first, line, second]), "\n".join([line, first, second]), "\n".join([first, second, line])):
                kept = clean_junk(text).split("\n")
                assert kept == [first, second], (family, lang, line)


def test_sentences_that_mention_notices_stay():
    prose = [
        "The views expressed by the minister on Friday were not shared by the harbour board, which voted against the plan.",
        "The company said all rights reserved for the pier would go to the fishermen's cooperative until the end of 2026.",
        "Las opiniones del alcalde sobre el mercado fueron criticadas por los comerciantes durante la reunión del martes.",
        "Der Artikel wurde nach Angaben des Verlags bereits 2019 übersetzt und in mehreren Ländern gedruckt, sagte der Sprecher.",
        "Click counts rose sharply after the harbour board published the new mooring fees on its website on Friday.",
        "Have a look at the figures: the mooring fees rose by a third in two years, the cooperative said in its report.",
        "Tienes una noticia muy importante que contar, le dijo el alcalde al periodista antes de la rueda de prensa.",
        "Haben Sie einen Hinweis auf den Täter, fragte die Polizei am Dienstag die Anwohner der Altstadt in einem Aufruf.",
        "Masz temat na rozmowę z burmistrzem, jeśli pytasz o remont hali targowej, który potrwa przez całe lato.",
    ]
    for line in prose:
        text = "\n".join([PARA, line, PARA2])
        assert clean_junk(text) == text, line


SITE_DESCRIPTIONS = {
    "en": "Valley Wire is an independent news portal that brings you the latest news from the region and the world.",
    "es": "Diario del Sur es un portal de noticias que te trae la información más actualizada de la región.",
    "de": "Tagesblatt ist ein unabhängiges Nachrichtenportal, das Ihnen die neuesten Nachrichten aus der Region bietet.",
    "pt": "O Diário do Sul é um portal de notícias que traz as últimas notícias da região.",
    "id": "Kabar Kota adalah portal berita yang menyajikan informasi terkini dari seluruh daerah.",
    "ar": "أخبار اليوم موقع إخباري يقدم لكم آخر الأخبار على مدار الساعة.",
}


def test_a_site_describing_itself_goes_at_the_edges_only():
    for lang, line in SITE_DESCRIPTIONS.items():
        first, second = PROSE.get(lang, PROSE["en"])
        for text in ("\n".join([line, first, second]), "\n".join([first, second, line])):
            assert clean_junk(text) == first + "\n" + second, (lang, text)
        # Between two paragraphs it is the article's sentence about a site.
        middle = "\n".join([first, line, second])
        assert clean_junk(middle) == middle, lang
    # The article's own first and last sentences about a news site stay.
    prose = [
        "The mayor said the town had become a news desert since the weekly paper closed its office in 2019.",
        "El alcalde dijo que el portal de noticias del ayuntamiento publicará cada semana las obras del mercado.",
    ]
    for line in prose:
        text = "\n".join([line, PARA, PARA2, line])
        assert clean_junk(text) == text, line


JA_PROSE = (
    "市議会は火曜日、老朽化した橋を秋までに全面的に改修することを決めたと発表し、住民の間で大きな話題となった。",
    "住民はこの決定を歓迎したが、旧市街の狭い路地を通る迂回路が何か月も続くことを心配している。",
)


def test_inline_promos_between_paragraphs_in_more_languages():
    promos = {
        "en": ["Watch:", "Trending now"],
        "es": ["Mira el video:", "Escucha esta noticia", "Recomendados"],
        "de": ["Passend zum Thema", "Video:"],
        "pt": ["Assista:"],
        "ar": ["شاهد:", "مقترحات"],
        "ja": ["関連記事はこちら", "この記事を聞く", "※写真はイメージです", "この記事の画像を見る"],
    }
    for lang, lines in promos.items():
        first, second = JA_PROSE if lang == "ja" else PROSE[lang]
        for line in lines:
            text = "\n".join([first, line, second])
            assert clean_junk(text) == first + "\n" + second, (lang, line)


def test_a_short_japanese_paragraph_is_a_paragraph():
    # Below a related-posts heading, a Japanese paragraph of 50 characters is
    # not a link title: it is as long as an English one of 100.
    first, second = JA_PROSE
    text = "\n".join([first, "関連記事", second])
    assert clean_junk(text) == first + "\n" + second
