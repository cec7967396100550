"""Syndication attribution lines, and the source links they name."""

from cleaning.attribution import appeared_first_search, has_appeared_first, remove_attribution
from cleaning.context import PageContext, Report

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays."


def clean(text):
    page = PageContext()
    report = Report()
    return remove_attribution(text, page, report), report.source_links


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
                 "The site uses Node.js and runs at 2.5 times the speed.",
                 "Articolul de lege a apărut în Monitorul Oficial luni.", "Het bericht kwam als een verrassing voor de raad."]:
        assert clean(line) == (line, [])


FOOTER_LINES = [
    "La entrada Abre el muelle se publicó primero en Diario del Valle.",
    "L’article Le quai rouvre est apparu en premier sur La Gazette du Val.",
    "Der Beitrag Die Mole öffnet erschien zuerst auf Talbote.",
    "L'articolo Il molo riapre proviene da Gazzetta della Valle.",
    "L'articolo Il molo riapre sembra essere il primo su Gazzetta della Valle.",
    "O post O cais reabre apareceu primeiro em Jornal do Vale.",
    "Сообщение Причал открыт появились сначала на Вестник долины.",
    "İskele açıldı ilk önce Vadi Haber üzerinde ortaya çıktı.",
    "Pos Dermaga dibuka muncul pertama kali di Warta Lembah.",
    "ظهرت المقالة افتتاح الرصيف أولاً على أخبار الوادي.",
    "Post Dermaga dibuka muncul pertama kali di Warta Lembah.",
    "Articolul Cheiul se redeschide a apărut prima dată pe Gazeta Văii.",
    "Artykuł Nabrzeże otwarte pochodzi z serwisu Gazeta Doliny.",
    "A(z) Megnyílt a móló bejegyzés először Völgyi Hírek-én jelent meg.",
    "Het bericht De pier gaat open verscheen eerst op Dalbode.",
    "Inlägget Piren öppnar dök först upp på Dalposten.",
    "Bài viết Bến tàu mở cửa xuất hiện đầu tiên tại Tin Thung Lũng.",
    "Запис Причал відкрито спершу з'явився на Вісник долини.",
    "Το άρθρο Η προβλήτα ανοίγει εμφανίστηκε πρώτα στο Νέα της Κοιλάδας.",
    "Príspevok Mólo je otvorené sa objavil najskôr na Údolné noviny.",
]


def test_appeared_first_footer_in_wordpress_languages():
    for line in FOOTER_LINES:
        assert clean(PARA + "\n" + line)[0] == PARA, line


def test_quick_footer_test_agrees_with_the_footer_patterns():
    footers = FOOTER_LINES
    texts = footers + [f"Menu Home World {line.upper()} Contact" for line in footers] + [
        "Home", "Share on Facebook", PARA, "The post office appeared first on the list of closures.",
        "Der Beitrag erschien zuerst auf Deutsch", "ılk önce Vadi Haber üzerinde ortaya çıktı.",
        "THE POST Park Vote APPEARED FIRST ON Origin News.", "a" * 21, "pos di",
    ]
    for text in texts:
        assert has_appeared_first(text) == bool(appeared_first_search().search(text)), text
    assert sum(has_appeared_first(text) for text in texts) >= 2 * len(footers)


def test_appeared_first_footer_names_its_source():
    text, links = clean(PARA + "\nLa entrada Abre el muelle se publicó primero en https://valleywire.example/muelle.")
    assert text == PARA and links[0]["url"] == "https://valleywire.example/muelle"


def test_translation_notes_in_many_languages():
    lines = [
        "Translated from the Arabic edition of Valley Wire",
        "This article was translated automatically and may contain errors.",
        "Traducido del árabe",
        "Este artículo fue traducido automáticamente y puede contener errores.",
        "Traduit de l'arabe",
        "Cet article a été traduit automatiquement et peut contenir des erreurs.",
        "Übersetzt aus dem Arabischen",
        "Dieser Artikel wurde automatisch übersetzt.",
        "Tradotto dall'arabo",
        "Traduzido do árabe",
        "Переведено с арабского",
        "Эта статья переведена автоматически и может содержать ошибки.",
        "تمت ترجمة هذا المقال آليا",
        "تُرجم هذا الخبر آليا وقد يحتوي على أخطاء.",
        "Bu haber otomatik olarak çevrilmiştir.",
        "Artikel ini diterjemahkan secara otomatis dan mungkin mengandung kesalahan.",
    ]
    for line in lines:
        assert clean(PARA + "\n" + line)[0] == PARA, line


def test_translation_note_with_a_link_names_the_edition():
    text, links = clean(PARA + "\nTranslated from the Arabic edition at https://valleywire.example/ar/pier")
    assert text == PARA and links[0]["url"] == "https://valleywire.example/ar/pier"


def test_prose_about_first_appearances_and_translations_stays():
    prose = [
        "The article first appeared in print in 1998 and was later translated from the German by her son.",
        "Translated into twelve languages, the novel sold more than a million copies within two years.",
        "La novela, traducida del inglés en 1950, se convirtió en un clásico de la literatura juvenil española.",
        "Der Beitrag des Bürgermeisters erschien zuerst in der Lokalzeitung und wurde dann breit diskutiert, sagte er.",
    ]
    text = "\n".join([PARA, *prose])
    assert clean(text) == (text, [])


def test_the_page_printing_its_own_address_names_no_original():
    from cleaning.page import merge_source_links

    own = {"url": "https://gazette.example/news/pier.html?utm_source=rss", "text": "gazette", "kind": "text"}
    other = {"url": "https://wire.example/story/1", "text": "wire", "kind": "text"}
    assert merge_source_links([own, other], [], "https://gazette.example/news/pier.html") == [other]
    assert merge_source_links([own, other], []) == [own, other]


def test_a_feed_footer_glued_to_the_end_of_an_excerpt_is_cut():
    excerpt = "The harbour authority said on Friday that the new pier would open in spring after two […]"
    for footer in ["The post Pier opens appeared first on Valley Wire.",
                   "Der Beitrag Neuer Pier erschien zuerst auf Talbote.",
                   "La entrada El muelle abre se publicó primero en Diario del Valle.",
                   "ظهرت المقالة افتتاح الرصيف أولاً على وادي نيوز"]:
        text, _links = clean(excerpt + " " + footer)
        assert text == excerpt, footer
    # The words inside a sentence, or after a paragraph that goes on, stay.
    for line in ["He said the post of harbour master appeared first on the list of cuts, then was saved.",
                 "Critics said that the post office appeared first on the list of closures, as the mayor feared."]:
        assert clean(line)[0] == line
