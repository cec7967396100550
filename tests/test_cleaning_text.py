"""Character hygiene: mojibake, markup leaks, invisible marks, white space."""

from cleaning.context import PageContext, Report
from cleaning.text import fix_encoding, fix_markup, normalize_whitespace, remove_lost_emoji, strip_invisible


def test_latin1_mojibake_is_repaired_curly_quotes_kept():
    assert fix_encoding("The mayorâ€™s cafÃ© opened", PageContext(), Report()) == "The mayor’s café opened"


def test_utf8_read_as_latin10_is_repaired_mixed_with_clean_lines():
    broken = "Le dĂ©bat Ă la frontiĂšre continue aujourdâhui."
    clean = "Le château reste fermé."
    fixed = fix_encoding(broken + "\n" + clean, PageContext(), Report())
    assert fixed == "Le débat à la frontière continue aujourd’hui.\n" + clean
    # The no-break space of "à" kept as its own byte.
    assert fix_encoding("Ă\u00a0 Paris", PageContext(), Report()) == "à Paris"


def test_clean_text_with_accents_is_untouched():
    text = "Ăsta e un cuvânt românesc. Le théâtre est âgé."
    assert fix_encoding(text, PageContext(), Report()) == text


def test_entities_are_decoded():
    assert fix_encoding("Fish &amp; chips &#8211; cheap", PageContext(), Report()) == "Fish & chips – cheap"


def test_leaked_markup():
    assert fix_markup("the council\\’s vote", PageContext(), Report()) == "the council’s vote"
    assert fix_markup("Ankara''nın kararı", PageContext(), Report()) == "Ankara'nın kararı"
    assert fix_markup("the paper **The Herald** said", PageContext(), Report()) == "the paper The Herald said"
    assert fix_markup("<![CDATA[Storm hits coast]]>", PageContext(), Report()) == "Storm hits coast"
    assert fix_markup("line<br/>next", PageContext(), Report()) == "line next"


def test_markup_rule_leaves_ordinary_text():
    for text in ["rock 'n' roll", "a * b = c", "it's 5 < 6 and 7 > 3", "C:\\path\\to"]:
        assert fix_markup(text, PageContext(), Report()) == text


def test_invisible_controls_go_but_joiners_stay():
    assert strip_invisible("zero\u200bwidth \u202bmark\u202c", PageContext(), Report()) == "zerowidth mark"
    persian = "می\u200cخواهم"
    assert strip_invisible(persian, PageContext(), Report()) == persian
    family = "\U0001f468\u200d\U0001f469"
    assert strip_invisible(family, PageContext(), Report()) == family


def test_lost_emoji_runs():
    assert remove_lost_emoji("???? Flood warning issued", PageContext(), Report()) == "Flood warning issued"
    assert remove_lost_emoji("Really?? Yes.", PageContext(), Report()) == "Really?? Yes."


def test_whitespace():
    assert normalize_whitespace("  a  b \n\n\n\nc\u00a0d  ", PageContext(), Report()) == "a b\n\nc d"


def test_whole_text_repairs_are_recorded_line_by_line():
    from cleaning.context import PageContext, Report
    from cleaning.text import fix_encoding

    page = PageContext()

    report = Report()
    lead = "A long first paragraph that has nothing to repair at all, " * 5
    fix_encoding(lead + "\nThe cafÃ© reopened on Monday.\nNothing here either.", page, report)
    assert [(c.cleaner, c.before, c.after) for c in report.changes] == [
        ("fix_encoding", "The cafÃ© reopened on Monday.", "The café reopened on Monday.")
    ]


def test_escapes_left_as_characters_are_decoded():
    from cleaning.context import PageContext, Report
    from cleaning.text import fix_encoding

    def fix(text):
        return fix_encoding(text, PageContext(), Report())

    assert fix("First line_x000D_Second line") == "First line\nSecond line"
    assert fix("caf\\u00e9 and na\\u00efve, \\ud83d\\ude00") == "café and naïve, 😀"
    assert fix("Tom &amp;amp; Jerry &amp;amp;amp; co") == "Tom & Jerry & co"
    # Mojibake of mojibake: UTF-8 read as cp1252 twice.
    twice = "élève à côté".encode().decode("cp1252").encode().decode("cp1252")
    assert fix(twice) == "élève à côté"
    for text in ["the _x_ axis and x_1_", "a lone \\ud83d surrogate", "C:\\users\\me", "R&D and AT&T"]:
        assert fix(text) == text
    # A numeric entity that lost its "&"; the last byte of ” lost to Windows-1252.
    assert fix("It#8217;s a #8220;deal#8221; now, caf#233; and l#8217;État") == "It’s a “deal” now, café and l’État"
    assert fix("itâ€s fine and â€œHolaâ€, dijo") == "it’s fine and “Hola”, dijo"
    for text in ["Issue #2019; see #12; and C# code", "Ver #1."]:
        assert fix(text) == text
    # A JSON escape that lost its backslash; entities without their semicolon.
    assert fix("Le ministre a du00e9claru00e9 que") == "Le ministre a déclaré que"
    assert fix("Obamau2019s plan, u201cpeaceu201d") == "Obama’s plan, “peace”"
    assert fix("u041cu0438u043du0438u0441u0442u0440 u0437u0430u044fu0432u0438u043b") == "Министр заявил"
    assert fix("la reunión&hellip y el acuerdo&rsquo") == "la reunión… y el acuerdo’"
    for text in ["SKU u1234 and u0041 and model u2000x", "the bus u2 line", "Tu0 ist kein Wort", "menu00 list"]:
        assert fix(text) == text


