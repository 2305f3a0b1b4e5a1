"""framing.lexicon: one validate(kind) naming file, line and field; actors loaded one way."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.lexicon import (KINDS, LexiconError, kind_of, load_actors, packaged_file, validate, validate_lexicon,
                             voice_words)

HEAD = "name: x\nversion: '1'\ndescription: d\ncitation: c\nlicense: CC0-1.0\n"  # lines 1-5

# kind -> (body after the header, the line of the problem, words the message must hold)
BAD = {
    "outlets": ("outlets:\n  - name: A\n    source_type: nonsense\n",
                8, "outlet 'A' has unknown source_type 'nonsense'"),
    "slogans": ("families:\n  - {id: a, label: A, origin: o, phrases: [win-win]}\n"
                "  - {id: b, label: B, origin: o, phrases: [Win Win]}\n",
                8, "phrase 'Win Win' is in two families: 'b' and 'a' (line 7)"),
    "frames": ("schemes:\n  - id: s\n    frames:\n      - {id: a, label: A, cues: [{terms: [x]}]}\n",
               9, "a cue group of frame 'a' has no 'why'"),
    "actors": ("actors:\n  - {id: x, label: X, aliases: [Ex]}\n  - {id: y, label: Y, aliases: [ex]}\n",
               8, "alias 'ex' of actor 'y' already names actor 'x' (line 7)"),
    "affiliations": ("cues:\n  - type: nonsense_type\n    phrases: [spokesperson]\n",
                     7, "cue group has unknown type 'nonsense_type'"),
    "voices": ("reporting_verbs: {say: [said], weak: [noted], participle: [saying], invertible: [said]}\n"
               "months: [may, on]\n",
               7, "months: 'on' is read as a bool, not a word (quote it)"),
    "vader": ("terms:\n  hegemony: -1.8\noverrides:\n  hegemony: 0\n  surely: five\n",
              10, "overrides.surely: valence 'five' is not a number"),
}


def named(problems: list[str], expected: str) -> bool:
    """Whether a problem says ``expected`` (a message may go on with the values it knows)."""
    return any(p.startswith(expected) for p in problems)


def write(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"bad_{kind}.yaml"
    path.write_text(HEAD + BAD[kind][0], encoding="utf-8")
    return path


def test_every_packaged_lexicon_is_valid():
    assert {kind: validate(kind) for kind in KINDS} == {kind: [] for kind in KINDS}
    assert KINDS == ("outlets", "slogans", "frames", "actors", "affiliations", "voices", "vader")


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_file_of_each_kind_is_named_with_line_and_field(tmp_path, kind):
    path = write(tmp_path, kind)
    _, line, message = BAD[kind]
    assert named(validate(kind, path), f"{path}, line {line}: {message}")


@pytest.mark.parametrize("kind", sorted(BAD))
def test_the_kind_of_a_file_is_told_by_its_keys_and_any_file_validates(tmp_path, kind):
    path = write(tmp_path, kind)
    assert kind_of(path) == kind
    assert named(validate_lexicon(path), f"{path}, line {BAD[kind][1]}: {BAD[kind][2]}")


def test_the_old_slogan_validator_checks_every_kind(tmp_path):
    from framing.slogan_lexicon import validate_lexicon as old

    path = write(tmp_path, "vader")
    assert old(path) == validate("vader", path)
    assert f"{path}, line 9: overrides: 'hegemony' is already listed in terms (line 7)" in old(path)


def test_validate_refuses_an_unknown_kind_and_names_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="kind must be one of outlets, slogans"):
        validate("topics")
    assert validate("actors", tmp_path / "none.yaml") == [f"{tmp_path / 'none.yaml'}: file not found"]
    assert kind_of(packaged_file("vader_diplomatic")) == "vader"


def test_vader_valences_stay_on_vaders_scale(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(HEAD + "terms:\n  win-win: 1.5\n  Hegemony: -9\n", encoding="utf-8")
    assert validate("vader", path) == [f"{path}, line 8: terms: 'Hegemony' is not a lower-case token",
                                       f"{path}, line 8: terms.Hegemony: -9 is outside -4..+4"]


def test_loaders_refuse_a_bad_file_with_every_problem(tmp_path):
    with pytest.raises(LexiconError, match=r"1 problem\(s\) in .*bad_actors.yaml:\n- .*line 8: alias 'ex'"):
        load_actors(write(tmp_path, "actors"))
    with pytest.raises(LexiconError, match="line 7: months: 'on' is read as a bool"):
        voice_words(write(tmp_path, "voices"))


# ------------------------------------------------------------------ actors, loaded one way

def test_actors_are_loaded_once_and_shared_by_sentiment_affiliations_and_voices():
    from framing.affiliations import state_of
    from framing.sentiment import actor_matcher
    from framing.voices.names import leader_name, single_token_aliases

    actors = load_actors()
    assert load_actors() is actors
    matcher, labels = actor_matcher(None)
    assert matcher is actors.matcher and labels == actors.labels and labels["eu"] == "European Union"
    assert state_of("talks in Astana") == "kazakhstan" and state_of("talks in Atlantis") is None
    assert {"Astana", "Xi", "Kazakhs"} <= single_token_aliases()
    assert "United States" not in single_token_aliases() and leader_name("Xi") == "Xi Jinping"


def test_a_user_actors_file_is_read_the_same_way(tmp_path):
    from framing.sentiment import actor_matcher

    path = tmp_path / "actors.yaml"
    path.write_text(HEAD + "actors:\n  - {id: steppe, label: Steppe, aliases: [Steppelanders]}\n"
                    "  - {id: sea, aliases: [Sea Folk]}\n", encoding="utf-8")
    actors = load_actors(path)
    assert actors.labels == {"steppe": "Steppe", "sea": "sea"}
    assert actors.get("sea").names == ("sea", "Sea Folk")
    matcher, labels = actor_matcher(str(path))
    assert [h.key for h in matcher.find("The Steppelanders met the Sea Folk.")] == ["steppe", "sea"]


def test_no_module_outside_the_lexicon_package_reads_the_actors_file():
    root = Path(__file__).resolve().parents[1] / "framing"
    readers = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if 'load_lexicon("actors")' in p.read_text(encoding="utf-8")
               or 'else "actors"' in p.read_text(encoding="utf-8")]
    assert readers == ["lexicon/actors.py"]


def test_a_voices_file_without_the_lists_that_were_code_takes_the_packaged_ones(tmp_path):
    """A user's voices file from before 2026.12 has no title, company or organisation heads nor
    not-person words (they were code then): it stays valid and gets the packaged lists."""
    import yaml

    from framing.lexicon.voices import MOVED_KEYS, voice_words

    data = yaml.safe_load(packaged_file("voices").read_text(encoding="utf-8"))
    for key in MOVED_KEYS:
        del data[key]
    data["months"] = [*data["months"], "smarch"]
    path = tmp_path / "voices.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert validate("voices", path) == []
    words, packaged = voice_words(path), voice_words()
    assert all(getattr(words, k) == getattr(packaged, k) and getattr(words, k) for k in MOVED_KEYS)
    assert "smarch" in words.months and "smarch" not in packaged.months
    # a moved list that is given must still be a list of words
    data["title_heads"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert any("title_heads must be a non-empty list" in p for p in validate("voices", path))
