"""Cutting a page into articles and comments, accounting for every line.

The segmenter walks the classified lines of a page with two states: inside an
article, or inside site chrome (the page header, a widget block, the footer).
An article starts where a headline-like line is followed by body paragraphs
(the headline may sit a few furniture lines above the body: post meta, share
bars, a caption), or where a news-app page repeats an item's title around an
outlet/time-stamp block. Inside an article, a new headline followed by body
text starts the next story when the text that follows is about something else
(low word overlap with the story so far) or opens with a wire dateline; an
all-caps or numbered line is a subhead and stays. Widget headers, share bars
after the body, "Source link", comment forms, footers and app prompts close the
article. Reader comments are informal paragraphs at the tail of a page or
under a comment header.

Every non-blank line, and every part of one, ends as exactly one :class:`Piece`:
article text, title, caption, note, byline, comment, or removed with a reason.
Blank lines, about two in five lines of a scraped page, get no Piece:
:func:`segment_lines` returns their indices, and the caller records them as
removed "blank line" without carrying them through every step.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from itertools import chain
from operator import attrgetter
from dataclasses import dataclass, replace

from .inline import leading_caption_span, player_ui_spans
from .lines import DATELINE_RE, STOPWORDS, LineInfo, classify_line
from .repeats import line_key

__all__ = ["Piece", "Draft", "LineDecisions", "informal_score", "segment_lines"]


@dataclass(slots=True)
class Piece:
    """A span of one input line and where it went."""

    idx: int
    start: int
    end: int
    dest: str  # removed | title | body | caption | note | byline | comment
    reason: str | None = None
    art: int | None = None


@dataclass(slots=True)
class Draft:
    """An article or comment being assembled from pieces."""

    kind: str = "article"
    outlet: str | None = None  # outlet named in a news-app item block
    first_idx: int = 0
    last_idx: int = 0
    n_body: int = 0


_MODEL_REASON = "not main text"
_OUTSIDE_REASON = "outside main content"


def _is_model_reason(reason: str | None) -> bool:
    """True for a removal reason written by :class:`LineDecisions` (model score or trafilatura verdict)."""
    return reason is not None and (reason.startswith(_MODEL_REASON) or reason.startswith(_OUTSIDE_REASON))


@dataclass(frozen=True)
class LineDecisions:
    """The line model's verdict on one page (see :mod:`framing.ingest.linemodel`).

    ``p`` holds, per line, the probability that it is main text (None for blank
    lines); a line is kept when ``p >= threshold``. ``model`` names the model in
    removal reasons; ``fallback`` lists lines kept although below the threshold
    (the page's most likely block, when no line reached it).
    """

    p: tuple
    threshold: float
    model: str = "line model"
    fallback: tuple = ()
    subheads: frozenset = frozenset()  # short headings between kept lines, kept with their story
    scored: bool = True  # False: p is a yes/no verdict (trafilatura's on HTML), not a probability

    def kept(self, i: int) -> bool:
        p = self.p[i]
        return p is not None and (p >= self.threshold or i in self.fallback or i in self.subheads)

    def reason(self, i: int) -> str:
        if not self.scored:
            return f"{_OUTSIDE_REASON} ({self.model})"
        return f"{_MODEL_REASON} ({self.model}, p={self.p[i]:.2f})"


_norm = line_key


_CONTENT_RE = re.compile(r"[^\W\d_]{3,}")


class _TokenContentWords(dict):
    """Content words of each whitespace-separated token, computed on first sight (tokens
    recur, and a content word never spans whitespace); cleared at a million tokens."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= 1_000_000:
            self.clear()
        words = self[token] = tuple(w for w in _CONTENT_RE.findall(token.lower()) if w not in STOPWORDS)
        return words


_TOKEN_CONTENT = _TokenContentWords()


def _content_words(text: str) -> list[str]:
    """The lower-cased content words (3+ letters, not stopwords) of ``text``, in order."""
    return list(chain.from_iterable(map(_TOKEN_CONTENT.__getitem__, text.split())))


def _content_counts(text: str) -> Counter:
    """Counts of the lower-cased content words (3+ letters, not stopwords) of ``text``."""
    return Counter(chain.from_iterable(map(_TOKEN_CONTENT.__getitem__, text.split())))


# A headline opens a new story when the TF-IDF cosine between the text before it and the lines
# after it is below this. The rules' value was set on multi-story pages (a new story 0.02-0.05, a
# subhead 0.09-0.15). With the line model: every one of the 56 true story breaks on the shared 000,
# the sample and 150 generated multi-story pages scores below 0.05 (highest 0.049), while the breaks
# that 0.07 made on the 983 public single-story pages (347 on 199 pages, out of fold) fall to 201 on
# 131 pages (out-of-fold, with the fold models of benchmarks/build_line_model.py --cv).
_STORY_BREAK_COSINE = 0.07
_STORY_BREAK_COSINE_MODEL = 0.05


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]")
_FIRST_PERSON = re.compile(r"(^|\s)(I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)(\s|[,.!?])")
_INFORMAL = re.compile(r"\b(lol|lmao|omg|pls|plz|u|ur|gonna|wanna|smh|imo|imho|btw|yeah|nope)\b|!!|\?!|\?\?", re.I)
_LOWER_PROPER = re.compile(
    r"\b(america|china|usa|russia|philippines|japan|india|europe|kazakhstan|uzbekistan|kyrgyzstan|tajikistan|"
    r"turkmenistan|trump|biden|xi|putin|chinese|american|russian|british|english)\b"
)