def test_markup_leftovers_and_escaped_tags():
    from cleaning.context import PageContext, Report
    from cleaning.text import fix_markup

    def fix(text):
        return fix_markup(text, PageContext(), Report())

    assert fix("//<![CDATA[\nThe text.\n//]]>") == "\nThe text.\n"
    assert fix("The text.]]>") == "The text."
    assert fix("A line&lt;br&gt;another <!-- ad --> here") == "A line another here"
    assert fix("a <b<br>r> b") == "a b"
    for text in ["x < y and y > z", "the [[link]] and a ]] b", "<3 you"]:
        assert fix(text) == text
    # A CDATA section that lost its "<"; shortcodes a feed left unexpanded.
    assert fix("Le texte ![CDATA[du jour]] continue.") == "Le texte du jour continue."
    assert fix("Текст [CDATA[дня]]> продолжается.") == "Текст дня продолжается."
    assert fix('[caption id="attachment_5" width="300"]Foto: AP[/caption] El texto sigue.').strip() == "Foto: AP El texto sigue."
    assert fix("Mehr dazu [embed]https://example.org/v[/embed] im Text.") == "Mehr dazu https://example.org/v im Text."
    assert fix("Start <o:p></o:p> end") == "Start end"
    for text in ["See [1] and the [video] below", "list[0] and [[wiki link]]", "He said [the caption was wrong] today",
                 "a[i] = b[j]", "[Caption: the editor's note]"]:
        assert fix(text) == text


def test_text_mangled_twice_keeps_its_no_break_bytes_through_the_white_space_rule():
    from cleaning.pipeline import clean_text

    def mangle(text):
        # UTF-8 read as Windows-1252, bytes it leaves undefined kept as they are.
        return "".join(chr(b) if 0x80 <= b < 0xA0 and bytes([b]).decode("cp1252", "ignore") == "" else bytes([b]).decode("cp1252")
                       for b in text.encode("utf-8"))

    for good in ["รัฐมนตรีกล่าวเมื่อวันอังคารว่างบประมาณใหม่จะเพิ่มการใช้จ่าย",  # Thai: 0xA0 in one layer
                 "मंत्री ने मंगलवार को कहा कि नया बजट खर्च बढ़ाएगा।",  # Hindi, mangled twice
                 "قال الوزير يوم الثلاثاء إن الميزانية الجديدة سترفع الإنفاق"]:  # Arabic, mangled twice
        for broken in (mangle(good), mangle(mangle(good))):
            assert clean_text(broken).text == good
    # Outside mojibake a no-break space is a space.
    assert normalize_whitespace("voilà\u00a0Paris, à\u00a0«\u00a0Non\u00a0»", PageContext(), Report()) == "voilà Paris, à « Non »"


def _misread(text: str, codec: str) -> str:
    """UTF-8 bytes read in a code page, as a misconfigured server does."""
    import ftfy.bad_codecs  # noqa: F401

    return text.encode("utf-8").decode(codec)


def test_words_misread_in_the_code_page_of_another_script_are_repaired():
    from cleaning.pipeline import clean_text

    cases = [
        ("قال الوزير يوم الاثنين إن المحادثات ستستمر الأسبوع المقبل في العاصمة.", "sloppy-windows-1256"),
        ("השר אמר ביום שני כי השיחות יימשכו בשבוע הבא בבירה.", "sloppy-windows-1255"),
        ("השר אמר ביום שני כי השיחות יימשכו בשבוע הבא בבירה.", "latin-1"),
        ("В понедельник министр заявил, что переговоры продолжатся в столице.", "sloppy-windows-1253"),
        ("В понедельник министр заявил, что переговоры продолжатся в столице.", "koi8_r"),
        ("وزیر روز دوشنبه گفت که گفتگوها هفته آینده در پایتخت ادامه خواهد یافت.", "sloppy-windows-1256"),
        ("Le ministre a déclaré lundi que les négociations reprendront à Paris.", "sloppy-windows-1256"),
        # A character ending in the byte A0 (folded to a space) before a word,
        # and inside one: the word list tells "것이라고 말했다" from "đàm".
        ("장관은 월요일 협상이 다음 주 수도에서 계속될 것이라고 말했다.", "sloppy-windows-1252"),
        ("Bộ trưởng cho biết các cuộc đàm phán sẽ tiếp tục vào tuần tới.", "sloppy-windows-1251"),
    ]
    for text, codec in cases:
        assert clean_text(_misread(text, codec)).text == text, codec
    # Mangled twice: Greek read as Windows-1252, and the result read so again.
    greek = "Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν."
    assert clean_text(_misread(_misread(greek, "sloppy-windows-1252"), "sloppy-windows-1252")).text == greek


