"""Synthetic scraped pages with known ground truth, for tests and benchmarks.

Each generated page imitates one family of scraped layouts: a WordPress
aggregator wrapped in menus and widgets, a state-media page with unrelated
stories appended, a news-app list of items, a PR-wire release, a newsletter
without blank lines and with a reader comment, or a plain story. All text is
built from small pools of sentences written for this module (China–Central
Asia cooperation for main stories; weather, sport, technology and health for
the stories appended to them), so pages differ without being real reporting.

Alongside the text, every :class:`SynthPage` carries what a careful human
reader would say about it: each story's title, body paragraphs (subheads
included, in order), captions, notes, byline, publisher and original source
where the text states them, each reader comment, and the lines of site chrome
that belong to no article.

Examples
--------
>>> import random
>>> page = make_page(random.Random(3), layout="state_multi", n_stories=2)
>>> len(page.articles)
2
>>> page.articles[0].title in page.text
True
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["LAYOUTS", "MAIN_TOPICS", "OTHER_TOPICS", "SynthArticle", "SynthPage", "sentence_pool", "make_page",
           "make_corpus", "make_html_page", "make_articles_table"]

LAYOUTS = ("wordpress", "state_multi", "news_app", "pr_wire", "newsletter", "plain")
MAIN_TOPICS = ("rail", "gas", "trade", "students", "solar")
OTHER_TOPICS = ("weather", "sport", "tech", "health")


@dataclass(frozen=True)
class SynthArticle:
    """The ground truth for one story or reader comment of a synthetic page.

    Attributes
    ----------
    title : str
        The headline as a reader would quote it, without a source suffix such
        as ``-Xinhua``; ``""`` for comments and untitled stories.
    paragraphs : tuple of str
        Every body paragraph in page order, subheads included, stripped of
        surrounding whitespace and of inline player text.
    original_source : str or None
        The outlet the text names as the story's author (dateline agency,
        PR-wire "A report from ...", title suffix); None where the text
        names none.
    kind : str
        ``"article"`` or ``"comment"``.
    publisher : str or None
        The publisher where the text itself names it (a news-app item's
        outlet line, a PR-wire mark); None otherwise.
    byline : str or None
        The author's name where a byline line gives it.
    captions : tuple of str
        Photo captions that belong to the story (kept apart from the body).
    notes : tuple of str
        Editor's notes and disclaimers that belong to the story.
    topic : str
        The generator's topic label (``"rail"``, ``"weather"``, ...).
    """

    title: str
    paragraphs: tuple[str, ...]
    original_source: str | None
    kind: str = "article"
    publisher: str | None = None
    byline: str | None = None
    captions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    topic: str = ""

    @property
    def text(self) -> str:
        """The body as :func:`framing.read_corpus` joins it: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class SynthPage:
    """A generated page: its raw text and its ground truth.

    Attributes
    ----------
    text : str
        The page as a scraper would save it; line ends are ``"\\n"`` or
        ``"\\r\\n"`` (see ``newline``).
    articles : tuple of SynthArticle
        Stories, then reader comments, each in page order.
    chrome_lines : tuple of str
        Stripped lines of site chrome (menus, widgets, prompts, time stamps,
        repeated titles, footers) and inline chrome runs (player text): none of
        them may appear in any article's text.
    layout : str
        The layout family, one of :data:`LAYOUTS`.
    newline : str
        The line terminator used in ``text``.
    site : str or None
        The site name printed in the page chrome, where there is one.
    related : tuple of str
        Headlines of the page's link widgets (used for the HTML rendering).
    """

    text: str
    articles: tuple[SynthArticle, ...]
    chrome_lines: tuple[str, ...]
    layout: str = ""
    newline: str = "\n"
    site: str | None = None
    related: tuple[str, ...] = ()

    @property
    def stories(self) -> tuple[SynthArticle, ...]:
        """The articles that are stories, not comments."""
        return tuple(a for a in self.articles if a.kind == "article")

    @property
    def comments(self) -> tuple[SynthArticle, ...]:
        """The reader comments."""
        return tuple(a for a in self.articles if a.kind == "comment")


# ---------------------------------------------------------------- sentence pools
#
# Sentences are subject + predicate (+ attribution), plus a few free-standing
# sentences per topic. Predicates are in the past tense or with a modal so that
# any subject fits grammatically.


@dataclass(frozen=True)
class _Topic:
    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    tails: tuple[str, ...]
    extras: tuple[str, ...]
    titles: tuple[str, ...]
    subheads: tuple[str, ...] = ()
    scenes: tuple[str, ...] = ()


