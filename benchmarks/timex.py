"""Date normalisation on TimeBank 1.2 and the TempEval-3 platinum set (../shared/eval/time/).

Every TIMEX3 of type DATE (the document creation time excepted) is given to
``dateline.kb.timex.resolve`` as its gold span, with the document creation time (DCT)
as the anchor and a future hint from the words of its sentence before it. A hit is an
exact match of the normalised value. Accuracy is printed per expression kind
(explicit, weekday, relative, month-only, other, judged from the gold text) and
overall, next to dateparser's accuracy on the same expressions in the same run
(anchored to the DCT, past preferred, its period giving the precision).

    .venv/bin/python benchmarks/timex.py
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dateparser

from dateline.kb.timex import (
    EXPLICIT,
    KINDS,
    MONTH_ONLY,
    OTHER,
    RELATIVE,
    WEEKDAY,
    future_context,
    resolve,
    vocabulary,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = {
    "te3-platinum": SHARED / "eval/time/te3-platinum",
    "timebank": SHARED / "eval/time/timebank",
}
TARGET = 0.90  # on the platinum set


@dataclass
class Expression:
    text: str
    value: str  # gold TIMEX3 value
    anchor: date  # the document creation time
    before: str  # the words of its sentence before it


def read_expressions(folder: Path) -> list[Expression]:
    out = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct = root.find("DCT/TIMEX3")
        anchor = date.fromisoformat(dct.get("value")[:10])
        body = root.find("TEXT")
        if body is None:
            continue
        written = ""  # the text so far, for the sentence before each expression
        for node in body.iter():
            if node.tag == "TIMEX3" and node.get("type") == "DATE":
                sentence = re.split(r"[.!?]\s", written)[-1]
                out.append(
                    Expression("".join(node.itertext()), node.get("value"), anchor, sentence)
                )
            written += (node.text or "") if node.tag != "TEXT" else (node.text or "")
            written += node.tail or ""
    return out


def expression_kind(text: str) -> str:
    """The kind of a gold expression, judged from its words alone."""
    words = vocabulary()
    lowered = text.lower()
    tokens = re.findall(r"[a-z]+", lowered)
    has_month = any(t in words["months"] and len(t) > 3 for t in tokens) or any(
        t in words["months"] and text[text.lower().find(t)].isupper() for t in tokens
    )
    if re.search(r"\d", text):
        return EXPLICIT
    if any(t in words["weekdays"] and len(t) > 3 for t in tokens):
        return WEEKDAY
    if has_month and not re.search(r"\b(last|next|this|ago|later|earlier)\b", lowered):
        return MONTH_ONLY
    if re.search(
        r"\b(ago|yesterday|today|tomorrow|tonight|last|next|this|earlier|later|previous|"
        r"following|coming|past)\b",
        lowered,
    ):
        return RELATIVE
    return OTHER


def dateline_value(expression: Expression) -> str | None:
    future = future_context(expression.before)
    timex = resolve(expression.text, expression.anchor, future=future)
    return timex.value if timex else None


def dateparser_value(expression: Expression, parser) -> str | None:
    anchor = datetime.combine(expression.anchor, datetime.min.time())
    parser._settings.RELATIVE_BASE = anchor  # one parser, re-anchored per document
    data = parser.get_date_data(expression.text)
    when = data.date_obj
    if when is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return when.date().isoformat()


def score(expressions: list[Expression], predict) -> tuple[Counter, Counter, float]:
    hits, totals = Counter(), Counter()
    started = time.perf_counter()
    for expression in expressions:
        kind = expression_kind(expression.text)
        totals[kind] += 1
        if predict(expression) == expression.value:
            hits[kind] += 1
    return hits, totals, time.perf_counter() - started


def report(name: str, expressions: list[Expression]) -> float:
    parser = dateparser.DateDataParser(
        languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": datetime.now()}
    )
    ours, totals, our_time = score(expressions, dateline_value)
    theirs, _, their_time = score(expressions, lambda e: dateparser_value(e, parser))
    print(f"\n{name}: {len(expressions)} DATE expressions")
    print(f"  {'kind':<11} {'n':>5} {'dateline':>9} {'dateparser':>11}")
    for kind in KINDS:
        if totals[kind]:
            n = totals[kind]
            print(f"  {kind:<11} {n:>5} {ours[kind] / n:>9.1%} {theirs[kind] / n:>11.1%}")
    n = sum(totals.values())
    accuracy, baseline = sum(ours.values()) / n, sum(theirs.values()) / n
    print(f"  {'overall':<11} {n:>5} {accuracy:>9.1%} {baseline:>11.1%}")
    ratio = accuracy / baseline if baseline else float("inf")
    print(f"  accuracy ratio dateline/dateparser: {ratio:.2f}")
    print(
        f"  time: dateline {our_time * 1000 / n:.3f} ms/expr, "
        f"dateparser {their_time * 1000 / n:.3f} ms/expr "
        f"(ratio {our_time / their_time:.2f})"
    )
    return accuracy


def main() -> int:
    missing = [p for p in SETS.values() if not p.exists()]
    if missing:
        print(f"missing evaluation data: {missing}", file=sys.stderr)
        return 1
    results = {name: report(name, read_expressions(folder)) for name, folder in SETS.items()}
    platinum = results["te3-platinum"]
    verdict = "meets" if platinum >= TARGET else "below"
    print(f"\nplatinum accuracy {platinum:.1%}: {verdict} the {TARGET:.0%} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