def informal_score(text: str, context: Counter | None = None) -> int:
    """How much a paragraph reads like a reader comment rather than reporting.

    Counts: emoji (2), first person singular (1), informal tokens or doubled
    punctuation (1), proper names written in lower case (1), and little word
    overlap with the article (1).
    """
    score = 0
    if _EMOJI.search(text):
        score += 2
    if _FIRST_PERSON.search(text):
        score += 1
    if _INFORMAL.search(text):
        score += 1
    if _LOWER_PROPER.search(text):
        score += 1
    if context is not None and _cosine(_content_counts(text), context) < 0.1:
        score += 1
    return score


# With the line model, a headline starts a new story only over at least two lines and this many
# words of main text (before the next headline or removed line): a teaser (a headline over a
# one-line summary) and a subhead do not.
_MIN_STORY_WORDS = 40


class _Segmenter:
    def __init__(self, lines: list[str], infos: list[LineInfo], labels: dict[int, str],
                 item_starts: dict[int, str | None], is_record: bool, decisions: LineDecisions | None = None,
                 tail: frozenset[int] = frozenset()):
        self.decisions = decisions
        self.tail = tail  # lines below the last kept one, held as body until the comment test
        self.zone_reason: str | None = None  # the last widget/footer header, for the reasons of lines under it
        self.zone_at: dict[int, str] = {}  # that header's reason, for each line seen under it
        self.lines = lines
        self.infos = infos
        self.labels = labels
        self.item_starts = item_starts
        self.is_record = is_record
        self.pieces: list[Piece] = []
        self.blank: list[int] = []
        self.drafts: list[Draft] = []
        self.cur: int | None = None
        self.zone = "page header (before the first article)"
        self.hard_zone = False
        self.pending: list[int] = []
        self.recent: deque[int] = deque(maxlen=12)  # the story's last body lines
        # content words are found once per line, and only when a decision needs them; counters
        # are built from chained word lists (Counter.update with a mapping loops in Python)
        self._words: dict[int, list[str]] = {}
        self._df: Counter | None = None
        self.n_body_lines = 0  # counted with df, when a story break is first tested

    def words(self, i: int) -> list[str]:
        w = self._words.get(i)
        if w is None:
            w = self._words[i] = _content_words(self.lines[i])
        return w

    def counts(self, lines) -> Counter:
        """Content-word counts over the given line indices."""
        return Counter(chain.from_iterable(map(self.words, lines)))

    @property
    def df(self) -> Counter:
        if self._df is None:
            body = [i for i, info in enumerate(self.infos) if info.role == "body"]
            self.n_body_lines = len(body)
            self._df = Counter(chain.from_iterable(set(self.words(i)) for i in body))
        return self._df

    def tfidf(self, counts: Counter) -> Counter:
        """Log-TF × IDF over the page's own paragraphs: words every story of the page
        shares ("China", "cooperation") weigh little, a story's own words weigh much."""
        df = self.df
        n = self.n_body_lines + 1
        return Counter({k: (1 + math.log(v)) * math.log(n / (df.get(k, 0) + 0.5)) for k, v in counts.items()})

    # -- helpers
    def add(self, i: int, dest: str, reason: str | None = None, art: int | None = None) -> None:
        self.pieces.append(Piece(i, 0, len(self.lines[i]), dest, reason, art))
        if art is not None:
            d = self.drafts[art]
            d.last_idx = max(d.last_idx, i)

    def remove(self, i: int, reason: str) -> None:
        self.pieces.append(Piece(i, 0, len(self.lines[i]), "removed", self.in_zone(i, reason), None))

    def in_zone(self, i: int, reason: str | None) -> str | None:
        """A line the line model removed, under a widget or footer header, says both."""
        d = self.decisions
        zone = self.zone_at.get(i)
        if d is not None and zone and _is_model_reason(reason) and not d.kept(i):
            return f"{zone}; {reason}"
        return reason

    def start(self, title_idx: int | None, first_idx: int, outlet: str | None = None) -> None:
        self.drafts.append(Draft(outlet=outlet, first_idx=first_idx, last_idx=first_idx))
        self.cur = len(self.drafts) - 1
        self.recent = deque(maxlen=12)
        self.hard_zone = False
        if title_idx is not None:
            self.add(title_idx, "title", art=self.cur)

    def close(self, zone: str, hard: bool = True) -> None:
        self.cur = None
        self.zone = zone
        self.hard_zone = hard and self.decisions is None

    def flush_pending(self) -> None:
        for j in self.pending:
            info = self.infos[j]
            reason = self.in_zone(j, info.reason) if info.reason else self.zone
            self.pieces.append(Piece(j, 0, len(self.lines[j]), "removed", reason, None))
        self.pending = []

    def add_body(self, i: int) -> None:
        self.add(i, "body", art=self.cur)
        self.drafts[self.cur].n_body += 1
        self.recent.append(i)

    def next_content(self, i: int, limit: int = 4) -> list[int]:
        out = []
        j = i + 1
        while j < len(self.lines) and len(out) < limit:
            if self.infos[j].role != "blank" and j not in self.labels:
                out.append(j)
            j += 1
        return out

    # -- decisions
    def find_title(self) -> int | None:
        """The headline above a body paragraph: the last title-like pending line
        reached by walking back over furniture only."""
        steps = 0
        for j in reversed(self.pending):
            info = self.infos[j]
            if info.role == "title" and not info.teaser:
                return j
            if info.role in ("body", "zone") or info.teaser:
                return None
            if info.role == "chrome" and info.n_words > 12 and self.decisions is not None:
                return None  # a paragraph the line model removed: the headline is not above it
            steps += 1
            if steps > 15:
                return None
        return None

    def is_new_story(self, i: int) -> bool:
        d = self.drafts[self.cur]
        if d.n_body == 0:
            return False
        nxt = self.next_content(i, 3)
        if not nxt or self.infos[nxt[0]].role != "body" or self.infos[nxt[0]].teaser:
            return False
        if self.decisions is not None:
            words, n_lines = self.words_ahead(nxt[0])
            if words < _MIN_STORY_WORDS or n_lines < 2:
                return False  # a headline over one line is a teaser or a subhead, not a story
            # nor does a story end before it has begun: a date or a kicker line that opened the
            # page's first draft is not a story of its own
            if sum(self.infos[p.idx].n_words for p in self.pieces
                   if p.art == self.cur and p.dest == "body") < _MIN_STORY_WORDS:
                return False
        if DATELINE_RE.match(self.lines[nxt[0]].strip()):
            return True
        following = self.counts(j for j in nxt if self.infos[j].role in ("body", "heading", "short"))
        before = self.counts(self.recent)
        limit = _STORY_BREAK_COSINE if self.decisions is None else _STORY_BREAK_COSINE_MODEL
        return _cosine(self.tfidf(before), self.tfidf(following)) < limit

    def words_ahead(self, i: int) -> tuple[int, int]:
        """Words and lines of story text from line i on, up to the next furniture or headline."""
        total = n_lines = 0
        for j in range(i, min(len(self.lines), i + 40)):
            info = self.infos[j]
            if info.role == "blank" or info.role in ("caption", "heading", "byline"):
                continue
            if info.role != "body" or info.teaser or j in self.labels:
                break
            total += info.n_words
            n_lines += 1
        return total, n_lines

    def start_from_pending(self, i: int) -> bool:
        title = self.find_title()
        if self.decisions is not None and not self.is_record:
            # the line model has judged the line main text: it is never dropped here. Without a
            # headline of its own it continues the page's last story (after a widget or an ad),
            # or opens the first one.
            last = next((k for k in range(len(self.drafts) - 1, -1, -1) if self.drafts[k].kind == "article"), None)
            if last is not None:
                self.cur = last  # is_new_story compares with this story
                if title is None or not self.is_new_story(title):
                    held, self.pending = self.pending, []
                    for j in held:  # a kept subhead between widgets rejoins its story
                        if self.decisions.kept(j) and self.infos[j].role == "title":
                            self.place_in_article(j)
                        else:
                            self.pending.append(j)
                    self.flush_pending()
                    if self.decisions.kept(i):  # prose held for the comment test leaves the zone open
                        self.zone_reason = None
                    return True
            before = [j for j in self.pending if title is None or j < title]
            after = [j for j in self.pending if title is not None and j > title]
            self.pending = before
            self.flush_pending()
            self.start(title, title if title is not None else i)
            if self.decisions.kept(i):
                self.zone_reason = None
            for j in after:
                self.place_in_article(j, allow_body=False)
            return True
        if not self.is_record:
            # a headline over furniture in a widget block needs a real story under it
            needed = 60 if self.hard_zone else (25 if title is None else 12)
            if (self.hard_zone and title is None) or self.words_ahead(i)[0] < needed:
                return False
        before = [j for j in self.pending if title is None or j < title]
        after = [j for j in self.pending if title is not None and j > title]
        for j in before:
            self.pieces.append(Piece(j, 0, len(self.lines[j]), "removed",
                                     self.infos[j].reason or self.zone, None))
        self.pending = []
        self.start(title, title if title is not None else i)
        for j in after:
            self.place_in_article(j, allow_body=False)
        return True

    def place_in_article(self, j: int, allow_body: bool = True) -> None:
        info = self.infos[j]
        role = info.role
        d = self.drafts[self.cur]
        if role == "caption":
            self.add(j, "caption", art=self.cur)
        elif role == "note":
            self.add(j, "note", art=self.cur)
        elif role == "byline" and not any(p.dest == "byline" and p.art == self.cur for p in self.pieces):
            self.add(j, "byline", art=self.cur)
        elif role in ("chrome", "zone", "timestamp"):
            self.remove(j, info.reason or role)
        elif allow_body:
            self.add_body(j)
        else:
            self.remove(j, "between headline and story (page furniture)")
        d.last_idx = max(d.last_idx, j)

    # -- main loop
    def run(self) -> None:
        infos = self.infos
        for i, info in enumerate(infos):
            if info.role == "blank":
                self.blank.append(i)
                continue
            if self.zone_reason:
                self.zone_at[i] = self.zone_reason
            if i in self.item_starts:
                self.flush_pending()
                self.start(i, i, outlet=self.item_starts[i])
                continue
            if i in self.labels:
                if self.cur is None:
                    self.pieces.append(Piece(i, 0, len(self.lines[i]), "removed", self.labels[i], None))
                else:
                    self.remove(i, self.labels[i])
                continue
            if self.cur is None:
                if info.role == "zone":
                    self.flush_pending()
                    self.zone = f"{info.reason} (block under {self.lines[i].strip()[:60]!r})"
                    self.hard_zone = self.decisions is None  # the line model decides what a widget holds
                    self.zone_reason = info.reason
                    self.pieces.append(Piece(i, 0, len(self.lines[i]), "removed", info.reason, None))
                    continue
                starts = (info.role == "body" and (not info.teaser or self.decisions is not None)) or \
                    (self.is_record and info.role != "chrome")
                if starts:
                    if self.start_from_pending(i):
                        self.add_body(i) if info.role not in ("caption", "note", "byline") else \
                            self.place_in_article(i)
                        continue
                self.pending.append(i)
                continue
            # inside an article
            d = self.drafts[self.cur]
            role = info.role
            if role == "body":  # most lines; what place_in_article would do, without its tests
                self.add_body(i)
                continue
            if self.is_record:
                self.place_in_article(i)
                continue
            if role == "zone":
                self.remove(i, info.reason)
                self.close(f"{info.reason} (block under {self.lines[i].strip()[:60]!r})")
                self.zone_reason = info.reason
                continue
            if role == "chrome" and info.reason == "share/social bar" and d.n_body >= 2:
                self.remove(i, info.reason)
                self.close("after the end of the article (share bar)")
                continue
            if role == "title" and self.is_new_story(i):
                self.start(i, i)
                continue
            if self.decisions is not None and role == "title" and not self.decisions.kept(i):
                self.remove(i, info.reason or self.decisions.reason(i))
                continue
            if info.teaser and role != "body":
                self.remove(i, "truncated teaser")
                continue
            self.place_in_article(i)
        if not self.drafts:
            self.zone = "no story found on the page (too little running text)"
        self.flush_pending()


