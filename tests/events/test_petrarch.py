"""PETRARCH2/TABARI verb dictionaries and discard lists as pattern files, and the shipped
conversion of PETRARCH2's CAMEO dictionary. Countries and verbs here are fictional or
written for these tests (Valdoria VAL, Kestria KES)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

import dateline
from conftest import shared_path
from dateline.events.ontology import shipped_codebook
from dateline.events.patterns import CONVERTED_FILES, load_patterns
from dateline.events.petrarch import (
    NULL_CODE,
    is_verb_dictionary,
    read_discards,
    read_verb_dictionary,
    word_slot,
)
from dateline.events.yaml_files import PATTERN_DIR
from dateline.settings import Settings

VERBS = """\
<!-- a test verb dictionary
     in PETRARCH2's format -->
&TIETYPES
+MILITARY
+TRADE_RELATIONS   # a phrase: consecutive words

&BONDS
+&TIETYPES
+CULTURAL

--- RESTORE [---] ---
RESTORE
REINSTATE {REINSTATED}
- * DIPLOMATIC_TIES [064]
- * &BONDS TIES [062]

--- VISIT [042:043] ---
VISIT

--- COMPLAIN [111] ---
COMPLAIN
- * ABOUT + [112]    ; the target is the object of "about"

--- CAUTION [130] ---
CAUTION
- + WAS * BY $ [138]

--- RECONCILE [---] ---
RECONCILE
- % * [050]

--- DETAIN [173] ---
+ROUND_UP
- * TRADERS [0645]

--- DENOUNCE [122] ---
DENOUNCE

--- HAIL [041] ---
HAIL

--- RENEW [057] ---
RENEW

--- RESIST [113] ---
RESIST
OPPOSE

--- ARRIVE [032] ---
ARRIVE

--- RISEN [---] ---
RISEN
- CASUALTY_TOLL * [223]

--- SAID [023] ---
SAID
"""

ACTORS = """\
VALDORIA_ [VAL]
+VALDORIAN_
KESTRIA_ [KES]
+KESTRIAN_
NORVANIA_ [NOR]
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "test.verbs.txt").write_text(VERBS, encoding="utf-8")
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.discards.txt").write_text("CHESS FINAL\n+TYPHOON  # story\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def code(files):
    settings = replace(
        Settings(),
        actor_files=(files / "test.actors.txt",),
        pattern_files=(files / "test.verbs.txt", files / "test.discards.txt"),
    )

    def run(text: str) -> list[tuple[str, str | None, str | None]]:
        events = dateline.code_text(text, settings=settings).events
        return sorted(
            (e.cameo.code, e.source and e.source.country, e.target and e.target.country)
            for e in events
        )

    return run


def test_a_verb_dictionary_is_read_with_its_blocks_forms_synsets_and_codes(files):
    path = files / "test.verbs.txt"
    assert is_verb_dictionary(path) and not is_verb_dictionary(files / "test.discards.txt")
    read = read_verb_dictionary(path)
    by_code = {p.code: p for p in read.patterns}
    restore = [p for p in read.patterns if "restore" in p.lemmas]
    assert restore[-1].code == NULL_CODE and not restore[-1].after  # the verb alone, last
    assert restore[-1].lemmas == {"restore", "reinstate", "reinstated"}
    assert by_code["064"].after == ("diplomatic ties",)  # "_": one phrase
    assert by_code["062"].after == ("&bonds", "ties")
    assert read.synsets["tietypes"] == ("military", "trade relations")
    assert (by_code["042"].paired_code, by_code["042"].after) == ("043", ())
    assert by_code["112"].target == ("about",)
    assert (by_code["138"].target, by_code["138"].source) == (("surface-subject",), ("by",))
    assert by_code["050"].compound
    # a multi-word verb: "round" is the verb, "up" must follow it in every pattern
    assert (by_code["0645"].lemmas, by_code["0645"].after) == ({"round"}, ("up", "traders"))
    assert by_code["173"].after == ("up",)


def test_synsets_inside_synsets_expand_to_their_phrases(files):
    synsets = read_verb_dictionary(files / "test.verbs.txt").synsets
    slot = word_slot("&bonds", synsets)
    phrases = {" ".join(max(forms, key=len) for forms in p) for p in slot.phrases}
    assert phrases == {"military", "trade relations", "cultural"}


def test_discard_lists_tell_sentence_from_story_discards(files):
    discards = read_discards(files / "test.discards.txt")
    assert discards.discards_sentence("Valdoria won the chess  final.")
    assert not discards.discards_sentence("Valdoria won the chess match.")
    assert discards.discards_story("A typhoon hit. Valdoria sent aid.")
    assert not discards.discards_story("Valdoria sent aid.")


def test_codes_the_codebook_lacks_take_their_parents_attributes(files):
    patterns = load_patterns((files / "test.verbs.txt",))
    added = patterns.codebook["0645"]
    assert (added.goldstein, added.plover_type) == (
        shipped_codebook()["064"].goldstein,
        shipped_codebook()["064"].plover_type,
    )


