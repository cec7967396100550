"""Sentence templates, names and number formats in eleven languages for the
cross-language story benchmark (benchmarks/stories_crosslang.py).

Written for the benchmark: each event is five sentences with slots for
people, a place, counts, an amount of money, a percentage, a distance and
two dates; each language has its own rendering of every slot (digits,
separators, scale words, month names, percent signs) the way that
language's press writes them. Names are spelled as each language's press
transliterates them, by hand, not by any rule of the code under test.
"""

from __future__ import annotations

LANGUAGES = ["en", "fr", "es", "de", "tr", "id", "ru", "uk", "ar", "fa", "el"]

# Each person and place as each language writes it (order of LANGUAGES).
PEOPLE = [
    ["Olena Kovalenko", "Olena Kovalenko", "Olena Kovalenko", "Olena Kowalenko", "Olena Kovalenko", "Olena Kovalenko",
     "Елена Коваленко", "Олена Коваленко", "أولينا كوفالينكو", "اولنا کووالنکو", "Ολένα Κοβαλένκο"],
    ["Karim Haddad", "Karim Haddad", "Karim Haddad", "Karim Haddad", "Kerim Haddad", "Karim Haddad",
     "Карим Хаддад", "Карім Хаддад", "كريم حداد", "کریم حداد", "Καρίμ Χαντάντ"],
    ["Maria Fernández", "Maria Fernández", "María Fernández", "Maria Fernández", "Maria Fernandez", "Maria Fernandez",
     "Мария Фернандес", "Марія Фернандес", "ماريا فرنانديز", "ماریا فرناندز", "Μαρία Φερνάντες"],
    ["Jonas Lindqvist", "Jonas Lindqvist", "Jonas Lindqvist", "Jonas Lindqvist", "Jonas Lindqvist", "Jonas Lindqvist",
     "Йонас Линдквист", "Йонас Ліндквіст", "يوناس ليندكفيست", "یوناس لیندکویست", "Γιόνας Λίντκβιστ"],
    ["Ayşe Demir", "Ayşe Demir", "Ayşe Demir", "Ayşe Demir", "Ayşe Demir", "Ayse Demir",
     "Айше Демир", "Айше Демір", "عائشة دمير", "عایشه دمیر", "Αϊσέ Ντεμίρ"],
    ["Rahul Mehta", "Rahul Mehta", "Rahul Mehta", "Rahul Mehta", "Rahul Mehta", "Rahul Mehta",
     "Рахул Мехта", "Рахул Мехта", "راهول ميهتا", "راهول مهتا", "Ραχούλ Μέχτα"],
    ["Sophie Laurent", "Sophie Laurent", "Sophie Laurent", "Sophie Laurent", "Sophie Laurent", "Sophie Laurent",
     "Софи Лоран", "Софі Лоран", "صوفي لوران", "سوفی لوران", "Σοφί Λοράν"],
    ["Tomasz Nowak", "Tomasz Nowak", "Tomasz Nowak", "Tomasz Nowak", "Tomasz Nowak", "Tomasz Nowak",
     "Томаш Новак", "Томаш Новак", "توماش نوفاك", "توماش نواک", "Τόμας Νόβακ"],
    ["Nadia Benali", "Nadia Benali", "Nadia Benali", "Nadia Benali", "Nadia Benali", "Nadia Benali",
     "Надя Бенали", "Надя Беналі", "نادية بن علي", "نادیا بنعلی", "Νάντια Μπενάλι"],
    ["Kenji Watanabe", "Kenji Watanabe", "Kenji Watanabe", "Kenji Watanabe", "Kenji Watanabe", "Kenji Watanabe",
     "Кэндзи Ватанабэ", "Кендзі Ватанабе", "كينجي واتانابي", "کنجی واتانابه", "Κέντζι Βατανάμπε"],
    ["Daniel Okafor", "Daniel Okafor", "Daniel Okafor", "Daniel Okafor", "Daniel Okafor", "Daniel Okafor",
     "Даниэль Окафор", "Деніел Окафор", "دانيال أوكافور", "دنیل اوکافور", "Ντάνιελ Οκαφόρ"],
    ["Lucia Romano", "Lucia Romano", "Lucía Romano", "Lucia Romano", "Lucia Romano", "Lucia Romano",
     "Лючия Романо", "Лючія Романо", "لوتشيا رومانو", "لوچیا رومانو", "Λουτσία Ρομάνο"],
]

