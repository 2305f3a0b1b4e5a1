"""Topics by outlet on 37,815 real headlines (../shared/validation/headlines): state media vs the BBC.

The headlines are read in place (never copied). Topics are fitted at article
level (one headline = one unit, ``min_words=3``) with the ``tfidf`` embedding,
which needs no model: the fit takes about a minute of CPU time (63 s wall on an
idle 2-core machine, 3-4 minutes when other jobs share the cores). The
``static`` embedding gives the same two contrasts asserted here. Part of the
contrast is home news: the BBC's headlines come from its UK and WORLD
sections, the state media's from CHINA and WORLD.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path

from framing.topics import fit_topics
from framing.validation import load_headlines

# per-outlet counts as published in ../shared/validation/README.md
OUTLET_COUNTS = {"CGTN": 13736, "Xinhua": 10352, "Global Times": 5782, "China Daily": 4547, "BBC": 3398}


@pytest.fixture(scope="module")
def headlines():
    return load_headlines(shared_path("validation", "headlines", "state_media_vs_bbc_2022.csv"))


@pytest.fixture(scope="module")
def headline_topics(headlines):
    return fit_topics(headlines, level="article", embedding="tfidf", min_words=3, random_state=0)


def test_loader_gives_one_article_per_headline(headlines):
    a = headlines.articles
    assert len(a) == 37815 and a["doc_id"].is_unique
    assert a.groupby("publisher").size().to_dict() == OUTLET_COUNTS
    types = a.groupby("publisher")["source_type"].first().to_dict()
    assert types == {"BBC": "broadcaster", "CGTN": "state_media", "China Daily": "state_media",
                     "Global Times": "state_media", "Xinhua": "state_media"}
    assert (a["title"] == a["text"]).all() and (a["n_words"] > 0).all()
    dates = pd.to_datetime(a["published"])
    assert dates.notna().all() and dates.max() <= pd.Timestamp("2022-09-30")
    assert set(a["notes"]) == {"UK", "WORLD", "CHINA"}
    assert len(headlines.paragraphs) == len(a)  # one paragraph per headline


def test_loader_names_file_and_missing_column(tmp_path):
    bad = tmp_path / "h.csv"
    bad.write_text("outlet,title\nbbc,Something happened\n", encoding="utf-8")
    with pytest.raises(KeyError, match=r"h\.csv: no column 'headline'"):
        load_headlines(bad)


def _wide(g: pd.DataFrame) -> pd.DataFrame:
    return g.pivot(index="topic", columns="group", values=["share", "ci_low", "ci_high"])


def _largest_topic_with(result, term: str) -> int:
    info = result.topic_info
    has = info[info["terms"].str.split(", ").apply(lambda terms: term in terms) & (info["topic"] >= 0)]
    assert len(has), f"no topic has {term!r} among its terms"
    return int(has.sort_values("size", ascending=False)["topic"].iat[0])


@pytest.mark.slow  # the fit on 37,815 headlines: about a minute
def test_topics_by_outlet_in_one_call(headline_topics):
    p = headline_topics.params
    assert p["level"] == "article" and p["n_paragraphs"] + p["n_too_short"] == 37815
    assert p["n_too_short"] < 50  # headlines of one or two words
    g = headline_topics.by_group("publisher", n_boot=300)
    assert set(g["group"]) == set(OUTLET_COUNTS)
    assert np.allclose(g.groupby("group")["share"].sum(), 1.0)
    n_docs = g.groupby("group")["n_docs"].first()
    assert (n_docs <= pd.Series(OUTLET_COUNTS).reindex(n_docs.index)).all() and n_docs.sum() == p["n_paragraphs"]


@pytest.mark.slow  # the fit on 37,815 headlines: about a minute
def test_state_media_vs_bbc_contrast(headline_topics):
    # the broadcaster type is one outlet (the BBC): no outlet-clustered interval, by default, says so
    default = headline_topics.by_group("source_type", n_boot=50)
    bbc = default[default["group"] == "broadcaster"]
    assert (default["ci_method"] == "outlet").all() and bbc["ci_low"].isna().all()
    assert bbc["ci_note"].str.contains("too few outlets").all()
    # resampling headlines, as if independent, the two kinds of outlet separate
    g = headline_topics.by_group("source_type", n_boot=500, ci_method="document")
    w = _wide(g)
    sm_lo, sm_hi = w[("ci_low", "state_media")], w[("ci_high", "state_media")]
    bbc_lo, bbc_hi = w[("ci_low", "broadcaster")], w[("ci_high", "broadcaster")]
    separated = (sm_lo > bbc_hi) | (sm_hi < bbc_lo)
    # most topics are not shared evenly: the two kinds of outlet cover different news
    assert separated.mean() > 0.25
    # British crime and courts: the BBC's
    crime = _largest_topic_with(headline_topics, "murder")
    assert bbc_lo[crime] > sm_hi[crime]
    assert w.loc[crime, ("share", "broadcaster")] > 5 * w.loc[crime, ("share", "state_media")]
    # the Chinese head of state's letters, speeches and greetings: state media's
    xi = _largest_topic_with(headline_topics, "xi jinping")
    assert sm_lo[xi] > bbc_hi[xi]
    assert w.loc[xi, ("share", "state_media")] > 5 * w.loc[xi, ("share", "broadcaster")]
    # and per outlet: every state outlet gives that topic a larger share than the BBC
    by_outlet = headline_topics.by_group("publisher", n_boot=100).query("topic == @xi").set_index("group")["share"]
    assert (by_outlet.drop("BBC") > by_outlet["BBC"]).all()