_ITEM_LABEL_MAX_WORDS = 8


def _repeated_title_items(lines: list[str], infos: list[LineInfo], labels: dict[int, str], outlets
                          ) -> dict[int, str | None]:
    """News-app items: a title line repeated around an outlet/time-stamp block."""
    items: dict[int, str | None] = {}
    n = len(lines)
    resume = 0  # lines before this index belong to an item already found
    for i in [i for i, info in enumerate(infos) if info.role == "title"]:
        if i < resume or i in labels:
            continue
        info = infos[i]
        key = _norm(lines[i])
        # equal normalised text implies an equal word count, which is free to compare
        copies = [j for j in range(i + 1, min(n, i + 15)) if infos[j].n_words == info.n_words
                  and infos[j].role != "blank" and _norm(lines[j]) == key]
        if not copies:
            continue
        last = copies[-1]
        nxt = next((j for j in range(last + 1, n) if infos[j].role != "blank"), None)
        if nxt is None or infos[nxt].role != "body":
            continue
        # an item's lines between the title and its copy are labels (outlet, time, category); running
        # text there means the title was only printed twice (breadcrumb and headline, say) on a story
        if any(infos[j].n_words > _ITEM_LABEL_MAX_WORDS for j in range(i + 1, last) if j not in copies):
            continue
        outlet = None
        for j in range(i + 1, last):
            if infos[j].role == "blank":
                continue
            if j in copies:
                labels[j] = "repeated title"
                continue
            text = lines[j].strip().lstrip("•·-* ").strip()
            known = outlets.get(text) if outlets is not None else None
            if infos[j].role == "timestamp":
                labels[j] = "item time stamp"
            elif known is not None or (outlet is None and not infos[j].bullet and 1 <= infos[j].n_words <= 5):
                if outlet is None:
                    outlet = known.name if known is not None else text
                labels[j] = "item outlet label (used as publisher)"
            else:
                labels[j] = "item category label"
        labels[last] = "repeated title"
        items[i] = outlet
        resume = last + 1
    return items


