"""The rules that find time expressions, and the context patterns around them.

Each rule is a pattern over the text and the normaliser that reads its match; calendar
dates come from the one date grammar (``grammar.py``), every other word from the
vocabulary in ``data/time/expressions.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ... import resources
from . import normalise as n
from .grammar import EXPRESSIONS, YEAR, DateGrammar, alternation, date_grammar, vocabulary
from .normalise import EXPLICIT, MONTH_ONLY, OTHER, RELATIVE, WEEKDAY


@dataclass(frozen=True)
class Rule:
    kind: str  # one of normalise.KINDS
    pattern: re.Pattern
    normalise: Callable[[re.Match, n.Anchoring], n.Value | None]
    needs_context: re.Pattern | None = None  # when scanning free text only


@dataclass(frozen=True)
class Contexts:
    """Patterns over the words around an expression, built from the vocabulary."""

    future_clause: re.Pattern  # words in a clause that make its expressions point forward
    year: re.Pattern  # what may stand before a bare year: "in 1998", not "1998 troops"
    month: re.Pattern  # what may stand before a bare month: "in May", not "Theresa May"
    range_join: re.Pattern  # between the two ends of a range: "from Monday to Wednesday"
    range_open: re.Pattern  # before the start of a range


@dataclass(frozen=True)
class TimeRules:
    """Everything the expressions are found and read with, compiled once per vocabulary."""

    rules: tuple[Rule, ...]
    contexts: Contexts
    words: dict[str, Any]  # the vocabulary
    dates: DateGrammar


def time_rules() -> TimeRules:
    """The rules, compiled once per version of the vocabulary file."""
    return resources.derived([EXPRESSIONS], "time rules", _compile)


def _compile() -> TimeRules:
    words, dates = vocabulary(), date_grammar()
    contexts = _contexts(words)
    return TimeRules(_rules(words, dates, contexts), contexts, words, dates)


def _contexts(v: dict[str, Any]) -> Contexts:
    future, year, month, ranges = (
        v["future_clause"],
        v["year_context"],
        v["month_context"],
        v["ranges"],
    )

    def compiled(pattern: str) -> re.Pattern:
        return re.compile(pattern, re.IGNORECASE)

    return Contexts(
        future_clause=compiled(
            rf"\b{alternation(future['words'])}\b|{alternation(future['suffixes'])}\b"
            rf"|\b{alternation(future['ending'])}\s*$"
        ),
        year=compiled(rf"(?:\b{alternation(year['words'])}|{alternation(year['marks'])})\s*$"),
        month=compiled(rf"\b{alternation(month['words'])}\s*$|{alternation(month['marks'])}$"),
        range_join=compiled(rf"^\s*{alternation(ranges['joining'])}\s*$"),
        range_open=compiled(rf"\b{alternation(ranges['opening'])}\s*$"),
    )


def _rules(v: dict[str, Any], dates: DateGrammar, contexts: Contexts) -> tuple[Rule, ...]:
    month = rf"(?P<month>{dates.month})"
    weekday = rf"(?P<weekday>{dates.weekday})"
    year = rf"(?P<year>{YEAR})"
    count = rf"(?P<count>{alternation(v['numbers'])}|\d+)"
    unit = rf"(?P<unit>day|week|month|year|{alternation(v['long_units'])})s?"
    direction = alternation({**v["offset_directions"], **v["counted_from"]})
    counted = r"(?P<counted>(?=\s+[^\W\d_]))?"  # a word follows: "after [the war]"
    shift = rf"(?P<shift>{alternation(v['unit_shifts'])})"
    weekday_shift = rf"(?:(?P<wshift>{alternation(v['weekday_shifts'])})\s+)?"
    part_of_day = rf"(?:\s+{alternation(v['parts_of_day']['words'])})?"
    prefix = rf"(?:(?P<shift>{alternation(v['month_shifts']['words'])})\s*)?"
    year_kind = rf"(?:{alternation(v['year_kinds']['words'])}\s+)?"

    def rule(kind, pattern, normalise, needs_context=None):
        if isinstance(pattern, str):
            pattern = re.compile(pattern, re.IGNORECASE)
        return Rule(kind, pattern, normalise, needs_context)

    return (
        rule(EXPLICIT, dates.iso, n.numeric_date),
        rule(EXPLICIT, dates.slashed, n.numeric_date),
        rule(EXPLICIT, dates.written, n.written_date),
        rule(EXPLICIT, rf"\b{prefix}{month},?\s+(?:of\s+)?{year}\b", n.month_year),
        rule(WEEKDAY, rf"\b{weekday_shift}{weekday}(?!\w){part_of_day}", n.weekday),
        rule(RELATIVE, rf"\b{alternation(v['day_words'])}\b", n.day_word),
        rule(RELATIVE, rf"\b{alternation(v['reference_day_words'])}\b", n.reference_day_word),
        rule(RELATIVE, rf"\b{count}\s+{unit}\s+(?P<dir>{direction})\b{counted}", n.offset),
        rule(
            RELATIVE,
            rf"\b(?:the\s+)?{shift}\s+{year_kind}(?P<unit>week(?:end)?|month|year)\b",
            n.unit_shift,
        ),
        rule(OTHER, r"\bthe\s+weekend\b", n.weekend),
        rule(
            RELATIVE,
            rf"\b{month}\s+(?:of\s+)?(?P<shift>last|this|next)\s+year\b",
            n.month_of_shifted_year,
        ),
        rule(
            OTHER,
            rf"\b(?:the\s+)?(?:{shift}\s+|(?P<ord>{alternation(v['quarters'])})[\s-]+)"
            rf"quarter\b(?:\s+(?:of\s+)?{year})?",
            n.quarter,
        ),
        rule(MONTH_ONLY, rf"\b{prefix}{month}(?!\w)(?!\s*,?\s*\d)", n.month_only, contexts.month),
        rule(
            OTHER,
            rf"\b(?:(?P<shift>{alternation(v['season_shifts'])})\s+)?"
            rf"(?P<season>{alternation(v['seasons'])})\b(?:\s+(?:of\s+)?{year})?",
            n.season,
        ),
        rule(EXPLICIT, rf"\b{year_kind}{year}\b(?!\s*%)", n.year, contexts.year),
        rule(OTHER, r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d)0'?s\b", n.decade),
        rule(OTHER, r"\b(?:the\s+)?(?P<century>[12]?\d)(?:st|nd|rd|th)[\s-]+century\b", n.century),
        rule(OTHER, rf"\b{alternation(v['references'])}\b", n.reference_word),
    )