def test_a_user_verb_dictionary_owns_its_verbs(files):
    patterns = load_patterns((files / "test.verbs.txt",))
    assert {p.id.split(".")[0] for p in patterns.candidates("verb", "visit")} == {"test"}
    assert any(p.id.startswith("test.") for p in patterns.candidates("verb", "round"))


def test_joined_words_are_found_on_consecutive_words(code):
    assert code("Valdoria's casualty toll has risen in the war with Kestria.") == [
        ("223", "VAL", "KES")
    ]
    assert code("Valdoria's casualty and injury toll has risen in the war with Kestria.") == []


def test_a_verb_listed_as_written_matches_that_word(code):
    # "RISEN" is no lemma: the dictionary's entry matches the word as written
    assert code("Valdoria's casualty toll rose in the war with Kestria.") == []
    assert code("Valdoria's casualty toll has risen in the war with Kestria.") != []
    # not a reporting verb: "said" attributes what it reports, it is no event of its own
    assert code("Valdoria denounced Kestria, an official said.") == [("122", "VAL", "KES")]


def test_words_after_the_verb_choose_the_pattern(code):
    assert code("Valdoria restored diplomatic ties with Kestria.") == [("064", "VAL", "KES")]
    assert code("Valdoria restored military ties with Kestria.") == [("062", "VAL", "KES")]
    assert code("Valdoria reinstated cultural ties with Kestria.") == [("062", "VAL", "KES")]


def test_a_null_code_codes_nothing(code):
    assert code("Valdoria restored the old bridge near Kestria.") == []


def test_paired_codes_give_the_second_event_reversed(code):
    assert code("Valdoria visited Kestria.") == [("042", "VAL", "KES"), ("043", "KES", "VAL")]


def test_a_marked_target_is_the_object_of_its_word(code):
    assert ("112", "VAL", "KES") in code("Valdoria complained about Kestria to the United Nations.")


def test_a_target_before_the_verb_is_its_subject(code):
    assert code("Kestria was cautioned by Valdoria.") == [("138", "VAL", "KES")]


def test_a_compound_actor_codes_each_way(code):
    assert code("Valdoria and Kestria reconciled.") == [
        ("050", "KES", "VAL"),
        ("050", "VAL", "KES"),
    ]


def test_a_multi_word_verb_needs_its_particle(code):
    assert ("0645", "VAL", None) in code("Valdoria rounded up traders on Monday.")
    assert [e[0] for e in code("Valdoria rounded the cape.")] == []


def test_discarded_sentences_and_stories_code_nothing(code):
    assert code("Valdoria restored diplomatic ties with Kestria at the chess final.") == []
    story = "A typhoon hit the coast. Valdoria restored diplomatic ties with Kestria."
    assert code(story) == []


def test_the_shipped_conversion_is_loaded_after_the_hand_written_patterns():
    patterns = load_patterns()
    converted = [p for group in patterns.by_lemma.values() for p in group if p.converted]
    assert len({lemma for p in converted for lemma in p.lemmas}) > 1000
    assert all(p.phrase_arguments for p in converted)  # PETRARCH's argument rule as fallback
    for group in patterns.by_lemma.values():
        flags = [p.converted for p in group]
        assert flags == sorted(flags)  # hand-written first


def test_the_shipped_conversion_keeps_the_source_licence():
    header = json.loads((PATTERN_DIR / CONVERTED_FILES[0]).read_text(encoding="utf-8"))["header"]
    text = "\n".join(header)
    assert "CAMEO.2.0.txt" in text and "MIT License" in text
    assert "Copyright (c) 2015 Open Event Data Alliance" in text