def _bullet_menus(infos: list[LineInfo], labels: dict[int, str]) -> None:
    run: list[int] = []

    def flush():
        if len(run) >= 3:
            for j in run:
                if infos[j].role in ("short", "title", "chrome", "zone"):
                    labels.setdefault(j, "navigation menu")
        run.clear()

    for i, info in enumerate(infos):
        if info.role == "blank":
            continue
        if info.bullet and info.n_words <= 5:
            run.append(i)
        elif run:
            flush()
    flush()


def _page_repeats(lines: list[str], infos: list[LineInfo], labels: dict[int, str]) -> None:
    keys = {i: _norm(lines[i]) for i, info in enumerate(infos)
            if info.role in ("short", "title") and info.n_words <= 6 and i not in labels}
    counts = Counter(keys.values())
    for i, key in keys.items():
        if counts[key] >= 2 and not lines[i].strip().endswith((",", ".", ";", ":")):
            labels[i] = "repeated page furniture"


def _split_inline(lines: list[str], pieces: list[Piece]) -> list[Piece]:
    """Cut player-UI runs and leading captions out of body pieces."""
    out: list[Piece] = []
    for p in pieces:
        if p.dest != "body" or p.end - p.start < 40:
            out.append(p)
            continue
        line = lines[p.idx]
        cuts: list[tuple[int, int, str]] = []
        cap = leading_caption_span(line) if len(line) > 200 else None
        if cap:
            cuts.append(cap)
        cuts += player_ui_spans(line)
        if not cuts:
            out.append(p)
            continue
        pos = p.start
        for s, e, reason in sorted(cuts):
            if s < pos:
                continue
            if line[pos:s].strip():
                out.append(Piece(p.idx, pos, s, "body", None, p.art))
            dest = "caption" if reason == "photo caption" else "removed"
            out.append(Piece(p.idx, s, e, dest, reason if dest == "removed" else None,
                             p.art if dest == "caption" else None))
            pos = e
        if line[pos:p.end].strip():
            out.append(Piece(p.idx, pos, p.end, "body", None, p.art))
        elif pos < p.end:
            out.append(Piece(p.idx, pos, p.end, "removed", "whitespace", None))
    return out


