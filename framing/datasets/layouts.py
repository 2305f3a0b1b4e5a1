"""The page layouts of the synthetic pages, and the ground truth each page carries.

Each builder in :data:`BUILDERS` writes one family of scraped layouts into a
:class:`PageLines` and returns the truth of its stories and comments;
:func:`framing.datasets.synthetic.make_page` drives them.

Examples
--------
>>> import random
>>> out = PageLines(random.Random(0), "one")
>>> truths, more = BUILDERS["plain"](random.Random(0), out, 1, 0)
>>> truths[0].title in out.lines
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .pools import (APP_CATEGORIES, APP_OUTLETS, CATEGORIES, CHALLENGES, CHINESE_NAMES, COMMENTS, COMMENT_COUNTRIES,
                   EMOJI, FIRST, FOOTER_MENU, LAST, MAIN_CITIES, MAIN_TOPICS, MENU, MON3, MONTHS, MY_TAKE,
                   NEWSLETTER_SECTIONS, OTHER_CITIES, OTHER_TOPICS, PLACES, PLAYER_UI, PR_SOURCES, ROLES, SHARE,
                   SITES, SOCIAL, SUBSCRIBE, SUFFIXES, Sentences, TITLE_ACTORS, TITLE_ENDINGS, TITLE_OBJECTS,
                   TITLE_VERBS, TOPICS, WIDGET_HEADS)

__all__ = ["LAYOUTS", "SynthArticle", "SynthPage", "random_date", "PageLines", "BUILDERS"]

LAYOUTS = ("wordpress", "state_multi", "news_app", "pr_wire", "newsletter", "plain")


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


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def random_date(rng: random.Random) -> tuple[int, int, int]:
    """A ``(year, month, day)`` of 2025 (days 1-28)."""
    return 2025, rng.randint(1, 12), rng.randint(1, 28)


def _long_date(d: tuple[int, int, int]) -> str:
    return f"{MONTHS[d[1] - 1]} {d[2]}, {d[0]}"


def _caption(rng: random.Random, topic: str, credit: str | None = None) -> str:
    scene = rng.choice(TOPICS[topic].scenes)
    when = _long_date(random_date(rng))
    who = rng.choice(CHINESE_NAMES)
    credit = credit or rng.choice(("xinhua", "photo_xinhua"))
    if credit == "xinhua":
        tag = f"(Xinhua/{who})"
    elif credit == "photo_xinhua":
        tag = f"(Photo by {_name(rng)}/Xinhua)"
    else:
        tag = f"(Photo by {who}/{credit})"
    return f"{scene} {rng.choice(PLACES)}, {when}. {tag}"


def _main_title(rng: random.Random, topics: Sequence[str]) -> str:
    if rng.random() < 0.5:
        return rng.choice(TOPICS[topics[0]].titles)
    obj = TITLE_OBJECTS[topics[0]]
    if len(topics) > 1:
        obj = f"{obj} and {TITLE_OBJECTS[topics[1]]}"
    return f"{rng.choice(TITLE_ACTORS)} {rng.choice(TITLE_VERBS)} {obj}{rng.choice(TITLE_ENDINGS)}"


def _dateline(rng: random.Random, cities: Sequence[str], agency: str = "Xinhua") -> str:
    d = random_date(rng)
    return f"{rng.choice(cities)}, {MONTHS[d[1] - 1]} {d[2]} ({agency}) -- "


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
    general = Sentences(rng, "general")
    sources = {t: Sentences(rng, t) for t in topics}
    paras = [general.paragraph(rng.randint(2, 3))]
    heads: set[str] = set()
    added = 0
    k = 0
    while k < len(topics) or len(paras) < min_paras - 1 or added < extra_chars:
        topic = topics[k % len(topics)]
        if subheads:
            free = [h for h in TOPICS[topic].subheads if h not in heads]
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
    src = Sentences(rng, topic)
    paras = [src.paragraph() for _ in range(rng.randint(2, 4))]
    return _Story(rng.choice(TOPICS[topic].titles), paras, topic)


# ---------------------------------------------------------------- page assembly


class PageLines:
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
        """Append a line (after a gap), recorded as chrome when ``chrome``."""
        if gap:
            self._gap()
        if not chrome and self.rng.random() < 0.05:
            line += " "  # stray trailing space, as scrapers leave them
        self.lines.append(line)
        if chrome:
            self.chrome.append(line.strip())

    def menu(self, items: Iterable[str], bullet: str = "  • ") -> None:
        """A bulleted menu of chrome lines."""
        self._gap()
        for item in items:
            self.add(bullet + item, chrome=True, gap=False)

    def story_body(self, story: _Story, inline: dict[int, str] | None = None) -> None:
        """A story's paragraphs, with inline furniture after the paragraphs ``inline`` names."""
        for i, p in enumerate(story.paragraphs):
            self.add(p)
            if inline and i in inline:
                self.add(inline[i])

    def text(self, newline: str, final_newline: bool = True) -> str:
        """The page: the lines joined by ``newline``."""
        return newline.join(self.lines) + (newline if final_newline else "")