# Exonyms included: a translator writes İskenderiye, Danzig, Σμύρνη, بمبئی.
PLACES = [
    ["Kharkiv", "Kharkiv", "Járkov", "Charkiw", "Harkiv", "Kharkiv", "Харьков", "Харків", "خاركيف", "خارکیف", "Χάρκοβο"],
    ["Alexandria", "Alexandrie", "Alejandría", "Alexandria", "İskenderiye", "Aleksandria", "Александрия",
     "Александрія", "الإسكندرية", "اسکندریه", "Αλεξάνδρεια"],
    ["Valencia", "Valence", "Valencia", "Valencia", "Valensiya", "Valencia", "Валенсия", "Валенсія", "فالنسيا",
     "والنسیا", "Βαλένθια"],
    ["Gdańsk", "Gdańsk", "Gdansk", "Danzig", "Gdańsk", "Gdansk", "Гданьск", "Гданськ", "غدانسك", "گدانسک", "Γκντανσκ"],
    ["Izmir", "Izmir", "Esmirna", "Izmir", "İzmir", "Izmir", "Измир", "Ізмір", "إزمير", "ازمیر", "Σμύρνη"],
    ["Mumbai", "Bombay", "Bombay", "Mumbai", "Mumbai", "Mumbai", "Мумбаи", "Мумбаї", "مومباي", "بمبئی", "Μουμπάι"],
    ["Lyon", "Lyon", "Lyon", "Lyon", "Lyon", "Lyon", "Лион", "Ліон", "ليون", "لیون", "Λυών"],
    ["Osaka", "Osaka", "Osaka", "Osaka", "Osaka", "Osaka", "Осака", "Осака", "أوساكا", "اوساکا", "Οσάκα"],
]

# April to July, as written after a day number.
MONTHS = {
    "en": ["April", "May", "June", "July"],
    "fr": ["avril", "mai", "juin", "juillet"],
    "es": ["abril", "mayo", "junio", "julio"],
    "de": ["April", "Mai", "Juni", "Juli"],
    "tr": ["Nisan", "Mayıs", "Haziran", "Temmuz"],
    "id": ["April", "Mei", "Juni", "Juli"],
    "ru": ["апреля", "мая", "июня", "июля"],
    "uk": ["квітня", "травня", "червня", "липня"],
    "ar": ["نيسان/أبريل", "أيار/مايو", "حزيران/يونيو", "تموز/يوليو"],
    "ar_short": ["أبريل", "مايو", "يونيو", "يوليو"],
    "fa": ["آوریل", "مه", "ژوئن", "ژوئیه"],
    "el": ["Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου"],
}

# Thousands separator, decimal separator.
SEPARATORS = {
    "en": (",", "."), "fr": ("\u202f", ","), "es": (".", ","), "de": (".", ","), "tr": (".", ","),
    "id": (".", ","), "ru": ("\u00a0", ","), "uk": ("\u00a0", ","), "ar": (",", "."), "ar_eastern": ("٬", "٫"),
    "fa": ("٬", "٫"), "el": (".", ","),
}

# Money: (millions, billions) with {v} the figure.
MONEY = {
    "en": ("${v} million", "${v} billion"),
    "fr": ("{v} millions de dollars", "{v} milliards de dollars"),
    "es": ("{v} millones de dólares", None),  # billions as thousands of millions: 1.500 millones
    "de": ("{v} Millionen Dollar", "{v} Milliarden Dollar"),
    "tr": ("{v} milyon dolar", "{v} milyar dolar"),
    "id": ("{v} juta dolar", "{v} miliar dolar"),
    "ru": ("{v} млн долларов", "{v} млрд долларов"),
    "uk": ("{v} млн доларів", "{v} млрд доларів"),
    "ar": ("{v} مليون دولار", "{v} مليار دولار"),
    "fa": ("{v} میلیون دلار", "{v} میلیارد دلار"),
    "el": ("{v} εκατ. δολάρια", "{v} δισ. δολάρια"),
}

PERCENT = {
    "en": "{v}%", "fr": "{v}\u00a0%", "es": "{v}\u00a0%", "de": "{v} Prozent", "tr": "%{v}", "id": "{v} persen",
    "ru": "{v}%", "uk": "{v}%", "ar": "{v}%", "ar_eastern": "{v}٪", "fa": "{v} درصد", "el": "{v}%",
}

# Digits of the scripts that have their own.
DIGITS = {"ar_eastern": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}