def _duplicate_paragraphs(lines: list[str], infos: list[LineInfo], pieces: list[Piece]) -> None:
    """A paragraph printed twice in one article (standfirst, pull quote): keep the later copy."""
    # Equal normalised text implies an equal count of whitespace tokens, which whole lines
    # already carry: only pieces sharing an article and a count are normalised and compared.
    groups: dict[tuple[int, int], list[Piece]] = {}
    for p in pieces:
        # normalising never lengthens a span, so short spans need no key
        if p.dest == "body" and p.art is not None and p.end - p.start >= 60:
            line = lines[p.idx]
            n = infos[p.idx].n_words if p.start == 0 and p.end == len(line) else len(line[p.start:p.end].split())
            groups.setdefault((p.art, n), []).append(p)
    for group in groups.values():
        if len(group) < 2:
            continue
        keyed = [(key, p) for p in group if len(key := _norm(lines[p.idx][p.start:p.end])) >= 60]
        last_seen = {key: p for key, p in keyed}
        for key, p in keyed:
            keep = last_seen[key]
            if keep is not p:
                p.dest, p.reason, p.art = ("removed", f"repeated paragraph (kept its copy at line index {keep.idx})",
                                           None)


def _comments(lines: list[str], pieces: list[Piece], drafts: list[Draft]) -> None:
    """Informal paragraphs at the tail of the page's last article become comments."""
    if not drafts:
        return
    last_art = len(drafts) - 1
    body = [p for p in pieces if p.art == last_art and p.dest == "body"]
    if len(body) < 2:
        return
    if informal_score(lines[body[-1].idx][body[-1].start:body[-1].end]) < 2:
        return  # the context term adds at most 1: no comment possible, skip the word counts
    context = Counter(chain.from_iterable(_content_words(lines[p.idx][p.start:p.end]) for p in body[:-1]))
    tail: list[Piece] = []
    for p in reversed(body):
        text = lines[p.idx][p.start:p.end]
        if informal_score(text, context) >= 3 and len(body) - len(tail) > 1:
            tail.append(p)
        else:
            break
    for p in reversed(tail):
        drafts.append(Draft(kind="comment", first_idx=p.idx, last_idx=p.idx))
        p.dest, p.art = "comment", len(drafts) - 1
        drafts[last_art].n_body -= 1


