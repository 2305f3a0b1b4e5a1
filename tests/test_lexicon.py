"""Lexicon loading: packaged data, user extension, and clear errors."""

from __future__ import annotations

import pytest

from framing import LexiconError, load_lexicon, load_outlets, read_corpus


def test_outlets_lexicon_has_metadata_and_enough_outlets():
    lex = load_lexicon("outlets")
    for key in ("name", "version", "description", "citation", "license"):
        assert lex[key]
    assert len(lex["outlets"]) >= 40
    outlets = load_outlets()
    for name, kind in [("Xinhua", "state_media"), ("People's Daily", "state_media"), ("PR Newswire", "pr_wire"),
                       ("Xinhua Institute", "state_affiliated_think_tank"), ("The Diplomat", "analysis_magazine"),
                       ("Atlantic Council", "think_tank"), ("Nabka News", "aggregator"), ("Daily8", "aggregator")]:
        assert outlets.source_type(name) == kind, name


def test_aliases_and_case_sensitive_acronyms():
    outlets = load_outlets()
    assert outlets.canonical("Xinhua News Agency") == "Xinhua"
    assert outlets.canonical("PRNewswire") == "PR Newswire"
    assert outlets.canonical("Some Blog") == "Some Blog"
    found = [o.name for _, _, o in outlets.find("He told AP and the Xinhua Institute, not the ap team.")]
    assert found == ["Associated Press", "Xinhua Institute"]


def test_user_outlets_extend_the_packaged_ones(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\n"
                    "outlets:\n  - name: Steppe Wire Digest\n    aliases: [SWD]\n    source_type: aggregator\n")
    outlets = load_outlets(user)
    assert outlets.source_type("SWD") == "aggregator"
    assert outlets.source_type("Xinhua") == "state_media"
    page = tmp_path / "p" / "a.txt"
    page.parent.mkdir()
    page.write_text("Rail grows\n\n" + "The new rail line opened on Monday and carried its first freight. " * 5)
    (tmp_path / "p" / "sources.csv").write_text("file,publisher\na.txt,SWD\n")
    art = read_corpus(tmp_path / "p", outlets=user).articles.iloc[0]
    assert art["publisher"] == "Steppe Wire Digest" and art["source_type"] == "aggregator"


@pytest.mark.parametrize("content, message", [
    ("name: x\nversion: 1\n  bad: [", "line"),
    ("name: x\nversion: 1\n", "missing required key(s): description, citation, license"),
    ("- just a list", "expected a mapping"),
])
def test_bad_lexicon_files_name_file_and_problem(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_unknown_packaged_lexicon():
    with pytest.raises(LexiconError, match="no packaged lexicon named 'nope'"):
        load_lexicon("nope")
