"""The shipped CAMEO codebook and its PLOVER mapping; user event types and patterns."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import shared_path
from dateline.errors import ConfigError
from dateline.events.ontology import PLOVER_TYPES, shipped_codebook
from dateline.events.patterns import load_patterns

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def test_every_root_is_in_the_codebook():
    book = shipped_codebook()
    assert all(root in book for root in ROOTS)
    assert len(book.codes) >= 300


@pytest.mark.parametrize(
    ("code", "quad"),
    [
        ("010", 1),
        ("057", 1),
        ("061", 2),
        ("0841", 2),
        ("112", 3),
        ("1384", 3),
        ("141", 4),
        ("173", 4),
        ("195", 4),
        ("2042", 4),
    ],
)
def test_quad_class_follows_the_root(code, quad):
    assert shipped_codebook()[code].quad_class == quad


def test_goldstein_values_are_the_published_ones():
    book = shipped_codebook()
    assert book["042"].goldstein == pytest.approx(1.9)
    assert book["173"].goldstein == pytest.approx(-5.0)
    assert book["190"].goldstein == pytest.approx(-10.0)
    assert all(-10 <= c.goldstein <= 10 for c in book.codes.values())


def test_every_code_but_statements_has_a_plover_type():
    for code in shipped_codebook().codes.values():
        if code.code.startswith("01"):
            assert code.plover() is None
        else:
            assert code.plover_type in PLOVER_TYPES, code


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("042", "CONSULT", "visit"),
        ("043", "CONSULT", "visit"),
        ("173", "COERCE", "arrest"),
        ("0841", "RETREAT", "release"),
        ("021", "REQUEST", "assist"),
        ("186", "ASSAULT", "assassinate"),
    ],
)
def test_plover_type_and_mode(code, plover, mode):
    entry = shipped_codebook()[code]
    assert (entry.plover_type, entry.plover_mode) == (plover, mode)
    assert entry.cameo().root == code[:2]


def test_every_shipped_pattern_uses_a_known_code():
    patterns = load_patterns()
    codes = {p.code for group in patterns.by_lemma.values() for p in group if not p.codes_nothing}
    assert codes <= set(patterns.codebook.codes)
    assert {code[:2] for code in codes} >= set(ROOTS) - {"01"}


def test_user_file_adds_an_event_type_and_a_pattern(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "codes:\n"
        "  - {code: '1901', description: Drone strike, goldstein: -10, quad_class: 4,"
        " plover_type: ASSAULT, plover_mode: drone}\n"
        "patterns:\n"
        "  - {id: user.drone, verbs: [drone], code: '1901', needs_source: false}\n"
        "  - {id: meet, verbs: [huddle], code: '040'}\n",
        encoding="utf-8",
    )
    patterns = load_patterns((user,))
    assert patterns.codebook["1901"].plover().mode == "drone"
    assert patterns.candidates("verb", "drone")[0].id == "user.drone"
    # a user pattern with a shipped id replaces the shipped one
    assert patterns.candidates("verb", "huddle")[0].code == "040"
    assert "meet" not in {p.id for p in patterns.candidates("verb", "meet")}


def test_an_edited_user_pattern_file_is_read_again(tmp_path):
    """A long-lived process (``dateline serve``) sees the user's edit, not a stale cache."""
    user = tmp_path / "mine.yaml"
    user.write_text("patterns:\n  - {id: user.x, verbs: [huddle], code: '040'}\n", "utf-8")
    assert load_patterns((user,)).candidates("verb", "huddle")[0].code == "040"
    user.write_text("patterns:\n  - {id: user.x, verbs: [huddle], code: '0311'}\n", "utf-8")
    assert load_patterns((user,)).candidates("verb", "huddle")[0].code == "0311"


def test_user_pattern_with_unknown_code_is_a_config_error(tmp_path):
    user = tmp_path / "bad.yaml"
    user.write_text("patterns:\n  - {id: x, verbs: [foo], code: '999'}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="999"):
        load_patterns((user,))


def test_build_script_reproduces_the_shipped_table():
    ontology = shared_path("ontology")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_cameo.py"
    spec = importlib.util.spec_from_file_location("build_cameo", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = {row["code"]: row for row in module.build(ontology)}
    book = shipped_codebook()
    assert set(rows) == set(book.codes)
    assert all(rows[c]["goldstein"] == book[c].goldstein for c in rows)


def test_yes_no_fields_are_read_as_booleans(tmp_path):
    shipped = load_patterns()
    kill = next(p for p in shipped.candidates("verb", "kill") if not p.object)
    assert kill.needs_source is False
    meet = next(p for p in shipped.candidates("verb", "meet") if p.id == "meet")
    assert meet.reciprocal is True
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'patterns:\n  - {id: x, verbs: [zap], code: "190", needs_source: perhaps}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError):
        load_patterns((bad,))


def test_every_intent_and_refusal_code_is_in_the_codebook():
    # "064": "1214" named a code CAMEO lacks: a refused intelligence-sharing on a real
    # page crashed the events stage with KeyError '1214'
    from dateline.events.patterns import load_patterns

    patterns = load_patterns()
    mapped = {**patterns.words.intent_codes, **patterns.words.refusal_codes}
    missing = sorted(code for code in mapped.values() if code not in patterns.codebook)
    assert not missing