_KEEP_ROLES = frozenset(("body", "short", "title", "heading"))
_SHAPE_LABELS = frozenset(("navigation menu", "repeated page furniture"))


def _apply_decisions(infos: list[LineInfo], decisions: LineDecisions
                     ) -> tuple[list[LineInfo], frozenset[int], LineDecisions]:
    """Roles as the line model decides them.

    The furniture rules stay in charge of what they name precisely (share bars,
    cookie and app prompts, copyright lines, captions, bylines, time stamps); the
    model decides the rest. A kept line is body text whatever its shape (an
    ingredient list, a subhead); a line the model removes is page furniture with
    the model's reason, except a headline-shaped line, which stays a candidate
    headline for the story below it, and an all-caps or numbered subhead between
    two kept lines, which stays in its story. Returns the new roles, the indices of
    the prose lines below the page's last kept line (body until the reader-comment
    test has seen them) and the decisions with the subheads added.
    """
    out = list(infos)
    present = [i for i in range(len(infos)) if decisions.p[i] is not None]
    subheads: set[int] = set()
    run: list[int] = []
    seen_kept = False
    for i in present:  # runs of at most two headings between kept lines
        if decisions.kept(i):
            if seen_kept and 0 < len(run) <= 2 and all(infos[j].role == "heading" for j in run):
                subheads.update(run)
            run, seen_kept = [], True
        else:
            run.append(i)
    if subheads:
        decisions = replace(decisions, subheads=frozenset(subheads))
    last_kept = max((i for i in range(len(infos)) if decisions.kept(i)), default=-1)
    tail = []
    for i, info in enumerate(infos):
        if decisions.p[i] is None or info.role not in _KEEP_ROLES:
            continue
        if decisions.kept(i):
            if info.role != "body" and info.role != "title":  # a kept headline may still open a story
                out[i] = info.with_role("body")
        elif info.role == "title":
            out[i] = info.with_role("title", decisions.reason(i))
        elif info.role in ("body", "short") and 0 <= last_kept < i and info.n_words >= 6:
            tail.append(i)  # prose, or an unpunctuated chat line: body until the comment test
            if info.role == "short":
                out[i] = info.with_role("body")
        else:
            out[i] = info.with_role("chrome", decisions.reason(i))
    return out, frozenset(tail), decisions


