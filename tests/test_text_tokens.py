"""Word counts and content words looked up per token agree with the patterns they cache."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest.segment import _CONTENT_RE, STOPWORDS, _content_counts
from framing.text import WORD_RE, count_words

# the characters where the per-token shortcut could go wrong: joiners, decimal points,
# non-ASCII letters and digits, Unicode spaces, the final-sigma rule of str.lower()
_TRICKY = st.lists(st.sampled_from(list("ab1 2-'’.,\n\t_é٣xΣσİ\u00a0\u2003\x1c") + ["the ", "win-win ", "5.4"]),
                   max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TRICKY)
def test_count_words_equals_the_word_pattern(text):
    assert count_words(text) == len(WORD_RE.findall(text))


@settings(max_examples=400, deadline=None)
@given(_TRICKY)
def test_content_counts_equal_the_content_pattern(text):
    expected = Counter(w for w in _CONTENT_RE.findall(text.lower()) if w not in STOPWORDS)
    assert _content_counts(text) == expected


def test_count_words_examples():
    assert count_words("Win-win cooperation, isn't it?") == 4
    assert count_words("Trade rose 5.4 percent to $2.5bn.") == 7  # "2.5" and "bn" are two words
    assert count_words("") == 0