def _widget(out: PageLines, rng: random.Random, head: str, n: int, exclude: str) -> list[str]:
    """A link widget: a header, then headline/date pairs (never the page's own headline)."""
    out.add(head, chrome=True)
    titles = []
    for topic in rng.sample(list(OTHER_TOPICS) + list(MAIN_TOPICS), n):
        title = rng.choice([t for t in TOPICS[topic].titles if t != exclude])
        titles.append(title)
        out.add(title, chrome=True)
        out.add(_long_date(random_date(rng)), chrome=True)
    return titles


def _wordpress(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    site = rng.choice(SITES)
    story = _main_story(rng, subheads=True, min_paras=5, extra_chars=extra)
    suffix, source = rng.choice(SUFFIXES + ((None, None),))
    raw_title = story.title + (suffix or "")
    story.original_source = source
    related: list[str] = []
    widget_before = rng.random() < 0.5
    if rng.random() < 0.6:
        out.add("Close Menu", chrome=True)
    out.add(site, chrome=True)
    out.menu(rng.sample(MENU, rng.randint(4, 8)))
    if rng.random() < 0.7:
        for line in rng.choice(SUBSCRIBE):
            out.add(line, chrome=True)
    if widget_before:
        related += _widget(out, rng, rng.choice(WIDGET_HEADS), rng.randint(2, 4), story.title)
    out.add(rng.choice(SOCIAL), chrome=True)
    out.add(f"Home » {raw_title}", chrome=True)
    out.add(rng.choice(CATEGORIES), chrome=True)
    out.add(raw_title)
    out.add(f"adminBy admin{_long_date(random_date(rng))}No Comments{rng.randint(2, 9)} Mins Read", chrome=True)
    out.add(rng.choice(SHARE), chrome=True)
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
        last = story.byline.split()[-1] if story.byline else rng.choice(LAST)
        story.notes.append(f"Editor's note: {last} is {rng.choice(ROLES)} who writes about the region.")
        out.add(story.notes[-1])
    if source == "Xinhua" and rng.random() < 0.5:
        story.notes.append("Opinions in this commentary belong to its writer and do not necessarily represent "
                           "the views of Xinhua News Agency.")
        out.add(story.notes[-1])
    out.add("Source link", chrome=True)
    out.add(rng.choice(SHARE[2:]), chrome=True)
    out.add("Related Posts", chrome=True)
    related += _related_posts(out, rng, suffix or "", exclude=story.title)
    out.add("Leave a comment", chrome=True)
    out.add("Cancel reply", chrome=True)
    if not widget_before:
        related += _widget(out, rng, rng.choice(WIDGET_HEADS), rng.randint(2, 4), story.title)
    if rng.random() < 0.5:
        out.add("About Us", chrome=True)
        out.add(f"{site} brings together reports from news agencies and newspapers across Eurasia so that busy "
                "readers can follow the whole region in one place.", chrome=True)
    out.add(rng.choice((f"© 2025 {site}. All rights reserved.", f"© 2025 {site}. Designed by {site}.",
                        f"Copyright © 2025 {site}")), chrome=True)
    if rng.random() < 0.5:
        out.menu(rng.sample(FOOTER_MENU, 5))
    if rng.random() < 0.5:
        out.add("Start typing, then hit Enter to search or Esc to close.", chrome=True)
    return [story.truth()], {"site": site, "related": related}


def _related_posts(out: PageLines, rng: random.Random, suffix: str, exclude: str) -> list[str]:
    titles = []
    for topic in rng.sample(MAIN_TOPICS, rng.randint(2, 4)):
        title = rng.choice([t for t in TOPICS[topic].titles if t != exclude]) + suffix
        titles.append(title)
        out.add(rng.choice(CATEGORIES), chrome=True)
        out.add(title, chrome=True)
        out.add(_long_date(random_date(rng)), chrome=True)
    return titles


def _state_multi(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    main = _main_story(rng, subheads=rng.random() < 0.5, min_paras=4, extra_chars=extra)
    stories = [main]
    if rng.random() < 0.3:
        main.paragraphs[0] = _dateline(rng, MAIN_CITIES) + main.paragraphs[0]
        main.original_source = "Xinhua"
    for topic in rng.sample(OTHER_TOPICS, n_stories - 1):
        s = _other_story(rng, topic)
        if rng.random() < 0.3:
            s.paragraphs[0] = _dateline(rng, OTHER_CITIES) + s.paragraphs[0]
            s.original_source = "Xinhua"
        stories.append(s)
    for s in stories:
        out.add(s.title)
        out.story_body(s)
    return [s.truth() for s in stories], {}


def _news_app(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
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
        src = Sentences(rng, topic)
        title = rng.choice(TOPICS[topic].titles) if topic in OTHER_TOPICS or rng.random() < 0.5 else \
            _main_title(rng, [topic])
        if title in used_titles:
            continue
        used_titles.add(title)
        body = src.paragraph(rng.randint(3, 6))
        outlet = rng.choice(APP_OUTLETS)
        story = _Story(title, [body], topic, publisher=outlet)
        if rng.random() < 0.4:
            cities = MAIN_CITIES if topic in MAIN_TOPICS else OTHER_CITIES
            story.paragraphs[0] = _dateline(rng, cities) + body
            story.original_source = "Xinhua"
        line = story.paragraphs[0]
        if rng.random() < 0.2:
            # embedded player text between two sentences of the one-line body
            ui = rng.choice(PLAYER_UI)
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
        out.menu([rng.choice(APP_CATEGORIES), outlet])
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


def _pr_wire(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    story = _main_story(rng, subheads=rng.random() < 0.3, min_paras=5, extra_chars=extra)
    lead, source = rng.choice(PR_SOURCES)
    d = random_date(rng)
    city = rng.choice(("BEIJING", "ASTANA", "TASHKENT"))
    story.paragraphs[0] = f"{city}, {_long_date(d)} /PRNewswire/ -- {lead}: {story.paragraphs[0]}"
    story.original_source = source
    story.publisher = "PR Newswire"
    out.add(story.title)
    if rng.random() < 0.5:
        out.add(rng.choice((f"{d[2]:02d}.{d[1]:02d}.25 09:30 Uhr", f"{MON3[d[1] - 1]} {d[2]}, 2025, 09:30 ET")),
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


def _newsletter(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    general = Sentences(rng, "general")
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
    for head in NEWSLETTER_SECTIONS:
        paras.append(f"{roman[r]} {head}")
        r += 1
        if head == "Achievements":
            srcs = {t: Sentences(rng, t) for t in topics}
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
            for b in rng.sample(CHALLENGES, rng.randint(2, 4)):
                paras.append("-" + b)
        else:
            paras.append(general.paragraph(2))
    paras.append(rng.choice(MY_TAKE))
    story = _Story(title, paras, topics[0])
    if title:
        out.add(title)
    out.story_body(story)
    truths = [story.truth()]
    if rng.random() < 0.6:
        for template in rng.sample(COMMENTS, rng.randint(1, 2)):
            c = template.format(e=rng.choice(EMOJI), c=rng.choice(COMMENT_COUNTRIES))
            out.add(c)
            truths.append(SynthArticle("", (c,), None, "comment", topic="comment"))
    return truths, {}


def _plain(rng: random.Random, out: PageLines, n_stories: int, extra: int) -> tuple[list[SynthArticle], dict]:
    story = _main_story(rng, subheads=rng.random() < 0.3, min_paras=3, extra_chars=extra)
    out.add(story.title)
    if rng.random() < 0.3:
        story.byline = _name(rng)
        out.add(f"By {story.byline}")
    if rng.random() < 0.3:
        out.add(_long_date(random_date(rng)), chrome=True)
    out.story_body(story)
    return [story.truth()], {}


# layout -> builder(rng, lines, n_stories, extra_chars) -> (truths, {"site": ..., "related": ...})
BUILDERS = {"wordpress": _wordpress, "state_multi": _state_multi, "news_app": _news_app, "pr_wire": _pr_wire,
             "newsletter": _newsletter, "plain": _plain}