_HEADLINE_ROLES = frozenset(("title", "heading", "short"))


def _teasers(lines: list[str], pieces: list[Piece]) -> None:
    """Runs of two or more removed headline-shaped lines are teaser lists ("related stories",
    "latest news"): their reasons say so. Applied after segmentation, so it never takes a
    headline from the story below it; only lines the model or the segmenter removed qualify."""
    def teaser(p: Piece) -> bool:
        info = classify_line(lines[p.idx])  # the line's own shape, before the model's verdict
        return (p.dest == "removed" and p.start == 0 and p.end >= len(lines[p.idx].rstrip())
                and info.role in _HEADLINE_ROLES and info.n_words >= 3 and p.reason is not None
                and (_is_model_reason(p.reason) or p.reason.startswith("headline without a story")))

    run: list[Piece] = []
    last_idx = -2
    for p in pieces + [None]:
        if p is not None and p.start > 0:
            continue
        if p is not None and teaser(p) and (not run or p.idx == last_idx + 1 or _only_blank_between(lines, last_idx, p.idx)):
            run.append(p)
            last_idx = p.idx
            continue
        if len(run) >= 2:
            for q in run:
                q.reason = f"teaser/related links; {q.reason}"
        run = [p] if p is not None and teaser(p) else []
        last_idx = p.idx if run else -2


def _only_blank_between(lines: list[str], a: int, b: int) -> bool:
    return all(not lines[i].strip() for i in range(a + 1, b))