_TOPICS: dict[str, _Topic] = {
    "general": _Topic(
        subjects=("China and the five Central Asian countries", "Leaders at the summit in Astana",
                  "Officials from both sides", "Analysts in the region", "Senior diplomats",
                  "Business groups in Almaty and Tashkent", "Diplomats who attended the talks",
                  "Ministers from the six countries"),
        predicates=("pledged to deepen cooperation in trade, energy and transport",
                    "agreed to turn summit decisions into concrete projects",
                    "said ties had entered a period of steady growth",
                    "called for more flights, visas and exchanges between young people",
                    "set up working groups to follow each project",
                    "described the partnership as practical and forward-looking",
                    "said the new projects would create jobs across the region",
                    "promised to meet again next year to review progress"),
        tails=("", "", "", "according to a joint statement", "officials said", "observers noted"),
        extras=("The second China-Central Asia Summit closed in Astana in June.",
                "Dozens of documents were signed on the sidelines of the meeting.",
                "Neighbours on the old caravan routes are finding new reasons to work together.",
                "Few expected the talks to produce so many signed deals in a single week.",
                "Much of the work now falls to local officials and company managers.",
                "Ordinary people will judge the partnership by what changes in their towns.",
                "The next meeting of the foreign ministers is planned for the autumn.",
                "Both sides stressed respect for each other's chosen paths of development."),
        titles=(),
    ),
    "rail": _Topic(
        subjects=("Freight operators on the Xi'an to Almaty route",
                  "Builders of the China-Kyrgyzstan-Uzbekistan railway",
                  "Managers at the Khorgos dry port", "Kazakh rail operators",
                  "Crews on the mountain section of the line", "Staff at the Alashankou border station",
                  "Logistics companies in Tashkent", "A joint customs team at the rail crossing"),
        predicates=("handled more wagons this spring than in any earlier season",
                    "cut the time needed to clear cargo at the border to a few hours",
                    "added two new weekly services to the Caspian ports",
                    "said the line would give the Fergana Valley a direct rail outlet to the east",
                    "moved grain, cotton and machine parts in both directions",
                    "began checking waybills with a shared electronic system",
                    "reported steady progress on the tunnels through the ridge",
                    "hired hundreds of local workers for track maintenance"),
        tails=("", "", "", "according to the operator", "station managers said", "a company spokesperson said"),
        extras=("Each train carries about fifty containers of household goods and spare parts.",
                "Drivers who once waited days at the crossing now pass in an afternoon.",
                "The line climbs through passes more than three thousand metres high.",
                "Wagons still change bogies where the track gauge changes at the border.",
                "Local traders say faster trains have lowered the price of imported tools.",
                "Gantry cranes at the dry port now work around the clock.",
                "Engineers from three countries share one control room at the construction camp.",
                "\"Our clients now plan a whole trip in hours instead of weeks,\" a freight agent said."),
        titles=("China-Europe freight trains speed through Kazakh hubs",
                "Mountain railway brings Fergana Valley closer to eastern markets",
                "Border rail crossing cuts waiting times for cargo",
                "Dry port on Kazakh border handles record container traffic",
                "New rail services link Xinjiang with Caspian ports"),
        subheads=("RAILS SHORTEN DISTANCES", "TRAINS CROSS THE STEPPE", "NEW ROUTES TO THE SEA",
                  "FASTER BORDER CROSSINGS"),
        scenes=("A freight train leaves the dry port", "Workers lay track on the mountain section of the railway",
                "Containers are loaded onto wagons at a border station"),
    ),
    "gas": _Topic(
        subjects=("The operator of the Central Asia-China gas pipeline", "Staff at a compressor station near Shymkent",
                  "Turkmen gas producers", "Engineers from the pipeline company",
                  "Utility managers in southern Kazakhstan", "Builders of the fourth line of the pipeline",
                  "Gas exporters in the region"),
        predicates=("delivered steady volumes through the coldest weeks of winter",
                    "replaced old valves as part of a planned upgrade",
                    "supplied fuel to heating plants in several eastern cities",
                    "connected more villages to the network for household gas",
                    "reported no major interruptions during the year",
                    "trained young technicians to watch pressure around the clock",
                    "said yearly capacity could rise if construction stays on track"),
        tails=("", "", "the operator said", "according to the energy ministry", "engineers said",
               "industry figures show"),
        extras=("The pipeline runs through Uzbekistan and Kazakhstan before crossing into China.",
                "Gas from the region now heats millions of homes every winter.",
                "Villages along the route received gas connections as part of the project.",
                "Maintenance crews inspect the line by helicopter twice a year.",
                "New meters let households pay for gas with a mobile phone.",
                "Joint refineries are upgrading equipment to meet stricter rules.",
                "\"The gas arrives on time, winter after winter,\" a station manager said.",
                "Planners expect demand for gas to keep rising for another decade."),
        titles=("Central Asian gas keeps eastern cities warm through winter",
                "Pipeline upgrade raises hopes for steady gas supply",
                "Villages along gas pipeline get household connections",
                "Gas cooperation remains anchor of China-Central Asia ties"),
        subheads=("GAS KEEPS CITIES WARM", "PIPELINES OLD AND NEW", "ENERGY AS AN ANCHOR"),
        scenes=("Technicians check valves at a gas compressor station",
                "A worker inspects a section of the gas pipeline"),
    ),
    "trade": _Topic(
        subjects=("Honey producers in Kyrgyzstan", "Exporters of dried fruit in Uzbekistan",
                  "Cross-border e-commerce firms", "Kazakh wheat growers", "Exhibitors at a trade fair in Urumqi",
                  "Small traders at the bazaar in Osh", "Chinese machinery makers"),
        predicates=("reported record sales in the first half of the year",
                    "signed contracts worth several hundred million dollars",
                    "found new buyers for honey, apricots and walnuts",
                    "shipped more parcels through bonded warehouses on the border",
                    "opened showrooms in the larger cities of the region",
                    "gained from simpler customs rules introduced last year",
                    "said orders would keep growing through the autumn"),
        tails=("", "", "customs data show", "the chamber of commerce said", "traders said",
               "according to official figures"),
        extras=("Trade between China and the five countries passed ninety billion dollars last year.",
                "Camel-milk chocolate and mountain honey drew long queues at the fair.",
                "Online shops now deliver Chinese appliances to Almaty within a week.",
                "Farmers say the border is easier to cross with fresh produce than before.",
                "Buyers from eastern provinces signed deals for dried apricots on the first day.",
                "Small firms are using the new bonded warehouses to store goods near customers.",
                "\"Our melons used to rot at the border, now they reach Beijing in days,\" a grower said.",
                "Bankers expect more trade to be settled in local currencies."),
        titles=("Central Asian farm goods find new buyers in China",
                "Trade between China and Central Asia hits record high",
                "E-commerce parcels flow through border warehouses",
                "Trade fair draws exporters from across Central Asia"),
        subheads=("TRADE REACHES NEW HIGHS", "MARKETS OPEN FOR FARMERS", "BAZAARS GO ONLINE"),
        scenes=("Visitors look at dried fruit at a trade fair", "Traders sort parcels at a bonded warehouse"),
    ),
    "students": _Topic(
        subjects=("A Luban Workshop in Dushanbe", "Chinese universities", "Language schools in Bishkek",
                  "The vocational programme in Almaty", "An exchange scheme for young engineers",
                  "A college in Tashkent", "Teacher-training centres in the region"),
        predicates=("welcomed a larger group of trainees this term",
                    "offered places in railway signalling and power engineering",
                    "helped graduates find jobs at joint ventures",
                    "added evening courses in Chinese and Russian",
                    "held open days that drew hundreds of families",
                    "sent teachers abroad for summer training",
                    "gave young people a practical route into skilled work"),
        tails=("", "", "the school said", "organisers said", "teachers said",
               "according to the education ministry"),
        extras=("Thousands of young people from the region now study at Chinese universities.",
                "Many trainees hope to work at a joint venture close to home.",
                "Scholarships cover tuition, housing and a small monthly allowance.",
                "Classes mix lectures with long hours in the workshop.",
                "Parents say the courses open doors their own generation never had.",
                "Some graduates return to teach the next group of trainees.",
                "\"I want to fix the machines my father could only look at,\" one trainee said.",
                "Visa rules for students were eased earlier this year."),
        titles=("Central Asian students head east for skills and degrees",
                "Vocational workshop trains young technicians in Dushanbe",
                "Scholarships draw more Central Asian students to China",
                "Language classes fill up as exchanges grow"),
        subheads=("CLASSROOMS BUILD BRIDGES", "SKILLS FOR YOUNG WORKERS", "LEARNING EACH OTHER'S LANGUAGES"),
        scenes=("Students attend a Chinese language class", "Trainees practise welding at a vocational workshop"),
    ),
    "solar": _Topic(
        subjects=("The operator of a solar plant in the Navoi region",
                  "Developers of wind and solar projects in southern Kazakhstan",
                  "Chinese equipment makers", "Technicians at the photovoltaic station",
                  "The company behind the new plant near Samarkand", "Local grid operators",
                  "Investors in clean energy"),
        predicates=("began feeding electricity into the national grid this spring",
                    "installed panels that turn to follow the sun through the day",
                    "helped cut the use of coal at nearby heating plants",
                    "built a battery station to store power for the evening peak",
                    "hired most workers from surrounding villages",
                    "signed a deal for turbines at three new sites",
                    "doubled output compared with the year before"),
        tails=("", "", "the developer said", "plant managers said", "according to the energy ministry",
               "officials said"),
        extras=("Rows of panels now stretch toward the horizon where cotton once grew.",
                "The region has more than three hundred sunny days a year.",
                "Grid upgrades remain the main bottleneck for new wind and solar sites.",
                "Local engineers learned to service inverters from visiting specialists.",
                "The plant is expected to power several hundred thousand homes.",
                "Dust storms mean the panels must be washed every few weeks.",
                "\"Three years ago I had never seen an inverter up close,\" an operator said.",
                "Officials plan to auction more sites for renewable power next year."),
        titles=("Solar plants turn Central Asian sunshine into power",
                "Wind and solar projects gather pace on the steppe",
                "Chinese-built solar station starts feeding national grid",
                "Clean energy deals add new weight to regional ties"),
        subheads=("SUNSHINE INTO POWER", "CLEAN ENERGY ON THE STEPPE", "GREEN PROJECTS GATHER PACE"),
        scenes=("Technicians clean panels at a solar power station", "Engineers inspect a wind turbine"),
    ),
    "weather": _Topic(
        subjects=("Heavy rain in the southern provinces", "A cold front from the north", "Thunderstorms over the coast",
                  "The storm", "Strong winds", "Days of downpours", "Hail and heavy rain"),
        predicates=("forced schools to close for two days", "flooded roads in several towns",
                    "brought temperatures down by ten degrees overnight", "damaged crops and greenhouses",
                    "delayed dozens of flights at the main airport", "cut power to thousands of homes",
                    "pushed river levels above the warning mark"),
        tails=("", "", "forecasters said", "the weather bureau said", "local authorities said",
               "according to rescue officials"),
        extras=("Forecasters expect the rain to ease gradually over the weekend.",
                "Residents of low-lying streets were moved to school gyms for the night.",
                "Waterlogged hillsides remain prone to landslides, officials warned.",
                "Ferry services were suspended until the wind drops.",
                "Rescue teams used boats to reach villages cut off by the water.",
                "Drivers were told to stay off mountain roads until further notice.",
                "The meteorological service renewed its yellow alert for rainstorms.",
                "More showers are expected in the north early next week."),
        titles=("Heavy rain brings flood warnings to southern towns", "Cold snap sends temperatures tumbling",
                "Storms delay flights and close schools", "Forecasters warn of more downpours this weekend",
                "Rivers rise after days of rain", "Hailstorm damages crops in river valley"),
    ),
    "sport": _Topic(
        subjects=("The home side", "The national team", "The visiting club", "The league champions",
                  "The under-21 squad", "The city club", "The women's team"),
        predicates=("won the final on penalties after a goalless draw",
                    "scored twice in the second half to seal the win", "lost narrowly in the semi-final",
                    "named three new players for the autumn qualifiers",
                    "kept a clean sheet for the fifth match in a row", "climbed to second place in the table",
                    "drew a record crowd to the new stadium"),
        tails=("", "", "the league said", "club officials said", "according to the match report"),
        extras=("The striker curled the winner into the top corner in stoppage time.",
                "Supporters sang long after the final whistle.",
                "The coach praised his defenders for their discipline.",
                "Tickets for the return leg sold out within an hour.",
                "The goalkeeper saved two penalties in the shoot-out.",
                "Injuries forced the captain off before half-time.",
                "\"We never stopped believing,\" the captain told reporters.",
                "The season resumes after a two-week break for internationals."),
        titles=("Home side wins cup final on penalties", "Teenage striker fires city club to late win",
                "National team names young squad for qualifiers", "City club clinches first title in a decade",
                "Veteran goalkeeper keeps fifth straight clean sheet"),
    ),
    "tech": _Topic(
        subjects=("A domestic chip maker", "The smartphone company", "A start-up in the southern tech hub",
                  "The software firm", "The electric car maker", "A robotics company", "The search engine group"),
        predicates=("unveiled a faster processor for laptops", "reported higher sales of folding phones",
                    "launched an app that translates speech in real time",
                    "opened a research centre for machine learning", "recalled a batch of faulty batteries",
                    "raised fresh funding from investors", "cut the price of its entry-level model"),
        tails=("", "", "the company said", "analysts said", "according to a statement"),
        extras=("The new chip uses less power than the model it replaces.",
                "Shares in the company rose after the announcement.",
                "Developers can test the app free of charge until the end of the year.",
                "The firm plans to hire several hundred programmers.",
                "Reviewers praised the battery life but criticised the camera.",
                "The device goes on sale next month.",
                "\"Speed matters less than reliability,\" the chief engineer said.",
                "Rivals are expected to answer with cheaper models of their own."),
        titles=("Chip maker unveils faster laptop processor", "Start-up launches real-time translation app",
                "Phone maker reports jump in folding phone sales", "Electric car maker cuts price of entry model",
                "Robotics firm opens research centre"),
    ),
    "health": _Topic(
        subjects=("The city's main hospital", "Health authorities", "A team of doctors", "The vaccination campaign",
                  "Researchers at the medical university", "The new clinic", "Family doctors"),
        predicates=("reported fewer flu cases than last winter", "opened a new ward for children",
                    "urged older people to get a booster shot", "began free screening for diabetes",
                    "extended opening hours during the heatwave", "trained nurses to use new heart monitors",
                    "warned about rising cases of measles"),
        tails=("", "", "the health ministry said", "doctors said", "according to a statement"),
        extras=("Patients can book appointments online from next week.",
                "Waiting times for surgery have fallen by a third.",
                "Doctors advised people to drink water and avoid the midday sun.",
                "The screening takes ten minutes and needs no appointment.",
                "Nurses will visit villages that have no clinic of their own.",
                "The ward has twenty beds and a playroom.",
                "\"Early checks save lives,\" the head of the clinic said.",
                "Vaccines are free for children and people over sixty."),
        titles=("Hospital opens new children's ward", "Health officials urge booster shots for older people",
                "Free diabetes screening begins in the capital", "Flu cases fall as winter ends",
                "Doctors warn of rising measles cases"),
    ),
}