EVENTS = {
    "flood": {
        "en": [
            "Floods forced {n1} people from their homes in {place} on {d1}, {p1} said.",
            "{p1} said the damage was estimated at {money} and that {n4} schools would stay closed.",
            "The water rose by {pct} overnight and {km} kilometres of roads were under water, according to {p2}.",
            "Rescue teams in {place} moved {n5} patients out of two hospitals before {d2}.",
            "{p2} said aid would reach {n2} households by the end of {year}.",
        ],
        "fr": [
            "Les inondations ont chassé {n1} personnes de leur domicile à {place} le {d1}, a déclaré {p1}.",
            "Selon {p1}, les dégâts sont estimés à {money} et {n4} écoles resteront fermées.",
            "L'eau est montée de {pct} pendant la nuit et {km} kilomètres de routes étaient submergés, selon {p2}.",
            "Les secours de {place} ont transféré {n5} patients de deux hôpitaux avant le {d2}.",
            "{p2} a indiqué que l'aide parviendrait à {n2} foyers d'ici la fin de {year}.",
        ],
        "es": [
            "Las inundaciones obligaron a {n1} personas a abandonar sus casas en {place} el {d1}, dijo {p1}.",
            "{p1} afirmó que los daños se estiman en {money} y que {n4} escuelas seguirán cerradas.",
            "El agua subió un {pct} durante la noche y {km} kilómetros de carreteras quedaron bajo el agua, según {p2}.",
            "Los equipos de rescate de {place} trasladaron a {n5} pacientes de dos hospitales antes del {d2}.",
            "{p2} dijo que la ayuda llegará a {n2} hogares antes de que termine {year}.",
        ],
        "de": [
            "Das Hochwasser hat am {d1} in {place} {n1} Menschen aus ihren Häusern vertrieben, sagte {p1}.",
            "{p1} schätzte den Schaden auf {money}; {n4} Schulen bleiben geschlossen.",
            "Das Wasser stieg über Nacht um {pct}, {km} Kilometer Straßen standen unter Wasser, so {p2}.",
            "Rettungskräfte in {place} brachten vor dem {d2} {n5} Patienten aus zwei Krankenhäusern.",
            "{p2} sagte, die Hilfe werde bis Ende {year} {n2} Haushalte erreichen.",
        ],
        "tr": [
            "{p1}, {d1} tarihinde {place} kentinde selin {n1} kişiyi evlerinden ettiğini söyledi.",
            "{p1}, hasarın {money} olarak tahmin edildiğini ve {n4} okulun kapalı kalacağını belirtti.",
            "{p2} tarafından yapılan açıklamaya göre su gece boyunca {pct} yükseldi ve {km} kilometre yol sular altında kaldı.",
            "{place} kentindeki kurtarma ekipleri {d2} tarihinden önce iki hastaneden {n5} hastayı tahliye etti.",
            "{p2}, yardımın {year} sonuna kadar {n2} haneye ulaşacağını söyledi.",
        ],
        "id": [
            "Banjir memaksa {n1} orang meninggalkan rumah mereka di {place} pada {d1}, kata {p1}.",
            "{p1} mengatakan kerugian diperkirakan mencapai {money} dan {n4} sekolah tetap ditutup.",
            "Air naik {pct} dalam semalam dan {km} kilometer jalan terendam, menurut {p2}.",
            "Tim penyelamat di {place} memindahkan {n5} pasien dari dua rumah sakit sebelum {d2}.",
            "{p2} mengatakan bantuan akan menjangkau {n2} rumah tangga hingga akhir {year}.",
        ],
        "ru": [
            "Наводнение вынудило {n1} человек покинуть свои дома в городе {place} {d1}, сообщает {p1}.",
            "По оценке, которую приводит {p1}, ущерб составляет {money}, а {n4} школ останутся закрытыми.",
            "За ночь вода поднялась на {pct}, под водой оказались {km} километров дорог, сообщает {p2}.",
            "Спасатели в городе {place} до {d2} вывезли {n5} пациентов из двух больниц.",
            "{p2} заявляет, что до конца {year} года помощь получат {n2} семей.",
        ],
        "uk": [
            "Повінь змусила {n1} людей залишити свої домівки в місті {place} {d1}, повідомляє {p1}.",
            "За оцінкою, яку наводить {p1}, збитки становлять {money}, а {n4} шкіл залишаться зачиненими.",
            "За ніч вода піднялася на {pct}, під водою опинилися {km} кілометрів доріг, повідомляє {p2}.",
            "Рятувальники в місті {place} до {d2} вивезли {n5} пацієнтів із двох лікарень.",
            "{p2} заявляє, що до кінця {year} року допомогу отримають {n2} родин.",
        ],
        "ar": [
            "أجبرت الفيضانات {n1} شخص على مغادرة منازلهم في {place} في {d1}، بحسب {p1}.",
            "وبحسب {p1} فإن الأضرار تقدر بنحو {money} وإن {n4} مدرسة ستبقى مغلقة.",
            "وارتفع منسوب المياه بنسبة {pct} خلال الليل وغمرت المياه {km} كيلومترا من الطرق، وفق {p2}.",
            "ونقلت فرق الإنقاذ في {place} {n5} مريضا من مستشفيين قبل {d2}.",
            "وأوضح {p2} أن المساعدات ستصل إلى {n2} أسرة بحلول نهاية عام {year}.",
        ],
        "fa": [
            "به گفته {p1}، سیل در {d1} {n1} نفر را در {place} از خانه‌هایشان آواره کرد.",
            "{p1} خسارت را {money} برآورد کرد و گفت {n4} مدرسه تعطیل خواهد ماند.",
            "به گفته {p2}، سطح آب در طول شب {pct} بالا رفت و {km} کیلومتر از جاده‌ها زیر آب رفت.",
            "تیم‌های امداد در {place} پیش از {d2} {n5} بیمار را از دو بیمارستان منتقل کردند.",
            "{p2} گفت کمک‌ها تا پایان سال {year} به {n2} خانوار می‌رسد.",
        ],
        "el": [
            "Οι πλημμύρες ανάγκασαν {n1} ανθρώπους να εγκαταλείψουν τα σπίτια τους στην πόλη {place} στις {d1}, δήλωσε {p1}.",
            "Σύμφωνα με {p1}, οι ζημιές εκτιμώνται σε {money} και {n4} σχολεία θα παραμείνουν κλειστά.",
            "Η στάθμη του νερού ανέβηκε κατά {pct} μέσα στη νύχτα και {km} χιλιόμετρα δρόμων πλημμύρισαν, σύμφωνα με {p2}.",
            "Τα συνεργεία διάσωσης στην πόλη {place} μετέφεραν {n5} ασθενείς από δύο νοσοκομεία πριν από τις {d2}.",
            "{p2} δήλωσε ότι η βοήθεια θα φτάσει σε {n2} νοικοκυριά έως το τέλος του {year}.",
        ],
    },
    "budget": {
        "en": [
            "{p1} presented a budget of {money} for {place} on {d1}, including {n4} new projects.",
            "Spending on public transport will rise by {pct}, {p1} told the {n5} members of the regional assembly.",
            "{p2} said the plan would create {n1} jobs by {year}.",
            "The budget pays for {km} kilometres of new tram lines and goes to a vote on {d2}.",
            "According to {p2}, {n2} families will receive housing support.",
        ],
        "fr": [
            "{p1} a présenté le {d1} un budget de {money} pour {place}, comprenant {n4} nouveaux projets.",
            "Les dépenses de transports publics augmenteront de {pct}, a expliqué {p1} aux {n5} membres de l'assemblée régionale.",
            "Selon {p2}, le plan créera {n1} emplois d'ici {year}.",
            "Le budget finance {km} kilomètres de nouvelles lignes de tramway et sera soumis au vote le {d2}.",
            "D'après {p2}, {n2} familles recevront une aide au logement.",
        ],
        "es": [
            "{p1} presentó el {d1} un presupuesto de {money} para {place}, que incluye {n4} proyectos nuevos.",
            "El gasto en transporte público aumentará un {pct}, explicó {p1} a los {n5} miembros de la asamblea regional.",
            "{p2} dijo que el plan creará {n1} empleos para {year}.",
            "El presupuesto financia {km} kilómetros de nuevas líneas de tranvía y se votará el {d2}.",
            "Según {p2}, {n2} familias recibirán ayudas a la vivienda.",
        ],
        "de": [
            "{p1} hat am {d1} einen Haushalt von {money} für {place} vorgestellt, darunter {n4} neue Projekte.",
            "Die Ausgaben für den Nahverkehr steigen um {pct}, sagte {p1} vor den {n5} Mitgliedern der Regionalversammlung.",
            "{p2} sagte, der Plan schaffe bis {year} {n1} Arbeitsplätze.",
            "Der Haushalt finanziert {km} Kilometer neue Straßenbahnlinien; abgestimmt wird am {d2}.",
            "Nach Angaben von {p2} erhalten {n2} Familien Wohngeld.",
        ],
        "tr": [
            "{p1}, {d1} tarihinde {place} için {n4} yeni proje içeren {money} tutarında bir bütçe sundu.",
            "{p1}, bölge meclisinin {n5} üyesine toplu taşıma harcamalarının {pct} artacağını söyledi.",
            "{p2}, planın {year} yılına kadar {n1} kişiye iş sağlayacağını belirtti.",
            "Bütçe {km} kilometrelik yeni tramvay hatlarını kapsıyor ve {d2} tarihinde oylanacak.",
            "{p2} tarafından yapılan açıklamaya göre {n2} aile konut desteği alacak.",
        ],
        "id": [
            "{p1} mempresentasikan anggaran sebesar {money} untuk {place} pada {d1}, termasuk {n4} proyek baru.",
            "Belanja transportasi umum akan naik {pct}, kata {p1} kepada {n5} anggota dewan daerah.",
            "{p2} mengatakan rencana itu akan menciptakan {n1} lapangan kerja pada {year}.",
            "Anggaran itu membiayai {km} kilometer jalur trem baru dan akan diputuskan pada {d2}.",
            "Menurut {p2}, {n2} keluarga akan menerima bantuan perumahan.",
        ],
        "ru": [
            "Бюджет города {place} в размере {money}, включающий {n4} новых проектов, был представлен {d1}, сообщает {p1}.",
            "Расходы на общественный транспорт вырастут на {pct}, заявляет {p1} перед {n5} депутатами регионального собрания.",
            "{p2} заявляет, что план создаст {n1} рабочих мест к {year} году.",
            "Бюджет предусматривает {km} километров новых трамвайных линий, голосование назначено на {d2}.",
            "По данным, которые приводит {p2}, {n2} семей получат помощь с жильём.",
        ],
        "uk": [
            "Бюджет міста {place} обсягом {money}, що включає {n4} нових проєктів, було представлено {d1}, повідомляє {p1}.",
            "Витрати на громадський транспорт зростуть на {pct}, заявляє {p1} перед {n5} депутатами регіональних зборів.",
            "{p2} заявляє, що план створить {n1} робочих місць до {year} року.",
            "Бюджет передбачає {km} кілометрів нових трамвайних ліній, голосування призначено на {d2}.",
            "За даними, які наводить {p2}, {n2} родин отримають допомогу з житлом.",
        ],
        "ar": [
            "قدّم {p1} في {d1} ميزانية بقيمة {money} لمدينة {place}، تشمل {n4} مشروعا جديدا.",
            "وبحسب {p1} أمام {n5} عضوا في المجلس الإقليمي، سيرتفع الإنفاق على النقل العام بنسبة {pct}.",
            "وقال {p2} إن الخطة ستوفر {n1} فرصة عمل بحلول عام {year}.",
            "وتموّل الميزانية {km} كيلومترا من خطوط الترام الجديدة، ويجري التصويت عليها في {d2}.",
            "ووفقا لـ{p2}، ستحصل {n2} عائلة على دعم للسكن.",
        ],
        "fa": [
            "{p1} در {d1} بودجه‌ای به مبلغ {money} برای {place} ارائه کرد که شامل {n4} طرح جدید است.",
            "{p1} به {n5} عضو مجلس منطقه‌ای گفت هزینه حمل‌ونقل عمومی {pct} افزایش می‌یابد.",
            "{p2} گفت این طرح تا سال {year} {n1} شغل ایجاد می‌کند.",
            "این بودجه {km} کیلومتر خط جدید تراموا را تأمین می‌کند و در {d2} به رأی گذاشته می‌شود.",
            "به گفته {p2}، {n2} خانواده کمک مسکن دریافت می‌کنند.",
        ],
        "el": [
            "{p1} παρουσίασε στις {d1} προϋπολογισμό {money} για την πόλη {place}, με {n4} νέα έργα.",
            "Οι δαπάνες για τις δημόσιες συγκοινωνίες θα αυξηθούν κατά {pct}, είπε {p1} στα {n5} μέλη της περιφερειακής συνέλευσης.",
            "{p2} δήλωσε ότι το σχέδιο θα δημιουργήσει {n1} θέσεις εργασίας έως το {year}.",
            "Ο προϋπολογισμός χρηματοδοτεί {km} χιλιόμετρα νέων γραμμών τραμ και θα ψηφιστεί στις {d2}.",
            "Σύμφωνα με {p2}, {n2} οικογένειες θα λάβουν στεγαστική βοήθεια.",
        ],
    },
    "fire": {
        "en": [
            "A fire at a chemical plant in {place} on {d1} injured {n4} workers, {p1} said.",
            "About {n1} residents were told to stay indoors, and an area of {km} square kilometres was closed off.",
            "{p2} said the plant's owner had been fined {money} in {year}.",
            "Air pollution near the site was {pct} above the legal limit on {d2}, according to {p2}.",
            "{p1} said {n5} firefighters were still at the scene.",
        ],
        "fr": [
            "Un incendie dans une usine chimique de {place} a blessé {n4} ouvriers le {d1}, a indiqué {p1}.",
            "Environ {n1} habitants ont reçu l'ordre de rester chez eux et une zone de {km} kilomètres carrés a été bouclée.",
            "Selon {p2}, le propriétaire de l'usine avait été condamné à une amende de {money} en {year}.",
            "La pollution de l'air près du site dépassait de {pct} la limite légale le {d2}, selon {p2}.",
            "{p1} a précisé que {n5} pompiers étaient toujours sur place.",
        ],
        "es": [
            "Un incendio en una planta química de {place} hirió a {n4} trabajadores el {d1}, informó {p1}.",
            "Unos {n1} vecinos recibieron la orden de no salir de casa y se cerró una zona de {km} kilómetros cuadrados.",
            "{p2} dijo que el dueño de la planta fue multado con {money} en {year}.",
            "La contaminación del aire cerca del lugar superó en un {pct} el límite legal el {d2}, según {p2}.",
            "{p1} dijo que {n5} bomberos seguían en el lugar.",
        ],
        "de": [
            "Bei einem Brand in einem Chemiewerk in {place} wurden am {d1} {n4} Arbeiter verletzt, teilte {p1} mit.",
            "Rund {n1} Anwohner sollten ihre Häuser nicht verlassen, ein Gebiet von {km} Quadratkilometern wurde abgesperrt.",
            "{p2} sagte, der Betreiber sei {year} zu einer Strafe von {money} verurteilt worden.",
            "Die Luftverschmutzung lag am {d2} um {pct} über dem Grenzwert, so {p2}.",
            "Laut {p1} waren noch {n5} Feuerwehrleute im Einsatz.",
        ],
        "tr": [
            "{p1}, {d1} tarihinde {place} kentindeki bir kimya tesisinde çıkan yangında {n4} işçinin yaralandığını söyledi.",
            "Yaklaşık {n1} kişiye evlerinden çıkmamaları söylendi ve {km} kilometrekarelik bir alan kapatıldı.",
            "{p2}, tesis sahibine {year} yılında {money} para cezası verildiğini belirtti.",
            "{p2} tarafından yapılan açıklamaya göre tesis yakınındaki hava kirliliği {d2} tarihinde yasal sınırın {pct} üzerindeydi.",
            "{p1}, {n5} itfaiyecinin hâlâ olay yerinde olduğunu söyledi.",
        ],
        "id": [
            "Kebakaran di sebuah pabrik kimia di {place} pada {d1} melukai {n4} pekerja, kata {p1}.",
            "Sekitar {n1} warga diminta tetap di dalam rumah, dan area seluas {km} kilometer persegi ditutup.",
            "{p2} mengatakan pemilik pabrik pernah didenda {money} pada {year}.",
            "Polusi udara di dekat lokasi mencapai {pct} di atas batas resmi pada {d2}, menurut {p2}.",
            "{p1} mengatakan {n5} petugas pemadam kebakaran masih berada di lokasi.",
        ],
        "ru": [
            "Пожар на химическом заводе в городе {place} {d1} привёл к ранениям {n4} рабочих, сообщает {p1}.",
            "Около {n1} жителей попросили не выходить из домов, зона площадью {km} квадратных километров оцеплена.",
            "{p2} заявляет, что владелец завода был оштрафован на {money} в {year} году.",
            "Загрязнение воздуха рядом с заводом {d2} превысило допустимый уровень на {pct}, сообщает {p2}.",
            "{p1} сообщает, что на месте всё ещё работают {n5} пожарных.",
        ],
        "uk": [
            "Пожежа на хімічному заводі в місті {place} {d1} призвела до поранень {n4} робітників, повідомляє {p1}.",
            "Близько {n1} мешканців попросили не виходити з домівок, зону площею {km} квадратних кілометрів оточено.",
            "{p2} заявляє, що власника заводу було оштрафовано на {money} у {year} році.",
            "Забруднення повітря біля заводу {d2} перевищило допустимий рівень на {pct}, повідомляє {p2}.",
            "{p1} повідомляє, що на місці досі працюють {n5} пожежників.",
        ],
        "ar": [
            "أدى حريق في مصنع للكيماويات في {place} في {d1} إلى إصابة {n4} عاملا، بحسب {p1}.",
            "وطُلب من نحو {n1} من السكان البقاء في منازلهم، وأُغلقت منطقة مساحتها {km} كيلومترا مربعا.",
            "وقال {p2} إن مالك المصنع غُرّم {money} في عام {year}.",
            "وتجاوز تلوث الهواء قرب الموقع الحد القانوني بنسبة {pct} في {d2}، وفق {p2}.",
            "وأضاف {p1} أن {n5} من رجال الإطفاء ما زالوا في الموقع.",
        ],
        "fa": [
            "به گفته {p1}، آتش‌سوزی در یک کارخانه مواد شیمیایی در {place} در {d1} {n4} کارگر را زخمی کرد.",
            "از حدود {n1} نفر از ساکنان خواسته شد در خانه بمانند و منطقه‌ای به وسعت {km} کیلومتر مربع بسته شد.",
            "{p2} گفت مالک کارخانه در سال {year} به پرداخت {money} جریمه محکوم شده بود.",
            "به گفته {p2}، آلودگی هوا در نزدیکی محل در {d2} {pct} بالاتر از حد مجاز بود.",
            "{p1} گفت {n5} آتش‌نشان هنوز در محل حضور دارند.",
        ],
        "el": [
            "Πυρκαγιά σε χημικό εργοστάσιο στην πόλη {place} τραυμάτισε στις {d1} {n4} εργάτες, δήλωσε {p1}.",
            "Περίπου {n1} κάτοικοι κλήθηκαν να μείνουν στα σπίτια τους και αποκλείστηκε περιοχή {km} τετραγωνικών χιλιομέτρων.",
            "{p2} δήλωσε ότι ο ιδιοκτήτης του εργοστασίου είχε τιμωρηθεί με πρόστιμο {money} το {year}.",
            "Η ατμοσφαιρική ρύπανση κοντά στο σημείο ξεπέρασε το νόμιμο όριο κατά {pct} στις {d2}, σύμφωνα με {p2}.",
            "{p1} ανέφερε ότι {n5} πυροσβέστες βρίσκονται ακόμη στο σημείο.",
        ],
    },
    "strike": {
        "en": [
            "Some {n1} transport workers went on strike in {place} on {d1}, demanding a pay rise of {pct}.",
            "{p1} said the strike was costing the city {money} a day.",
            "Union leader {p2} said talks would resume on {d2}.",
            "{n4} buses and {n5} trains were cancelled, and traffic jams stretched for {km} kilometres.",
            "{p2} said the last strike of this size took place in {year}, when {n2} workers walked out.",
        ],
        "fr": [
            "Quelque {n1} employés des transports se sont mis en grève à {place} le {d1}, réclamant une hausse de salaire de {pct}.",
            "Selon {p1}, la grève coûte {money} par jour à la ville.",
            "Le dirigeant syndical {p2} a annoncé la reprise des négociations le {d2}.",
            "{n4} bus et {n5} trains ont été annulés, et les embouteillages s'étendaient sur {km} kilomètres.",
            "{p2} a rappelé que la dernière grève de cette ampleur remontait à {year}, quand {n2} salariés avaient cessé le travail.",
        ],
        "es": [
            "Unos {n1} trabajadores del transporte se declararon en huelga en {place} el {d1} para exigir una subida salarial del {pct}.",
            "{p1} dijo que la huelga le cuesta a la ciudad {money} al día.",
            "El líder sindical {p2} dijo que las negociaciones se reanudarán el {d2}.",
            "Se cancelaron {n4} autobuses y {n5} trenes, y los atascos se extendieron a lo largo de {km} kilómetros.",
            "{p2} recordó que la última huelga de esta magnitud fue en {year}, cuando pararon {n2} trabajadores.",
        ],
        "de": [
            "Rund {n1} Beschäftigte im Nahverkehr sind am {d1} in {place} in den Streik getreten; sie fordern {pct} mehr Lohn.",
            "{p1} sagte, der Streik koste die Stadt {money} pro Tag.",
            "Gewerkschaftschef {p2} kündigte an, die Gespräche würden am {d2} fortgesetzt.",
            "{n4} Busse und {n5} Züge fielen aus, die Staus reichten über {km} Kilometer.",
            "{p2} sagte, der letzte Streik dieser Größe sei {year} gewesen, als {n2} Beschäftigte die Arbeit niederlegten.",
        ],
        "tr": [
            "{place} kentinde {d1} tarihinde yaklaşık {n1} ulaşım çalışanı {pct} ücret artışı talebiyle greve gitti.",
            "{p1}, grevin kente günde {money} maliyeti olduğunu söyledi.",
            "Sendika lideri {p2}, görüşmelerin {d2} tarihinde yeniden başlayacağını açıkladı.",
            "{n4} otobüs ve {n5} tren seferi iptal edildi, trafik sıkışıklığı {km} kilometreye ulaştı.",
            "{p2}, bu büyüklükteki son grevin {year} yılında yapıldığını ve {n2} çalışanın iş bıraktığını hatırlattı.",
        ],
        "id": [
            "Sekitar {n1} pekerja transportasi mogok kerja di {place} pada {d1}, menuntut kenaikan gaji {pct}.",
            "{p1} mengatakan mogok itu merugikan kota {money} per hari.",
            "Pemimpin serikat pekerja {p2} mengatakan perundingan akan dilanjutkan pada {d2}.",
            "Sebanyak {n4} bus dan {n5} kereta dibatalkan, dan kemacetan mencapai {km} kilometer.",
            "{p2} mengatakan mogok terakhir sebesar ini terjadi pada {year}, ketika {n2} pekerja berhenti bekerja.",
        ],
        "ru": [
            "Около {n1} работников транспорта объявили забастовку в городе {place} {d1}, требуя повышения зарплаты на {pct}.",
            "{p1} заявляет, что забастовка обходится городу в {money} в день.",
            "Профсоюзный лидер {p2} заявляет, что переговоры возобновятся {d2}.",
            "Отменены {n4} автобусов и {n5} поездов, пробки растянулись на {km} километров.",
            "{p2} напоминает, что последняя забастовка такого масштаба прошла в {year} году, когда работу прекратили {n2} человек.",
        ],
        "uk": [
            "Близько {n1} працівників транспорту оголосили страйк у місті {place} {d1}, вимагаючи підвищення зарплати на {pct}.",
            "{p1} заявляє, що страйк коштує місту {money} на день.",
            "Профспілковий лідер {p2} заявляє, що переговори відновляться {d2}.",
            "Скасовано {n4} автобусів і {n5} потягів, затори розтяглися на {km} кілометрів.",
            "{p2} нагадує, що останній страйк такого масштабу відбувся у {year} році, коли роботу припинили {n2} людей.",
        ],
        "ar": [
            "أضرب نحو {n1} من عمال النقل في {place} في {d1}، مطالبين بزيادة الأجور بنسبة {pct}.",
            "وقال {p1} إن الإضراب يكلف المدينة {money} يوميا.",
            "وأعلن الزعيم النقابي {p2} أن المحادثات ستستأنف في {d2}.",
            "وأُلغيت رحلات {n4} حافلة و{n5} قطارا، وامتدت الاختناقات المرورية لمسافة {km} كيلومترا.",
            "وذكّر {p2} بأن آخر إضراب بهذا الحجم وقع في عام {year}، حين توقف {n2} عامل عن العمل.",
        ],
        "fa": [
            "حدود {n1} نفر از کارکنان حمل‌ونقل در {place} در {d1} دست به اعتصاب زدند و خواستار افزایش {pct} دستمزد شدند.",
            "{p1} گفت این اعتصاب روزانه {money} برای شهر هزینه دارد.",
            "{p2}، رهبر اتحادیه، گفت مذاکرات در {d2} از سر گرفته می‌شود.",
            "{n4} اتوبوس و {n5} قطار لغو شد و ترافیک تا {km} کیلومتر امتداد یافت.",
            "{p2} یادآوری کرد که آخرین اعتصاب با این ابعاد در سال {year} بود، زمانی که {n2} کارگر دست از کار کشیدند.",
        ],
        "el": [
            "Περίπου {n1} εργαζόμενοι στις συγκοινωνίες κατέβηκαν σε απεργία στην πόλη {place} στις {d1}, ζητώντας αύξηση μισθών {pct}.",
            "{p1} δήλωσε ότι η απεργία κοστίζει στην πόλη {money} την ημέρα.",
            "Ο συνδικαλιστής {p2} ανακοίνωσε ότι οι συνομιλίες θα συνεχιστούν στις {d2}.",
            "Ακυρώθηκαν {n4} λεωφορεία και {n5} τρένα, ενώ το μποτιλιάρισμα έφτασε τα {km} χιλιόμετρα.",
            "{p2} θύμισε ότι η τελευταία απεργία τέτοιου μεγέθους έγινε το {year}, όταν {n2} εργαζόμενοι σταμάτησαν τη δουλειά.",
        ],
    },
}