def segment_lines(lines: list[str], *, infos: list[LineInfo] | None = None, outlets=None,
                  site_repeats: set[str] | None = None, main_mask: list[bool] | None = None,
                  is_record: bool = False, tags: list[str] | None = None,
                  decisions: LineDecisions | None = None, outlet: str | None = None,
                  outlet_repeats: dict[str, int] | None = None) -> tuple[list[Piece], list[Draft], list[int]]:
    """Segment the lines of one page into article/comment drafts and pieces.

    Parameters
    ----------
    lines : list of str
        The page's lines.
    infos : list of LineInfo, optional
        Precomputed :func:`classify_line` results.
    outlets : Outlets, optional
        Known outlets, to recognise outlet labels of news-app items.
    site_repeats : set of str, optional
        Normalised lines that recur on other pages of the same site.
    main_mask : list of bool, optional
        For HTML: False where trafilatura judged a block outside the main content.
    is_record : bool
        The page is one record of a JSONL/CSV file: one article, no segmentation.
    tags : list of str, optional
        For HTML: the tag of each block; ``figcaption`` is a caption, ``h1`` a
        headline and ``h2``-``h6`` subheads, whatever their shape.
    decisions : LineDecisions, optional
        The line model's verdict on each line: it decides what is main text,
        and the furniture rules keep only what they name precisely.
    outlet : str, optional
        The outlet of the page, named in the reason of ``outlet_repeats`` removals.
    outlet_repeats : dict, optional
        The outlet's boilerplate lines (:func:`framing.ingest.repeats.outlet_boilerplate`):
        line key -> number of the outlet's articles holding it. They are removed
        ("repeated in N articles of <outlet>") unless they are all the page has.

    Returns
    -------
    pieces : list of Piece
        The spans of the non-blank lines, sorted by line index and start.
    drafts : list of Draft
        The articles and comments the pieces' ``art`` refers to.
    blank : list of int
        Indices of the blank lines, in order.
    """
    infos = list(map(classify_line, lines)) if infos is None else list(infos)
    if tags is not None:
        forced = {"figcaption": ("caption", "photo caption"), "h1": ("title", None)}
        for i, tag in enumerate(tags):
            role = forced.get(tag) or (("heading", None) if tag in ("h2", "h3", "h4", "h5", "h6") else None)
            if role and infos[i].role not in ("blank", "chrome", "zone"):
                infos[i] = infos[i].with_role(*role)
    tail: frozenset[int] = frozenset()
    if decisions is not None and not is_record:
        infos, tail, decisions = _apply_decisions(infos, decisions)
    else:
        decisions = None
    labels: dict[int, str] = {}
    if main_mask is not None and decisions is None:
        for i, keep in enumerate(main_mask):
            if not keep and infos[i].role != "blank":
                labels[i] = f"{_OUTSIDE_REASON} (trafilatura)"
    if site_repeats:
        for i, info in enumerate(infos):
            if info.role in ("short", "title", "timestamp") and info.n_words <= 12 and _norm(lines[i]) in site_repeats:
                labels.setdefault(i, "repeated on other pages of the same site")
    if outlet_repeats:
        # lines the furniture rules name already keep their more precise reason
        open_lines = [i for i, info in enumerate(infos) if info.role not in ("blank", "chrome", "zone")]
        hits = {i: n for i in open_lines if (n := outlet_repeats.get(line_key(lines[i])))}
        if hits and len(hits) < len(open_lines):
            for i, n in hits.items():
                labels.setdefault(i, f"repeated in {n} articles of {outlet}")
    item_starts: dict[int, str | None] = {}
    if not is_record:
        _bullet_menus(infos, labels)
        item_starts = _repeated_title_items(lines, infos, labels, outlets)
        _page_repeats(lines, infos, labels)
        for i in item_starts:
            labels.pop(i, None)
    if decisions is not None:
        # what the line model keeps, the guesses from shape alone (a run of short bullets is a
        # menu, a short line printed twice is furniture) do not take away; they still name what it
        # removes. News-app item structure and repetition across pages of a site (evidence the
        # model cannot see) stay in charge.
        for i in [i for i in labels if decisions.kept(i) and labels[i] in _SHAPE_LABELS]:
            del labels[i]
        for i, reason in labels.items():
            if not decisions.kept(i) and _is_model_reason(infos[i].reason):
                labels[i] = f"{reason}; {infos[i].reason}"
    seg = _Segmenter(lines, infos, labels, item_starts, is_record, decisions, tail)
    seg.run()
    pieces = _split_inline(lines, seg.pieces)
    _duplicate_paragraphs(lines, infos, pieces)
    if not is_record:
        _comments(lines, pieces, seg.drafts)
    if tail:
        # prose below the last kept line that is not a reader comment goes back to removed, except
        # the first line of a news-app item that has no other text (a repeated-title block is
        # evidence the model cannot see)
        item_text: dict[int, int] = {}
        for p in pieces:
            if p.dest == "body" and p.art is not None and seg.drafts[p.art].first_idx in item_starts:
                if p.idx not in tail:
                    item_text[p.art] = -1
                else:
                    item_text.setdefault(p.art, p.idx)
        keep = {idx for idx in item_text.values() if idx >= 0}
        for p in pieces:
            if p.idx in tail and p.dest == "body" and p.idx not in keep:
                art = p.art
                p.dest, p.reason, p.art = "removed", seg.in_zone(p.idx, decisions.reason(p.idx)), None
                if art is not None:
                    seg.drafts[art].n_body -= 1
    # drafts that ended with no body (a headline over furniture) give their lines back
    with_body = {p.art for p in pieces if p.dest == "body"}
    empty = {k for k, d in enumerate(seg.drafts) if d.kind == "article" and k not in with_body}
    for p in pieces:
        if p.art in empty:
            p.dest, p.reason, p.art = "removed", f"headline without a story ({p.dest})", None
    pieces.sort(key=attrgetter("idx", "start"))
    if decisions is not None:
        _teasers(lines, pieces)
    return pieces, seg.drafts, seg.blank