_TITLE_ACTORS = ("China and Central Asia", "China, Kazakhstan", "China, Uzbekistan", "China, Kyrgyzstan",
                 "Beijing and Central Asian capitals", "China, Central Asian partners")
_TITLE_VERBS = ("expand", "deepen", "step up", "speed up", "broaden")
_TITLE_OBJECTS = {"rail": "rail freight links", "gas": "gas cooperation", "trade": "trade in farm goods",
                  "students": "student exchanges", "solar": "solar power projects"}
_TITLE_ENDINGS = ("", "", " as summit deals take shape", " after Astana summit", " in busy summer")

_FIRST = ("Aigerim", "Dilnoza", "Nurlan", "Bakyt", "Farrukh", "Madina", "Timur", "Zarina", "Askar", "Gulnara",
          "Rustam", "Saule")
_LAST = ("Tulegenova", "Karimova", "Abenov", "Osmonov", "Yusupov", "Rakhimova", "Seitkali", "Nazarova",
         "Bekov", "Saidova", "Akhmetov", "Ergasheva")
_CHINESE_NAMES = ("Zhang Wenhao", "Chen Xiaolin", "Liu Jianping", "Wang Yue", "Ma Lin", "Sun Lihua", "Zhao Ming",
                  "Li Qing", "Hu Jun", "Guo Fang")