def test_build_script_reproduces_the_shipped_conversion():
    source = shared_path("ontology", "petrarch2", "CAMEO.2.0.txt")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_petrarch_patterns.py"
    spec = importlib.util.spec_from_file_location("build_petrarch_patterns", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (PATTERN_DIR / CONVERTED_FILES[0]).read_text(encoding="utf-8")
    assert module.build(source) == shipped


def test_a_user_dictionary_finds_its_target_in_any_phrase(code):
    assert code("Valdoria complained in Kestria on Monday.") == [("111", "VAL", "KES")]


def shipped(text: str) -> list[tuple[str, str | None, str | None, bool]]:
    events = dateline.code_text(text, settings=Settings()).events
    return sorted(
        (
            e.cameo.code,
            e.source and e.source.country,
            e.target and e.target.country,
            "cameo2." in e.explanation,
        )
        for e in events
    )


def test_the_shipped_coder_knows_a_construction_only_petrarch_has():
    # "exchange * prisoners [0841:0841]": a symmetric pair is one event each way
    assert shipped("Chile and Peru exchanged prisoners on Sunday.") == [
        ("0841", "CHL", "PER", True),
        ("0841", "PER", "CHL", True),
    ]


def test_converted_patterns_stay_out_of_a_sentence_a_hand_written_pattern_codes():
    events = shipped("Chile and Peru exchanged prisoners and Peru attacked Chile.")
    assert [e for e in events if e[3]] == []
    assert ("190", "PER", "CHL", False) in events


def test_a_converted_pattern_with_no_actor_found_is_no_fallback():
    # "close * roads [1723]" matches; a hand-written pattern would leave a fallback event
    assert shipped("Someone closed the roads across the region on Wednesday.") == []


# PETRARCH's argument rule (phrase_args.py), where the role rules find no actor


def test_the_target_is_the_first_actor_anywhere_in_the_verb_phrase(code):
    assert code("Valdoria denounced plans for a march through Kestria.") == [("122", "VAL", "KES")]
    # a pronoun names nobody: "their schools" is not the target
    assert code("Valdoria hailed the reopening of their schools near Kestria.") == [
        ("041", "VAL", "KES")
    ]


def test_a_head_naming_no_actor_gives_way_to_the_actors_in_its_phrase(code):
    # "renewal" names no actor: both countries of its phrase are the targets
    assert code("Valdoria hailed the renewal of trade ties between Kestria and Norvania.") == [
        ("041", "VAL", "KES"),
        ("041", "VAL", "NOR"),
    ]


def test_the_source_and_pronouns_give_way_to_the_actors_of_the_phrase(code):
    # "his first official visit" is the president's own: Kestria is the target
    events = code("The Valdorian president arrived in Kestria on his first official visit.")
    assert ("032", "VAL", "KES") in events and ("032", "VAL", None) not in events
    # "the leaders" name nobody; the actors of their phrase are the sources
    assert code("The leaders of Valdoria and Norvania denounced Kestria.") == [
        ("122", "NOR", "KES"),
        ("122", "VAL", "KES"),
    ]


def test_a_time_clause_is_not_the_verb_phrase(code):
    events = code("Valdoria denounced the decision after a clash in Kestria.")
    assert [e for e in events if e[0] == "122"] == [("122", "VAL", None)]


def test_the_subject_of_a_passive_control_verb_is_the_source(code):
    assert code("Valdoria was seen to denounce plans for a march through Kestria.") == [
        ("122", "VAL", "KES")
    ]


def test_a_compound_source_with_no_target_codes_each_way(code):
    assert code("Valdoria and Kestria renewed their friendship on Monday.") == [
        ("057", "KES", "VAL"),
        ("057", "VAL", "KES"),
    ]


def test_a_dictionary_verb_owns_its_participle_as_an_adjective(code):
    # the shipped adjective pattern "opposed" (120) gives way to the dictionary's OPPOSE (113)
    assert code("Kestria was opposed by Valdoria on Monday.") == [("113", "VAL", "KES")]


def test_a_user_dictionary_code_stands_whatever_the_modality(code):
    # Dateline's own rule codes an intended visit as an intent to meet (036) and a refused
    # one as a refusal; the dictionary's code is kept, the modality says the rest
    assert ("042", "VAL", "KES") in code("Valdoria will visit Kestria next month.")
    assert ("042", "VAL", "KES") in code("Valdoria did not visit Kestria.")


RUN_VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

&WAR_OF_WORDS
+QUARREL

--- ABANDON [345] ---
ABANDON
- * NEW_&TIETYPES_RELATIONS [903]
- * IN &WAR_OF_WORDS [111]

--- RESTORE [064] ---
RESTORE
- * FULL DIPLOMATIC [+++]
- * DIPLOMATIC [0641]

--- ADOPT [081] ---
ADOPT
- * RESOLUTION [102]
"""


@pytest.fixture(scope="module")
def run_verbs(files) -> Path:
    path = files / "run.verbs.txt"
    path.write_text(RUN_VERBS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run_codes(files, run_verbs):
    settings = replace(
        Settings(), actor_files=(files / "test.actors.txt",), pattern_files=(run_verbs,)
    )

    def codes(text: str) -> list[str]:
        return [e.cameo.code for e in dateline.code_text(text, settings=settings).events]

    return codes


def test_a_run_with_a_synset_is_found_on_consecutive_words(run_verbs, run_codes):
    afters = {p.code: p.after for p in read_verb_dictionary(run_verbs).patterns}
    # a synset's name may hold "_": the longest name the file defines
    assert afters["903"] == ("new &tietypes relations",)
    assert afters["111"] == ("in", "&war_of_words")
    assert run_codes("Valdoria abandoned new economic relations with Kestria.") == ["903"]
    assert run_codes("Valdoria abandoned new global economic relations with Kestria.") == ["345"]


def test_a_complex_event_pattern_is_skipped(run_verbs, run_codes):
    codes = {p.code for p in read_verb_dictionary(run_verbs).patterns}
    assert "0641" in codes and not {c for c in codes if "+" in c or c == NULL_CODE}
    assert run_codes("Valdoria restored full diplomatic ties with Kestria.") == ["0641"]


def test_a_user_dictionary_word_is_matched_as_written(run_codes):
    # PETRARCH's closed match: RESOLUTION is "resolution", not "resolutions"
    assert run_codes("Valdoria adopted a resolution with Kestria.") == ["102"]
    assert run_codes("Valdoria adopted two resolutions with Kestria.") == ["081"]
