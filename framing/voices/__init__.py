"""Who gets quoted: quotations and attributed statements with speakers and affiliation types.

:func:`quotes` finds, in every article, direct quotations and reported speech
with the person, body or document they are attributed to, what the text says
about that speaker, and an affiliation type from ``lexicons/affiliations.yaml``
(see :mod:`framing.affiliations`). :func:`voices_by` counts the types per group
of outlets, with Wilson intervals and the most quoted speakers.

How (rule-based, no model: textacy's quotation extraction needs a spaCy model
and NLTK's taggers need downloaded data, neither available offline, so the
grammar of news attribution is written out here). Quotation marks are paired by
:func:`framing.quotes.quote_spans`; text inside them is masked before the
attribution patterns are read, so a verb or a name inside a quotation never
attributes it. Sentences are those of ``corpus.sentences``
(:func:`framing.text.sentence_spans`).

Attribution patterns (``pattern`` column), with a reporting verb such as *said,
told, noted, stressed, pointed out, stated, argued, explained, wrote* (and, when
a quotation, a *that* clause or the end of the clause follows, *added,
highlighted, called, described, agreed, reported*; a passive "was reported"
never attributes):

- ``"X said"``: the speaker before the verb — ``"…," Ruiz said``, ``Ruiz said that
  …``, ``X, a researcher at Y, noted that …``, ``Officials in Bishkek say …``;
- ``"said X"``: the speaker after the verb — ``"…," said Berg``, ``…, said Tom
  Berg, a farmer near Osh``;
- ``"according to X"`` (also *in the words of X*); it gives way to a verb
  pattern in the same sentence when it names an outlet or document (``X noted
  …, according to CNBC``: X speaks, CNBC is the conduit);
- ``"X, saying"``: a participle (*saying, adding, noting* …) followed by *that*
  or a quotation belongs to the earlier speaker of the sentence, else to its
  subject;
- ``"X: quote"``: a quotation opened by a colon after the sentence's subject
  (``A Bishkek-based economist … was blunter: "…"``);
- ``continuation``: a quotation of at least ``min_words`` words in a sentence
  without attribution continues the speaker of the sentence before it in the
  same paragraph (``"…," Sun said. "…"``) when it opens its sentence, carries
  its sentence's verb (``The letter "expresses the concerns of …"``) or when
  the writer's words before it refer back to that speaker (a pronoun, their
  name, their noun or state: ``Astana plans to expand its fleet 'from 17 to 34
  vessels.'``); a noun phrase in quotation marks inside the writer's own clause
  (``Banners promised "…"``, ``But this framing ignores "…"``) is a mention or
  a scare quote, not the last speaker's words;
- ``transcript``: ``Name: text`` turns of a press-conference transcript (two
  turns at least). The asker's turns (``Q:``, ``Question:``, ``Reporter:``, or
  a journalist or news outlet such as ``AFP:``) are ``kind="question"``: a
  reporter asking is not a source the outlet quotes, and :func:`voices_by`
  leaves questions out. ``A:``/``Answer:`` turns are the answerer's
  (``resolution="answerer"``): the person most often named as a speaker of the
  transcript, else the last one named before it or in the page title;
- ``unattributed``: a speech-like quotation (capitalised, ending in
  punctuation, ``min_words`` long) nobody is named for; a title or formula in
  capitals (``promoted "Mutual Respect, Mutual Trust And Win-Win Cooperation."``,
  a book's title) is nobody's speech.

The writer's own words are not attributed: ``It says very little about …``
(what a source leaves out), ``answered questions``, and what follows ``, but
this framing …`` (or *this claim*, *this view* …, or *we*/*I*) after a
reported statement. Documents are sources like ``the report``: ``documents
show that …`` attributes to the documents, which speak for whoever released
them, not for an outlet that saw them (``documents seen by Reuters``).

Speakers (``resolution`` column): a full ``name`` with the description around
it (title before the name, appositive after it) is remembered for the article;
a ``short_name`` ("Xu", "Smith") resolves to the last full mention holding that
token, a misspelt one (``fuzzy``, difflib ratio ≥ 0.8) to the closest surname;
a ``pronoun`` (he, she, it, they) to the most recent mention of a fitting
entity before it (gender learnt from earlier pronouns); a ``nominal`` ("the
ambassador", "the Kazakh diplomat", "the report") to the most recent
speaker whose description contains that noun (and that state); a state, capital
or leader of ``lexicons/actors.yaml`` speaks for its state (a leader opening a
sentence, "Xi Jinping spoke …", is remembered for later pronouns). Unnamed sources
("local officials", "industry data", "one company") keep their noun phrase as
the speaker; several listed together ("officials, entrepreneurs and scholars")
are one group whose kinds are typed one by one (``mixed_group`` when they
differ, :func:`framing.affiliations.group_affiliation`). A bare "the company"
(or *the firm*, *the bank* …) is no name but points back: to the company named
before it ("China Railway Group", "Nvidia" in "Nvidia CEO Jensen Huang"), else
it is unresolved like "it" (speaker None, typed ``business`` by its noun); a
named company speaks for itself ("Huawei said"). An age ("a 45-year-old
engineer") introduces a person but is no affiliation.

The work is split by module: :mod:`~framing.voices.words` (the word lists of
``lexicons/voices.yaml``), :mod:`~framing.voices.spans` (the text with
quotations masked), :mod:`~framing.voices.names` (names and descriptions),
:mod:`~framing.voices.mentions` (the entity registry, pronouns, antecedents),
:mod:`~framing.voices.speakers` (from a noun phrase to a speaker),
:mod:`~framing.voices.attribution` (the patterns), :mod:`~framing.voices.extract`
(rows per article, :func:`quotes`) and :mod:`~framing.voices.counts` (:func:`voices_by`).

Examples
--------
>>> from framing import Corpus
>>> c = Corpus.from_frame([{"text": '"Trade is growing," said Ana Ruiz, a researcher at a university. '
...                                 'She added that "ties are deep."'}])
>>> q = quotes(c)
>>> q[["speaker", "affiliation_type", "pattern", "resolution"]].values.tolist()
[['Ana Ruiz', 'independent_expert', 'said X', 'name'], ['Ana Ruiz', 'independent_expert', 'X said', 'pronoun']]
"""

from .counts import voices_by
from .extract import QUOTE_COLUMNS, quotes

__all__ = ["QUOTE_COLUMNS", "quotes", "voices_by"]