_ROLES = ("a researcher at a university in Almaty", "an economist in Tashkent", "a plant manager",
          "a freight agent in Bishkek", "a teacher in Dushanbe", "an engineer on the project")
_MAIN_CITIES = ("ASTANA", "ALMATY", "TASHKENT", "BISHKEK", "DUSHANBE", "ASHGABAT", "URUMQI", "XI'AN", "BEIJING")
_OTHER_CITIES = ("BEIJING", "GUANGZHOU", "SHENZHEN", "SHANGHAI", "CHENGDU")
_PLACES = ("near Khorgos, Kazakhstan", "in Tashkent, Uzbekistan", "in Bishkek, Kyrgyzstan", "near Shymkent, Kazakhstan",
           "in Dushanbe, Tajikistan", "in the Navoi region, Uzbekistan", "in Urumqi, northwest China")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MON3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_SITES = ("Silk Corridor Daily", "Eurasia Pulse", "Caravan News Hub", "Tianshan Times Online", "Orient Ledger",
          "Steppe Signal")
_MENU = ("Home", "World", "Business", "China", "Central Asia", "Energy", "Tech", "Opinion", "Sports", "Culture",
         "Travel")
_FOOTER_MENU = ("Home", "About Us", "Advertise with Us", "Cookie Policy", "Privacy Policy", "Terms of Service",
                "Contact")
_CATEGORIES = ("China", "Business", "World", "Asia", "Economy")
_SOCIAL = ("Facebook X (Twitter) Instagram Telegram", "Facebook X (Twitter) Instagram Telegram YouTube",
           "Facebook Twitter Pinterest LinkedIn Telegram")
_SHARE = ("Share Facebook Twitter LinkedIn Email WhatsApp Copy Link", "Share Facebook Twitter Pinterest Email",
          "Share. Telegram Reddit Facebook Email", "Facebook Telegram Reddit Email")
_SUBSCRIBE = (("Subscribe to Updates", "Get the region's top headlines in your inbox every morning."),
              ("Sign up for our newsletter", "Never miss a story from the Silk Road and beyond."),
              ("Subscribe to Updates", "Join our mailing list for daily briefings and explainers!"))
_WIDGET_HEADS = ("Trending Now", "Most Popular", "Latest Posts", "Editor's Picks", "Recent Posts")
_SUFFIXES = (("-Xinhua", "Xinhua"), (" - Xinhua", "Xinhua"), (" - China Daily", "China Daily"), (" | CGTN", "CGTN"))
_APP_OUTLETS = ("The Star", "The Diplomat", "IOL News", "Astana Times", "Gazeta.uz", "Kun.uz", "Malay Mail",
                "Eurasianet", "Bangkok Post")
_APP_CATEGORIES = ("Business", "World", "Politics", "Asia", "Economy")
_PR_SOURCES = (("An article from People's Daily", "People's Daily"), ("A report from Xinhua", "Xinhua"),
               ("An article from China Daily", "China Daily"), ("A report by CGTN", "CGTN"))
_PLAYER_UI = (
    "Video Player loading. Play Mute Current Time 0:00 / Duration 1:58 Loaded: 0% Quality Auto HD "
    "Captions Off Settings Playback Speed Normal Fullscreen Share Embed Copy URL",
    "Play Video Pause Current Time 0:00 Unmute Duration 1:42 Loaded: 0% Subtitles Off Fullscreen Close ✕",
    "Video Player loading. Pause Mute Current Time 0:12 / Duration 2:05 Loaded: 35% Picture-in-Picture Fullscreen",
)
_COMMENTS = (
    "honestly i just want to take the night train across {c} one day {e} has anyone done it??",
    "my cousin studied in xi'an for two years and loved it, {c} and china really are getting closer {e}",
    "lol the solar farm near my village in {c} is huge now {e} nobody believed it would get built",
    "i miss the plov back home in {c} so much {e} great issue as always",
    "wow did not know trade with {c} grew that fast {e} thanks for the summary!!",
    "my uncle drives trucks to the border from {c} and says the queues are way shorter now {e}",
)
_COMMENT_COUNTRIES = ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan")
_EMOJI = ("😋", "🚆", "☀️", "🙏", "😂", "👍", "✨")
_NEWSLETTER_SECTIONS = ("Achievements", "Challenges", "Prospects")
_CHALLENGES = (
    "Volatile commodity prices could hurt the export earnings of economies that rely on metals and cotton.",
    "Higher tariffs elsewhere raise costs for companies that trade across the region.",
    "Water shortages threaten farming and hydropower in the longer term.",
    "Cargo could move back to sea routes if shipping becomes cheaper again.",
    "Debts taken on for large projects must be repaid from uncertain revenues.",
    "Local protests over land and jobs have delayed some construction sites.",
    "Cyber attacks on power grids are a new worry for regional planners.",
)
_MY_TAKE = (
    "My take: the agreements are a useful map of priorities, but I would like to see more about costs "
    "and who pays them.",
    "My take: the rail projects matter most, and I will be watching whether the timetables hold next year.",
    "My take: I think the education schemes will outlast every pipeline, even if they make fewer headlines.",
)


class _Sentences:
    """Draws sentences of one topic without repeating any within a story."""

    def __init__(self, rng: random.Random, topic: str):
        self.rng = rng
        self.topic = topic
        t = _TOPICS[topic]
        self.pool = [f"{s} {p}{', ' + tail if tail else ''}." for s in t.subjects for p in t.predicates
                     for tail in dict.fromkeys(t.tails)] + list(t.extras)
        self.used: set[str] = set()

    def draw(self) -> str:
        for _ in range(50):
            s = self.rng.choice(self.pool)
            if s not in self.used:
                break
        self.used.add(s)
        return s

    def paragraph(self, n: int | None = None) -> str:
        n = n or self.rng.randint(2, 4)
        return " ".join(self.draw() for _ in range(n))


def sentence_pool(topic: str) -> list[str]:
    """All sentences the generator can write about ``topic``.

    Parameters
    ----------
    topic : str
        One of :data:`MAIN_TOPICS`, :data:`OTHER_TOPICS` or ``"general"``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> len(sentence_pool("rail")) >= 40
    True
    """
    return list(_Sentences(random.Random(0), topic).pool)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _date(rng: random.Random) -> tuple[int, int, int]:
    return 2025, rng.randint(1, 12), rng.randint(1, 28)


def _long_date(d: tuple[int, int, int]) -> str:
    return f"{_MONTHS[d[1] - 1]} {d[2]}, {d[0]}"


