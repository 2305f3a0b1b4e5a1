"""The words of the synthetic pages: sentence pools per topic, names, places and site furniture.

Sentences are written for :mod:`framing.datasets.synthetic` (China–Central Asia
cooperation for main stories; weather, sport, technology and health for the
stories appended to them), so generated pages differ without being real
reporting. :class:`Sentences` draws from a topic's pool without repeats.

Examples
--------
>>> sorted(TOPICS) == sorted(MAIN_TOPICS + OTHER_TOPICS + ("general",))
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["MAIN_TOPICS", "OTHER_TOPICS", "Topic", "TOPICS", "TITLE_ACTORS", "TITLE_VERBS", "TITLE_OBJECTS",
           "TITLE_ENDINGS", "FIRST", "LAST", "CHINESE_NAMES", "ROLES", "MAIN_CITIES", "OTHER_CITIES", "PLACES",
           "MONTHS", "MON3", "SITES", "MENU", "FOOTER_MENU", "CATEGORIES", "SOCIAL", "SHARE", "SUBSCRIBE",
           "WIDGET_HEADS", "SUFFIXES", "APP_OUTLETS", "APP_CATEGORIES", "PR_SOURCES", "PLAYER_UI", "COMMENTS",
           "COMMENT_COUNTRIES", "EMOJI", "NEWSLETTER_SECTIONS", "CHALLENGES", "MY_TAKE", "Sentences",
           "sentence_pool"]

MAIN_TOPICS = ("rail", "gas", "trade", "students", "solar")
OTHER_TOPICS = ("weather", "sport", "tech", "health")

# ---------------------------------------------------------------- sentence pools
#
# Sentences are subject + predicate (+ attribution), plus a few free-standing
# sentences per topic. Predicates are in the past tense or with a modal so that
# any subject fits grammatically.


@dataclass(frozen=True)
class Topic:
    """The sentence parts of one topic: sentences are a subject, a predicate and a tail, or an extra.

    Attributes
    ----------
    subjects, predicates, tails : tuple of str
        Combined as ``"{subject} {predicate}, {tail}."`` (no comma when the tail is empty).
    extras : tuple of str
        Free-standing sentences.
    titles, subheads, scenes : tuple of str
        Headlines, section heads and photo-caption scenes.
    """

    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    tails: tuple[str, ...]
    extras: tuple[str, ...]
    titles: tuple[str, ...]
    subheads: tuple[str, ...] = ()
    scenes: tuple[str, ...] = ()


TOPICS: dict[str, Topic] = {
    "general": Topic(
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
    "rail": Topic(
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
    "gas": Topic(
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
    "trade": Topic(
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
    "students": Topic(
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
    "solar": Topic(
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
    "weather": Topic(
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
    "sport": Topic(
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
    "tech": Topic(
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
    "health": Topic(
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

TITLE_ACTORS = ("China and Central Asia", "China, Kazakhstan", "China, Uzbekistan", "China, Kyrgyzstan",
                 "Beijing and Central Asian capitals", "China, Central Asian partners")
TITLE_VERBS = ("expand", "deepen", "step up", "speed up", "broaden")
TITLE_OBJECTS = {"rail": "rail freight links", "gas": "gas cooperation", "trade": "trade in farm goods",
                  "students": "student exchanges", "solar": "solar power projects"}
TITLE_ENDINGS = ("", "", " as summit deals take shape", " after Astana summit", " in busy summer")

FIRST = ("Aigerim", "Dilnoza", "Nurlan", "Bakyt", "Farrukh", "Madina", "Timur", "Zarina", "Askar", "Gulnara",
          "Rustam", "Saule")
LAST = ("Tulegenova", "Karimova", "Abenov", "Osmonov", "Yusupov", "Rakhimova", "Seitkali", "Nazarova",
         "Bekov", "Saidova", "Akhmetov", "Ergasheva")
CHINESE_NAMES = ("Zhang Wenhao", "Chen Xiaolin", "Liu Jianping", "Wang Yue", "Ma Lin", "Sun Lihua", "Zhao Ming",
                  "Li Qing", "Hu Jun", "Guo Fang")
ROLES = ("a researcher at a university in Almaty", "an economist in Tashkent", "a plant manager",
          "a freight agent in Bishkek", "a teacher in Dushanbe", "an engineer on the project")
MAIN_CITIES = ("ASTANA", "ALMATY", "TASHKENT", "BISHKEK", "DUSHANBE", "ASHGABAT", "URUMQI", "XI'AN", "BEIJING")
OTHER_CITIES = ("BEIJING", "GUANGZHOU", "SHENZHEN", "SHANGHAI", "CHENGDU")
PLACES = ("near Khorgos, Kazakhstan", "in Tashkent, Uzbekistan", "in Bishkek, Kyrgyzstan", "near Shymkent, Kazakhstan",
           "in Dushanbe, Tajikistan", "in the Navoi region, Uzbekistan", "in Urumqi, northwest China")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
MON3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

SITES = ("Silk Corridor Daily", "Eurasia Pulse", "Caravan News Hub", "Tianshan Times Online", "Orient Ledger",
          "Steppe Signal")
MENU = ("Home", "World", "Business", "China", "Central Asia", "Energy", "Tech", "Opinion", "Sports", "Culture",
         "Travel")
FOOTER_MENU = ("Home", "About Us", "Advertise with Us", "Cookie Policy", "Privacy Policy", "Terms of Service",
                "Contact")
CATEGORIES = ("China", "Business", "World", "Asia", "Economy")
SOCIAL = ("Facebook X (Twitter) Instagram Telegram", "Facebook X (Twitter) Instagram Telegram YouTube",
           "Facebook Twitter Pinterest LinkedIn Telegram")
SHARE = ("Share Facebook Twitter LinkedIn Email WhatsApp Copy Link", "Share Facebook Twitter Pinterest Email",
          "Share. Telegram Reddit Facebook Email", "Facebook Telegram Reddit Email")
SUBSCRIBE = (("Subscribe to Updates", "Get the region's top headlines in your inbox every morning."),
              ("Sign up for our newsletter", "Never miss a story from the Silk Road and beyond."),
              ("Subscribe to Updates", "Join our mailing list for daily briefings and explainers!"))
WIDGET_HEADS = ("Trending Now", "Most Popular", "Latest Posts", "Editor's Picks", "Recent Posts")
SUFFIXES = (("-Xinhua", "Xinhua"), (" - Xinhua", "Xinhua"), (" - China Daily", "China Daily"), (" | CGTN", "CGTN"))
APP_OUTLETS = ("The Star", "The Diplomat", "IOL News", "Astana Times", "Gazeta.uz", "Kun.uz", "Malay Mail",
                "Eurasianet", "Bangkok Post")
APP_CATEGORIES = ("Business", "World", "Politics", "Asia", "Economy")
PR_SOURCES = (("An article from People's Daily", "People's Daily"), ("A report from Xinhua", "Xinhua"),
               ("An article from China Daily", "China Daily"), ("A report by CGTN", "CGTN"))
PLAYER_UI = (
    "Video Player loading. Play Mute Current Time 0:00 / Duration 1:58 Loaded: 0% Quality Auto HD "
    "Captions Off Settings Playback Speed Normal Fullscreen Share Embed Copy URL",
    "Play Video Pause Current Time 0:00 Unmute Duration 1:42 Loaded: 0% Subtitles Off Fullscreen Close ✕",
    "Video Player loading. Pause Mute Current Time 0:12 / Duration 2:05 Loaded: 35% Picture-in-Picture Fullscreen",
)
COMMENTS = (
    "honestly i just want to take the night train across {c} one day {e} has anyone done it??",
    "my cousin studied in xi'an for two years and loved it, {c} and china really are getting closer {e}",
    "lol the solar farm near my village in {c} is huge now {e} nobody believed it would get built",
    "i miss the plov back home in {c} so much {e} great issue as always",
    "wow did not know trade with {c} grew that fast {e} thanks for the summary!!",
    "my uncle drives trucks to the border from {c} and says the queues are way shorter now {e}",
)
COMMENT_COUNTRIES = ("kazakhstan", "uzbekistan", "kyrgyzstan", "tajikistan", "turkmenistan")
EMOJI = ("😋", "🚆", "☀️", "🙏", "😂", "👍", "✨")
NEWSLETTER_SECTIONS = ("Achievements", "Challenges", "Prospects")
CHALLENGES = (
    "Volatile commodity prices could hurt the export earnings of economies that rely on metals and cotton.",
    "Higher tariffs elsewhere raise costs for companies that trade across the region.",
    "Water shortages threaten farming and hydropower in the longer term.",
    "Cargo could move back to sea routes if shipping becomes cheaper again.",
    "Debts taken on for large projects must be repaid from uncertain revenues.",
    "Local protests over land and jobs have delayed some construction sites.",
    "Cyber attacks on power grids are a new worry for regional planners.",
)
MY_TAKE = (
    "My take: the agreements are a useful map of priorities, but I would like to see more about costs "
    "and who pays them.",
    "My take: the rail projects matter most, and I will be watching whether the timetables hold next year.",
    "My take: I think the education schemes will outlast every pipeline, even if they make fewer headlines.",
)


class Sentences:
    """Draws sentences of one topic without repeating any within a story.

    Parameters
    ----------
    rng : random.Random
    topic : str
        A key of :data:`TOPICS`.
    """

    def __init__(self, rng: random.Random, topic: str):
        self.rng = rng
        self.topic = topic
        t = TOPICS[topic]
        self.pool = [f"{s} {p}{', ' + tail if tail else ''}." for s in t.subjects for p in t.predicates
                     for tail in dict.fromkeys(t.tails)] + list(t.extras)
        self.used: set[str] = set()

    def draw(self) -> str:
        """A sentence not drawn before (after 50 tries, any)."""
        for _ in range(50):
            s = self.rng.choice(self.pool)
            if s not in self.used:
                break
        self.used.add(s)
        return s

    def paragraph(self, n: int | None = None) -> str:
        """``n`` sentences (2-4 at random) joined by spaces."""
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
    return list(Sentences(random.Random(0), topic).pool)