# A later story on the same topic recalls one figure of an earlier one.
CALLBACK = {
    "en": "Earlier this month, {n1} people had to leave their homes in {place}.",
    "fr": "Plus tôt ce mois-ci, {n1} personnes avaient dû quitter leur domicile à {place}.",
    "es": "A principios de mes, {n1} personas tuvieron que abandonar sus casas en {place}.",
    "de": "Anfang des Monats mussten {n1} Menschen in {place} ihre Häuser verlassen.",
    "tr": "Bu ayın başında {place} kentinde {n1} kişi evlerini terk etmek zorunda kalmıştı.",
    "id": "Awal bulan ini, {n1} orang harus meninggalkan rumah mereka di {place}.",
    "ru": "В начале месяца {n1} человек были вынуждены покинуть свои дома в городе {place}.",
    "uk": "На початку місяця {n1} людей були змушені залишити свої домівки в місті {place}.",
    "ar": "وفي وقت سابق من هذا الشهر، اضطر {n1} شخص إلى مغادرة منازلهم في {place}.",
    "fa": "اوایل این ماه {n1} نفر مجبور به ترک خانه‌های خود در {place} شدند.",
    "el": "Νωρίτερα μέσα στον μήνα, {n1} άνθρωποι αναγκάστηκαν να εγκαταλείψουν τα σπίτια τους στην πόλη {place}.",
}

# Syllables for the prose between the figures (quotes, background), which a
# translation renders in words that share nothing across languages.
SYLLABLES = {
    "latin": "ka lo mi ner tas vu de ri sol pen ma ti ro gal bel nu sar ve dan or en us".split(),
    "cyrillic": "ка ло ми нер тас ву де ри сол пен ма ти ро гал бел ну сар ве дан ор ен ус".split(),
    "arabic": "كا لو مي نر تس و د ري سل بن ما تي رو غل بل نو سر في دن ور ان س".split(),
    "greek": "κα λο μι νερ τας βου δε ρι σολ πεν μα τι ρο γκαλ μπελ νου σαρ βε νταν ορ εν ους".split(),
}
SCRIPT = {"ru": "cyrillic", "uk": "cyrillic", "ar": "arabic", "fa": "arabic", "el": "greek"}