def _caption(rng: random.Random, topic: str, credit: str | None = None) -> str:
    scene = rng.choice(_TOPICS[topic].scenes)
    when = _long_date(_date(rng))
    who = rng.choice(_CHINESE_NAMES)
    credit = credit or rng.choice(("xinhua", "photo_xinhua"))
    if credit == "xinhua":
        tag = f"(Xinhua/{who})"
    elif credit == "photo_xinhua":
        tag = f"(Photo by {_name(rng)}/Xinhua)"
    else:
        tag = f"(Photo by {who}/{credit})"
    return f"{scene} {rng.choice(_PLACES)}, {when}. {tag}"


def _main_title(rng: random.Random, topics: Sequence[str]) -> str:
    if rng.random() < 0.5:
        return rng.choice(_TOPICS[topics[0]].titles)
    obj = _TITLE_OBJECTS[topics[0]]
    if len(topics) > 1:
        obj = f"{obj} and {_TITLE_OBJECTS[topics[1]]}"
    return f"{rng.choice(_TITLE_ACTORS)} {rng.choice(_TITLE_VERBS)} {obj}{rng.choice(_TITLE_ENDINGS)}"


def _dateline(rng: random.Random, cities: Sequence[str], agency: str = "Xinhua") -> str:
    d = _date(rng)
    return f"{rng.choice(cities)}, {_MONTHS[d[1] - 1]} {d[2]} ({agency}) -- "


@dataclass
class _Story:
    """A story being generated: paragraphs (subheads included) and its truth."""

    title: str
    paragraphs: list[str]
    topic: str
    original_source: str | None = None
    publisher: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    subheads: set[str] = field(default_factory=set)

    def truth(self) -> SynthArticle:
        return SynthArticle(self.title, tuple(p.strip() for p in self.paragraphs),
                            self.original_source, "article", self.publisher, self.byline, tuple(self.captions),
                            tuple(self.notes), self.topic)


def _main_story(rng: random.Random, *, subheads: bool, min_paras: int = 4, extra_chars: int = 0,
                topics: Sequence[str] | None = None) -> _Story:
    """A China–Central Asia story: intro, one section per sub-topic, closing; padded by ``extra_chars``."""
    topics = list(topics or rng.sample(MAIN_TOPICS, rng.randint(1, 3)))
    general = _Sentences(rng, "general")
    sources = {t: _Sentences(rng, t) for t in topics}
    paras = [general.paragraph(rng.randint(2, 3))]
    heads: set[str] = set()
    added = 0
    k = 0
    while k < len(topics) or len(paras) < min_paras - 1 or added < extra_chars:
        topic = topics[k % len(topics)]
        if subheads:
            free = [h for h in _TOPICS[topic].subheads if h not in heads]
            if free:
                head = rng.choice(free)
                heads.add(head)
                paras.append(head)
                added += len(head) + 2
        for _ in range(rng.randint(1, 3)):
            p = sources[topic].paragraph()
            paras.append(p)
            added += len(p) + 2
        k += 1
    paras.append(general.paragraph(rng.randint(1, 2)))
    return _Story(_main_title(rng, topics), paras, topics[0], subheads=heads)


def _other_story(rng: random.Random, topic: str) -> _Story:
    src = _Sentences(rng, topic)
    paras = [src.paragraph() for _ in range(rng.randint(2, 4))]
    return _Story(rng.choice(_TOPICS[topic].titles), paras, topic)


# ---------------------------------------------------------------- page assembly


class _Lines:
    """Collects page lines, blank-line gaps and the chrome truth."""

    def __init__(self, rng: random.Random, gaps: str):
        self.rng = rng
        self.gaps = gaps  # none | one | two | mixed
        self.lines: list[str] = []
        self.chrome: list[str] = []

    def _gap(self) -> None:
        if not self.lines:
            return
        n = {"none": 0, "one": 1, "two": 2}.get(self.gaps)
        if n is None:
            n = self.rng.choice((0, 1, 1, 2))
        self.lines.extend([""] * n)

    def add(self, line: str, *, chrome: bool = False, gap: bool = True) -> None:
        if gap:
            self._gap()
        if not chrome and self.rng.random() < 0.05:
            line += " "  # stray trailing space, as scrapers leave them
        self.lines.append(line)
        if chrome:
            self.chrome.append(line.strip())

    def menu(self, items: Iterable[str], bullet: str = "  • ") -> None:
        self._gap()
        for item in items:
            self.add(bullet + item, chrome=True, gap=False)

    def story_body(self, story: _Story, inline: dict[int, str] | None = None) -> None:
        for i, p in enumerate(story.paragraphs):
            self.add(p)
            if inline and i in inline:
                self.add(inline[i])

    def text(self, newline: str, final_newline: bool = True) -> str:
        return newline.join(self.lines) + (newline if final_newline else "")


def _widget(out: _Lines, rng: random.Random, head: str, n: int, exclude: str) -> list[str]:
    """A link widget: a header, then headline/date pairs (never the page's own headline)."""
    out.add(head, chrome=True)
    titles = []
    for topic in rng.sample(list(OTHER_TOPICS) + list(MAIN_TOPICS), n):
        title = rng.choice([t for t in _TOPICS[topic].titles if t != exclude])
        titles.append(title)
        out.add(title, chrome=True)
        out.add(_long_date(_date(rng)), chrome=True)
    return titles


