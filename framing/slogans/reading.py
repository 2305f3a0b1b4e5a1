"""Reading the matches in their text: keyword in context, and articles with each family highlighted."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ..matching import PhraseMatcher
from ..text import WORD_RE
from .matches import UNCOUNTED_COLUMNS, lexicon_of, match_frame, matches_in_text, slogan_matches

__all__ = ["kwic", "HighlightedText", "highlight"]

def kwic(corpus, family_or_phrase: str, window: int = 10, *, lexicon=None, uncounted: bool = False) -> pd.DataFrame:
    """Keyword in context for a slogan family id or any phrase.

    Parameters
    ----------
    corpus : Corpus
    family_or_phrase : str
        A family id of the lexicon (``"mutual_respect"``) or a phrase, matched
        with the same forgiving rules.
    window : int
        Words of context on each side.
    uncounted : bool, default False
        Also show the matches :func:`slogan_matches` does not count (in an
        organisation's name, in a repeated passage), with its three flag columns.

    Returns
    -------
    DataFrame
        ``doc_id, family, phrase, left, matched, right, voice, quoted, start, end``
        (and ``in_name, name, repeat`` with ``uncounted=True``).
    """
    lex = lexicon_of(lexicon)
    if family_or_phrase in lex.ids:
        m = slogan_matches(corpus, lex, uncounted=uncounted)
        m = m[m["family"] == family_or_phrase]
    else:
        matcher = PhraseMatcher({family_or_phrase: family_or_phrase})
        rows = []
        for doc_id, text in zip(corpus.articles["doc_id"], corpus.articles["text"]):
            rows += matches_in_text(doc_id, str(text), matcher, lex.names)
        m = match_frame(rows, uncounted)
    texts = corpus.articles.set_index("doc_id")["text"]
    out = []
    for r in m.itertuples():
        text = texts[r.doc_id]
        # the scanned stretch starts and ends on white space: a word cut by the stretch is never shown
        # in part (issue 14: "...ed by the principles of" began mid-word)
        lo, hi = max(0, r.start - 40 * window), min(len(text), r.end + 40 * window)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        left_words = list(WORD_RE.finditer(text, lo, r.start))[-window:]
        right_words = list(WORD_RE.finditer(text, r.end, hi))[:window]
        left = text[left_words[0].start():r.start] if left_words else ""
        right = text[r.end:right_words[-1].end()] if right_words else ""
        out.append({"doc_id": r.doc_id, "family": r.family, "phrase": r.phrase,
                    "left": " ".join(left.split()), "matched": r.matched, "right": " ".join(right.split()),
                    "voice": r.voice, "quoted": r.quoted, "start": r.start, "end": r.end,
                    **({c: getattr(r, c) for c in UNCOUNTED_COLUMNS} if uncounted else {})})
    return pd.DataFrame(out, columns=["doc_id", "family", "phrase", "left", "matched", "right", "voice", "quoted",
                                      "start", "end"] + (UNCOUNTED_COLUMNS if uncounted else []))


@dataclass(frozen=True)
class HighlightedText:
    """HTML of a text with slogan families marked; shows itself in Jupyter."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _palette(n: int) -> list[str]:
    import seaborn as sns

    return sns.color_palette("husl", max(n, 1)).as_hex()


def highlight(article_or_text, *, lexicon=None, title: str | None = None) -> HighlightedText:
    """Mark each slogan family in its own colour, with a legend; all text is HTML-escaped.

    Parameters
    ----------
    article_or_text : str, Series (a row of ``corpus.articles``) or one-row DataFrame
    lexicon : optional
        As for :func:`slogan_matches`.
    title : str, optional
        A heading; for an article row, its title.

    Returns
    -------
    HighlightedText
        Displays as HTML in a notebook; ``.html`` holds the markup. Matches that
        are not counted (in an organisation's name, in a repeated passage; see
        :func:`slogan_matches`) are only underlined with dots.

    Examples
    --------
    >>> h = highlight("Both sides uphold mutual respect and <b>win-win cooperation</b>.")
    >>> "&lt;b&gt;" in h.html and "<mark" in h.html
    True
    """
    if isinstance(article_or_text, pd.DataFrame):
        article_or_text = article_or_text.iloc[0]
    if isinstance(article_or_text, pd.Series):
        text = str(article_or_text.get("text", ""))
        if title is None and isinstance(article_or_text.get("title"), str):
            title = article_or_text.get("title")
        doc = article_or_text.get("doc_id")
    else:
        text, doc = str(article_or_text), None
    lex = lexicon_of(lexicon)
    rows = matches_in_text(doc, text, lex.matcher, lex.names)
    colors = dict(zip(lex.ids, _palette(len(lex.ids))))
    labels = {f.id: f.label for f in lex.families}
    parts, pos = [], 0
    for r in rows:
        parts.append(html.escape(text[pos:r["start"]]))
        style = f"background:{colors[r['family']]}55;border-bottom:2px solid {colors[r['family']]}"
        if r["quoted"]:
            style += ";font-style:italic"
        tip = f"{labels[r['family']]} ({r['voice']} voice)"
        if r["in_name"] or r["repeat"]:
            style = f"border-bottom:2px dotted {colors[r['family']]}"
            tip += f"; not counted: {'in the name ' + r['name'] if r['in_name'] else 'repeated passage'}"
        tip = html.escape(tip, quote=True)
        parts.append(f'<mark style="{style}" title="{tip}">{html.escape(text[r["start"]:r["end"]])}</mark>')
        pos = r["end"]
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n\n", "</p><p>").replace("\n", "<br>")
    used = list(dict.fromkeys(r["family"] for r in rows))
    legend = "".join(
        f'<span style="background:{colors[f]}55;border-bottom:2px solid {colors[f]};padding:0 4px;'
        f'margin-right:6px">{html.escape(labels[f])}</span>' for f in used) or "<em>no slogans found</em>"
    head = f"<h4>{html.escape(title)}</h4>" if title else ""
    markup = (f'<div class="framing-highlight">{head}<div style="font-size:90%;margin-bottom:6px">{legend}'
              f'<span style="margin-left:8px;color:#666">(italic: quoted or attributed)</span></div>'
              f"<p>{body}</p></div>")
    return HighlightedText(markup)