def test_words_misread_as_windows_1250_are_repaired_in_any_script():
    from cleaning.pipeline import clean_text

    for text in ["Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν στην πρωτεύουσα.",
                 "השר אמר ביום שני כי השיחות יימשכו בשבוע הבא בבירה.",
                 "Sie verstießen gegen die Werte, für die die Liga und die Clubs stünden.",
                 # ” is E2 80 9D: "â€ť" to Windows-1250, no quote that lost its last byte.
                 "She said she “really wanted” him to stay, the mayor’s office said.",
                 "El ministro dijo que las negociaciones seguirán en la capital."]:
        assert clean_text(_misread(text, "sloppy-windows-1250")).text == text
    # Clean prose around a misread line stays as it is.
    prose = "Le château reste fermé.\nZażółć gęślą jaźń, powiedział minister."
    greek = "Η κυβέρνηση δήλωσε ότι οι συνομιλίες θα συνεχιστούν."
    assert clean_text(prose + "\n" + _misread(greek, "sloppy-windows-1250")).text == prose + "\n" + greek
    # Text misread as ISO-8859-16 reads as Windows-1250 too, to a capital
    # inside the word ("frontiÚre"): that reading is not taken.
    assert fix_encoding("la frontiĂšre continue", PageContext(), Report()) == "la frontière continue"


def test_text_in_a_code_page_script_is_not_taken_for_mojibake():
    for text in ["И мне нравилось это все. Для основы: 2 желтка, 150 г масла (я использую миксер).",
                 "С 2020 года В Paris и Г. Петров", "NÃO HÁ ACORDO, disse o ministro.", "Ægir og Øyvind så på Åsa.",
                 "قال الوزير إن «المحادثات» ستستمر، وأضاف: لا تغيير.", "Ο υπουργός δήλωσε ότι «δεν υπάρχει» αλλαγή.",
                 "השר אמר כי צה\"ל יגיב."]:
        assert fix_encoding(text, PageContext(), Report()) == text
    # A real letter next to a misread word stays what it is.
    assert fix_encoding("Η " + _misread("κυβέρνηση δήλωσε", "sloppy-windows-1252"), PageContext(), Report()) == "Η κυβέρνηση δήλωσε"
    assert fix_encoding("И " + _misread("министр заявил", "sloppy-windows-1253"), PageContext(), Report()) == "И министр заявил"


def test_line_breaks_written_as_escapes_become_breaks():
    assert fix_encoding("The teams arrived late.\\nNobody commented.\\n\\nLater on.", PageContext(), Report()) == (
        "The teams arrived late.\nNobody commented.\n\nLater on.")
    assert fix_encoding("Министр заявил об этом.\\r\\nВстреча прошла в Минске.", PageContext(), Report()) == (
        "Министр заявил об этом.\nВстреча прошла в Минске.")
    assert fix_encoding("Le ministre l’a dit.\\n2024 sera une année difficile.", PageContext(), Report()) == (
        "Le ministre l’a dit.\n2024 sera une année difficile.")
    for text in ['Use printf("\\n") to end a line.', "Save it in C:\\new\\files first.", "split on '\\n' and join",
                 "the regex a\\nb matches", "El separador es \\n entre campos."]:
        assert fix_encoding(text, PageContext(), Report()) == text


def test_layout_and_table_tags_and_script_blocks_leaked_into_text_are_removed():
    assert fix_markup("The rescue <table><tr><td>teams</td></tr></table> arrived.", PageContext(), Report()) == "The rescue teams arrived."
    assert fix_markup('Les secours<sup>1</sup> <a href="/x?a=1&b=2">sont</a> arrivés.', PageContext(), Report()) == "Les secours 1 sont arrivés."
    assert fix_markup("Спасатели <script>var a = 1 < 2;</script>прибыли.", PageContext(), Report()) == "Спасатели прибыли."
    assert fix_markup('Texto <amp-img src="a.jpg" width="3"></amp-img> y <fb:like href="x"></fb:like> fin.', PageContext(), Report()) == "Texto y fin."
    assert fix_markup("Текст <label>Имя</label> далее.", PageContext(), Report()) == "Текст Имя далее."
    for text in ["it's 5 < 6 and 7 > 3", "the <tablespoon> tag is no tag", "x <- y in R", "if a<b then", "a List<String> x",
                 "use the <vector> type", "He wrote </3 hearts"]:
        assert fix_markup(text, PageContext(), Report()) == text