def _wordpress(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    site = rng.choice(_SITES)
    story = _main_story(rng, subheads=True, min_paras=5, extra_chars=extra)
    suffix, source = rng.choice(_SUFFIXES + ((None, None),))
    raw_title = story.title + (suffix or "")
    story.original_source = source
    related: list[str] = []
    widget_before = rng.random() < 0.5
    if rng.random() < 0.6:
        out.add("Close Menu", chrome=True)
    out.add(site, chrome=True)
    out.menu(rng.sample(_MENU, rng.randint(4, 8)))
    if rng.random() < 0.7:
        for line in rng.choice(_SUBSCRIBE):
            out.add(line, chrome=True)
    if widget_before:
        related += _widget(out, rng, rng.choice(_WIDGET_HEADS), rng.randint(2, 4), story.title)
    out.add(rng.choice(_SOCIAL), chrome=True)
    out.add(f"Home » {raw_title}", chrome=True)
    out.add(rng.choice(_CATEGORIES), chrome=True)
    out.add(raw_title)
    out.add(f"adminBy admin{_long_date(_date(rng))}No Comments{rng.randint(2, 9)} Mins Read", chrome=True)
    out.add(rng.choice(_SHARE), chrome=True)
    if rng.random() < 0.6:
        story.captions.append(_caption(rng, story.topic))
        out.add(story.captions[-1])
    if rng.random() < 0.6:
        story.byline = _name(rng)
        out.add(f"{rng.choice(('by', 'By'))} {story.byline}")
    inline = {}
    if rng.random() < 0.4:
        # a second photo inside the body, after a paragraph that is not a subhead
        spots = [i for i, p in enumerate(story.paragraphs[1:-1], 1) if p not in story.subheads]
        cap = _caption(rng, story.topic)
        inline[rng.choice(spots)] = cap
        story.captions.append(cap)
    out.story_body(story, inline)
    if rng.random() < 0.4:
        last = story.byline.split()[-1] if story.byline else rng.choice(_LAST)
        story.notes.append(f"Editor's note: {last} is {rng.choice(_ROLES)} who writes about the region.")
        out.add(story.notes[-1])
    if source == "Xinhua" and rng.random() < 0.5:
        story.notes.append("Opinions in this commentary belong to its writer and do not necessarily represent "
                           "the views of Xinhua News Agency.")
        out.add(story.notes[-1])
    out.add("Source link", chrome=True)
    out.add(rng.choice(_SHARE[2:]), chrome=True)
    out.add("Related Posts", chrome=True)
    related += _related_posts(out, rng, suffix or "", exclude=story.title)
    out.add("Leave a comment", chrome=True)
    out.add("Cancel reply", chrome=True)
    if not widget_before:
        related += _widget(out, rng, rng.choice(_WIDGET_HEADS), rng.randint(2, 4), story.title)
    if rng.random() < 0.5:
        out.add("About Us", chrome=True)
        out.add(f"{site} brings together reports from news agencies and newspapers across Eurasia so that busy "
                "readers can follow the whole region in one place.", chrome=True)
    out.add(rng.choice((f"© 2025 {site}. All rights reserved.", f"© 2025 {site}. Designed by {site}.",
                        f"Copyright © 2025 {site}")), chrome=True)
    if rng.random() < 0.5:
        out.menu(rng.sample(_FOOTER_MENU, 5))
    if rng.random() < 0.5:
        out.add("Start typing, then hit Enter to search or Esc to close.", chrome=True)
    return [story.truth()], {"site": site, "related": related}


def _related_posts(out: _Lines, rng: random.Random, suffix: str, exclude: str) -> list[str]:
    titles = []
    for topic in rng.sample(MAIN_TOPICS, rng.randint(2, 4)):
        title = rng.choice([t for t in _TOPICS[topic].titles if t != exclude]) + suffix
        titles.append(title)
        out.add(rng.choice(_CATEGORIES), chrome=True)
        out.add(title, chrome=True)
        out.add(_long_date(_date(rng)), chrome=True)
    return titles


def _state_multi(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    main = _main_story(rng, subheads=rng.random() < 0.5, min_paras=4, extra_chars=extra)
    stories = [main]
    if rng.random() < 0.3:
        main.paragraphs[0] = _dateline(rng, _MAIN_CITIES) + main.paragraphs[0]
        main.original_source = "Xinhua"
    for topic in rng.sample(OTHER_TOPICS, n_stories - 1):
        s = _other_story(rng, topic)
        if rng.random() < 0.3:
            s.paragraphs[0] = _dateline(rng, _OTHER_CITIES) + s.paragraphs[0]
            s.original_source = "Xinhua"
        stories.append(s)
    for s in stories:
        out.add(s.title)
        out.story_body(s)
    return [s.truth() for s in stories], {}


def _news_app(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    if rng.random() < 0.7:
        out.add("logo", chrome=True)
        out.add("#", chrome=True)
    out.add(rng.choice(("Latest news with #ChinaCentralAsia", "Latest news with #SilkRoad", "Top Stories")),
            chrome=True)
    truths = []
    used_titles: set[str] = set()
    made = 0
    padded = 0
    tries = 0
    while (made < n_stories or padded < extra) and tries < 10 * n_stories + 1000:
        tries += 1
        topic = rng.choice(MAIN_TOPICS + MAIN_TOPICS + OTHER_TOPICS)
        src = _Sentences(rng, topic)
        title = rng.choice(_TOPICS[topic].titles) if topic in OTHER_TOPICS or rng.random() < 0.5 else \
            _main_title(rng, [topic])
        if title in used_titles:
            continue
        used_titles.add(title)
        body = src.paragraph(rng.randint(3, 6))
        outlet = rng.choice(_APP_OUTLETS)
        story = _Story(title, [body], topic, publisher=outlet)
        if rng.random() < 0.4:
            cities = _MAIN_CITIES if topic in MAIN_TOPICS else _OTHER_CITIES
            story.paragraphs[0] = _dateline(rng, cities) + body
            story.original_source = "Xinhua"
        line = story.paragraphs[0]
        if rng.random() < 0.2:
            # embedded player text between two sentences of the one-line body
            ui = rng.choice(_PLAYER_UI)
            cut = [i for i in range(len(line)) if line.startswith(". ", i)]
            if cut:
                at = rng.choice(cut) + 2
                line = f"{line[:at]}{ui} {line[at:]}"
                out.chrome.append(ui)
        out.add(title)
        out.add(title, chrome=True, gap=False)
        out.add(outlet, chrome=True)
        out.add(rng.choice((f"time{rng.randint(2, 9)} days ago", f"time{rng.randint(1, 23)} hours ago",
                            "time{:02d}-{:02d}-2025".format(rng.randint(1, 28), rng.randint(1, 12)))), chrome=True)
        out.menu([rng.choice(_APP_CATEGORIES), outlet])
        out.add(title, chrome=True)
        out.add(line)
        truths.append(story.truth())
        if made >= n_stories:
            padded += len(line) + 3 * len(title) + 60
        made += 1
    out.add("DOWNLOAD OUR APP", chrome=True)
    out.add("Stay in the loop: download our app", chrome=True)
    if rng.random() < 0.6:
        out.add("Curious about what the rest of the world is reading right now? Install the app from your "
                "favourite store and follow the stories you care about, from politics to local sport.", chrome=True)
    out.add("App Store | Google Play", chrome=True)
    return truths, {}


def _pr_wire(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    story = _main_story(rng, subheads=rng.random() < 0.3, min_paras=5, extra_chars=extra)
    lead, source = rng.choice(_PR_SOURCES)
    d = _date(rng)
    city = rng.choice(("BEIJING", "ASTANA", "TASHKENT"))
    story.paragraphs[0] = f"{city}, {_long_date(d)} /PRNewswire/ -- {lead}: {story.paragraphs[0]}"
    story.original_source = source
    story.publisher = "PR Newswire"
    out.add(story.title)
    if rng.random() < 0.5:
        out.add(rng.choice((f"{d[2]:02d}.{d[1]:02d}.25 09:30 Uhr", f"{_MON3[d[1] - 1]} {d[2]}, 2025, 09:30 ET")),
                chrome=True)
    inline = {}
    if rng.random() < 0.7:
        spots = [i for i, p in enumerate(story.paragraphs[:-1]) if p not in story.subheads]
        cap = _caption(rng, story.topic, source)
        inline[rng.choice(spots)] = cap
        story.captions.append(cap)
    out.story_body(story, inline)
    if rng.random() < 0.5:
        slug = story.title.lower().replace(",", "").replace("'", "").replace(" ", "-")[:60]
        out.add(f"View original content:https://www.example.com/news-releases/"
                f"{slug}-{rng.randint(100000, 999999)}.html", chrome=True)
    out.add(f"SOURCE {source}", chrome=True)
    return [story.truth()], {}


def _newsletter(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    general = _Sentences(rng, "general")
    topics = rng.sample(MAIN_TOPICS, rng.randint(2, 4))
    title = ""
    if rng.random() < 0.5:
        title = rng.choice(("This week: what the summit means for the region",
                            "Steppe Letter: China and Central Asia after the summit",
                            "The week in Central Asia: rails, gas and classrooms"))
    paras = [general.paragraph(3), general.paragraph(2)]
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
    added = 0
    r = 0
    for head in _NEWSLETTER_SECTIONS:
        paras.append(f"{roman[r]} {head}")
        r += 1
        if head == "Achievements":
            srcs = {t: _Sentences(rng, t) for t in topics}
            n = 0
            while n < len(topics) or added < extra:
                t = topics[n % len(topics)]
                paras.append(f"{n + 1}. {t.capitalize() if t != 'students' else 'People-to-people exchanges'}")
                p = srcs[t].paragraph()
                paras.append(p)
                added += len(p)
                for _ in range(rng.randint(0, 2)):
                    paras.append("-" + srcs[t].draw())
                    added += len(paras[-1])
                n += 1
        elif head == "Challenges":
            for b in rng.sample(_CHALLENGES, rng.randint(2, 4)):
                paras.append("-" + b)
        else:
            paras.append(general.paragraph(2))
    paras.append(rng.choice(_MY_TAKE))
    story = _Story(title, paras, topics[0])
    if title:
        out.add(title)
    out.story_body(story)
    truths = [story.truth()]
    if rng.random() < 0.6:
        for template in rng.sample(_COMMENTS, rng.randint(1, 2)):
            c = template.format(e=rng.choice(_EMOJI), c=rng.choice(_COMMENT_COUNTRIES))
            out.add(c)
            truths.append(SynthArticle("", (c,), None, "comment", topic="comment"))
    return truths, {}


def _plain(rng: random.Random, out: _Lines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    story = _main_story(rng, subheads=rng.random() < 0.3, min_paras=3, extra_chars=extra)
    out.add(story.title)
    if rng.random() < 0.3:
        story.byline = _name(rng)
        out.add(f"By {story.byline}")
    if rng.random() < 0.3:
        out.add(_long_date(_date(rng)), chrome=True)
    out.story_body(story)
    return [story.truth()], {}


_BUILDERS = {"wordpress": _wordpress, "state_multi": _state_multi, "news_app": _news_app, "pr_wire": _pr_wire,
             "newsletter": _newsletter, "plain": _plain}


def make_page(rng: random.Random, layout: str | None = None, n_stories: int | None = None,
              target_chars: int | None = None) -> SynthPage:
    """Generate one synthetic scraped page with its ground truth.

    Parameters
    ----------
    rng : random.Random
        Source of randomness; the same seed gives the same page.
    layout : str, optional
        One of :data:`LAYOUTS`; drawn at random when omitted.

        - ``"wordpress"``: menu bullets, subscribe prompt, headline/date
          widget, breadcrumb, title (often with a source suffix), post meta,
          share bar, photo caption, byline, body with ALL-CAPS subheads,
          "Source link", "Related Posts", comment form, copyright footer.
        - ``"state_multi"``: a China–Central Asia story, then 1-3 unrelated
          stories (weather, sport, technology, health), each with its title.
        - ``"news_app"``: items of title twice, outlet, time stamp, bullet
          category and outlet, title again, one-line body (some with a wire
          dateline, some with embedded video-player text).
        - ``"pr_wire"``: a ``/PRNewswire/ -- A report from ...:`` release
          ending in ``SOURCE ...``.
        - ``"newsletter"``: no blank lines, roman-numeral heads, numbered
          subheads, ``-`` bullets, optionally informal reader comments.
        - ``"plain"``: title and paragraphs.
    n_stories : int, optional
        Number of stories (comments not counted). Only ``state_multi`` (1-4)
        and ``news_app`` (1 or more) hold several; other layouts accept 1.
    target_chars : int, optional
        Pad the main story (news_app: add items) until the page is about this
        many characters long.

    Returns
    -------
    SynthPage

    Examples
    --------
    >>> import random
    >>> page = make_page(random.Random(0), layout="news_app", n_stories=3)
    >>> [a.kind for a in page.articles]
    ['article', 'article', 'article']
    >>> all(a.publisher for a in page.articles)
    True
    >>> big = make_page(random.Random(1), layout="plain", target_chars=10_000)
    >>> 9_000 < len(big.text) < 12_000
    True
    """
    layout = layout or rng.choice(LAYOUTS)
    if layout not in _BUILDERS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if n_stories is None:
        n_stories = {"state_multi": rng.randint(2, 4), "news_app": rng.randint(3, 6)}.get(layout, 1)
    limits = {"state_multi": (1, 1 + len(OTHER_TOPICS)), "news_app": (1, 1000)}.get(layout, (1, 1))
    if not limits[0] <= n_stories <= limits[1]:
        raise ValueError(f"layout {layout!r} holds {limits[0]}-{limits[1]} stories, not {n_stories}")
    newline = "\r\n" if rng.random() < 0.3 else "\n"
    gaps = "none" if layout == "newsletter" else rng.choice(("one", "one", "two", "mixed", "none"))
    final_newline = rng.random() < 0.9
    state = rng.getstate()

    def build(extra: int) -> SynthPage:
        rng.setstate(state)
        out = _Lines(rng, gaps)
        truths, more = _BUILDERS[layout](rng, out, n_stories, extra)
        return SynthPage(out.text(newline, final_newline), tuple(truths), tuple(out.chrome), layout, newline,
                         more.get("site"), tuple(more.get("related", ())))

    page = build(0)
    extra = 0
    for _ in range(3):  # padding shifts later random draws, so the length is approached in steps
        if not target_chars or len(page.text) >= target_chars * 0.97:
            break
        extra += target_chars - len(page.text)
        page = build(extra)
    return page


def make_corpus(directory: str | Path, n_pages: int, seed: int = 0,
                layouts: Sequence[str] | None = None, target_chars: int | None = None) -> list[SynthPage]:
    """Write ``n_pages`` generated pages as ``page_00000.txt`` ... into ``directory``.

    Parameters
    ----------
    directory : path
        Folder to write into (created if missing).
    n_pages : int
        Number of pages.
    seed : int, default 0
        Seed; page ``i`` is generated from ``random.Random(f"{seed}:{i}")``, so a
        page does not depend on how many pages come before it.
    layouts : sequence of str, optional
        Layouts to draw from (default: all of :data:`LAYOUTS`, in turn).
    target_chars : int, optional
        Passed to :func:`make_page`.

    Returns
    -------
    list of SynthPage
        The pages in file order; the truth stays in memory, nothing else is written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pages = make_corpus(d, 4, seed=1)
    ...     sorted(p.name for p in Path(d).iterdir())[:2]
    ['page_00000.txt', 'page_00001.txt']
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    layouts = list(layouts or LAYOUTS)
    pages = []
    for i in range(n_pages):
        rng = random.Random(f"{seed}:{i}")
        page = make_page(rng, layouts[i % len(layouts)], target_chars=target_chars)
        # newline="" keeps "\r\n" exactly as generated
        with open(d / f"page_{i:05d}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(page.text)
        pages.append(page)
    return pages


def make_html_page(page: SynthPage, rng: random.Random | None = None) -> str:
    """An HTML rendering of a generated page: nav, one ``<article>`` per story, aside, footer.

    Stories get ``<h1>`` titles, ``<p>`` paragraphs, ``<h2>`` subheads and
    ``<figure>``/``<figcaption>`` captions; the page's widget headlines become
    an ``<aside>`` of links; reader comments sit in a comments section.

    Parameters
    ----------
    page : SynthPage
    rng : random.Random, optional
        Varies the menu; a fixed seed by default.

    Returns
    -------
    str

    Examples
    --------
    >>> import random
    >>> page = make_page(random.Random(2), layout="plain")
    >>> "<h1>" + html.escape(page.articles[0].title) + "</h1>" in make_html_page(page)
    True
    """
    rng = rng or random.Random(0)
    esc = html.escape
    site = page.site or rng.choice(_SITES)
    parts = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
             f"<title>{esc(page.stories[0].title if page.stories else site)} | {esc(site)}</title>",
             "</head>", "<body>", "<header>", f"<div class=\"site-name\">{esc(site)}</div>", "<nav><ul>"]
    parts += [f"<li><a href=\"/{m.lower().replace(' ', '-')}/\">{esc(m)}</a></li>" for m in rng.sample(_MENU, 6)]
    parts += ["</ul></nav>", "</header>", "<main>"]
    for a in page.stories:
        parts.append("<article>")
        parts.append(f"<h1>{esc(a.title)}</h1>")
        if a.byline:
            parts.append(f"<p class=\"byline\">By {esc(a.byline)}</p>")
        for cap in a.captions:
            parts.append(f"<figure><img src=\"photo.jpg\" alt=\"\"><figcaption>{esc(cap)}</figcaption></figure>")
        for p in a.paragraphs:
            head = p.isupper() or (len(p.split()) <= 6 and not p.endswith((".", "?", "!", "\"")))
            parts.append(f"<h2>{esc(p)}</h2>" if head else f"<p>{esc(p)}</p>")
        for n in a.notes:
            parts.append(f"<p class=\"note\"><em>{esc(n)}</em></p>")
        parts.append("</article>")
    if page.comments:
        parts.append("<section class=\"comments\"><h3>Comments</h3>")
        parts += [f"<div class=\"comment\"><p>{esc(c.paragraphs[0])}</p></div>" for c in page.comments]
        parts.append("</section>")
    parts.append("</main>")
    related = page.related or tuple(rng.choice(_TOPICS[t].titles) for t in rng.sample(OTHER_TOPICS, 3))
    parts.append("<aside><h3>Related Posts</h3><ul>")
    parts += [f"<li><a href=\"/news/{i}/\">{esc(t)}</a></li>" for i, t in enumerate(related)]
    parts.append("</ul></aside>")
    parts += ["<footer>", "<ul>"]
    parts += [f"<li><a href=\"/{m.lower().replace(' ', '-')}/\">{esc(m)}</a></li>" for m in _FOOTER_MENU]
    parts += ["</ul>", f"<p>© 2025 {esc(site)}. All rights reserved.</p>", "</footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- clean article table

_TABLE_PUBLISHERS = (
    ("Xinhua", "state_media"), ("People's Daily", "state_media"), ("China Daily", "state_media"),
    ("CGTN", "state_media"), ("Kazinform", "state_media"), ("The Diplomat", "analysis_magazine"),
    ("Eurasianet", "analysis_magazine"), ("Astana Times", "newspaper"), ("Gazeta.uz", "newspaper"),
    ("The Star", "newspaper"), ("PR Newswire", "pr_wire"), ("Nabka News", "aggregator"),
)
_SLOGAN_SENTENCES = (
    "Both sides vowed to build a closer China-Central Asia community with a shared future.",
    "Officials hailed the projects as examples of win-win cooperation.",
    "The talks reaffirmed the spirit of mutual respect, good-neighbourliness and mutual benefit.",
    "Speakers said high-quality Belt and Road cooperation had delivered real benefits to ordinary people.",
)


def make_articles_table(n: int, seed: int = 0) -> "pandas.DataFrame":  # noqa: F821
    """A table of ``n`` clean synthetic articles, as if already ingested.

    State media and PR-wire rows use official phrases more often than the
    others; aggregator and PR-wire rows are often reprints of a state outlet.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int, default 0
        Seed; the same seed gives the same table.

    Returns
    -------
    DataFrame
        ``doc_id`` (``synth_000000#1`` ...), ``text`` (paragraphs separated by a
        blank line), ``publisher``, ``source_type``, ``original_source`` and
        ``published`` (ISO date), all strings.

    Examples
    --------
    >>> df = make_articles_table(5, seed=1)
    >>> df.columns.tolist()
    ['doc_id', 'text', 'publisher', 'source_type', 'original_source', 'published']
    >>> df["doc_id"].is_unique
    True
    """
    import pandas as pd

    rng = random.Random(seed)
    pools = {t: _Sentences(rng, t).pool for t in MAIN_TOPICS + OTHER_TOPICS + ("general",)}
    rows = []
    for i in range(n):
        publisher, source_type = rng.choice(_TABLE_PUBLISHERS)
        original = publisher
        if source_type in ("aggregator", "pr_wire") and rng.random() < 0.7:
            original = rng.choice(("Xinhua", "People's Daily", "China Daily"))
        official = source_type in ("state_media", "pr_wire") or original != publisher
        main = rng.random() < 0.8
        topics = rng.sample(MAIN_TOPICS, rng.randint(1, 3)) if main else [rng.choice(OTHER_TOPICS)]
        paras = []
        for t in (["general"] if main else []) + topics:
            for _ in range(rng.randint(1, 3)):
                sents = rng.sample(pools[t], rng.randint(2, 4))
                if main and rng.random() < (0.35 if official else 0.05):
                    sents.insert(rng.randint(0, len(sents)), rng.choice(_SLOGAN_SENTENCES))
                paras.append(" ".join(sents))
        y, m, d = _date(rng)
        rows.append({"doc_id": f"synth_{i:06d}#1", "text": "\n\n".join(paras), "publisher": publisher,
                     "source_type": source_type, "original_source": original,
                     "published": f"{y}-{m:02d}-{d:02d}"})
    return pd.DataFrame(rows, columns=["doc_id", "text", "publisher", "source_type", "original_source",
                                       "published"]).astype("string")
