"""Event coding quality: our gold corpus and the PLOVER gold standard records.

Codes every text through the full pipeline (``dateline.code_text``) and prints, for
../shared/eval/events/PLOVER_GSR_CAMEO.txt (PLOVER 0.5 names mapped to today's types):
type accuracy (the gold type among the coded types of the sentence; target 85%), dyad
accuracy (a coded event of the gold type with source and target countries right),
precision/recall/F1 as ../shared/eval/README.md defines them, events per sentence
(target <= 1.5), speed, the full type confusion matrix, and the same figures for the
majority-type baseline run in the same process. Then our gold corpus, its tuned part
(tests/gold/corpus.yaml) and its held-out part (tests/gold/heldout.yaml) apart: precision,
recall, F1, modality accuracy and the non-event rate (non-event stories that yield nothing
they rule out), overall and kind by kind (ACLED kinds, diplomacy, non-event kinds).
Then F1 on both parts (and the PLOVER set) with the pre-parse sentence filter on (the
default) and off.

    .venv/bin/python benchmarks/events.py [--misses] [--gold-only] [--tuned-only]

``--misses`` lists the PLOVER misses and the tuned parts' misses (never a held-out part's);
``--gold-only`` skips the PLOVER set; ``--tuned-only`` skips the held-out parts, for a
round of tuning that must not see them.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import dateline
from dateline.actors import ActorCoder
from dateline.events import EventCoder
from dateline.events.ontology import PLOVER_TYPES
from dateline.events.scoring import GoldScore, GoldStory, Score, Triple, read_gold, triple
from dateline.model import Document, content_hash
from dateline.nlp import Parser
from dateline.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
PLOVER_GSR = SHARED / "eval" / "events" / "PLOVER_GSR_CAMEO.txt"
GOLD = ROOT / "tests" / "gold"
GOLD_PARTS = {
    "tuned": GOLD / "corpus.yaml",
    "heldout": GOLD / "heldout.yaml",
    "heldout2": GOLD / "heldout2.yaml",  # written 2026-12-03 before that round's tuning
    "tuned_q2": GOLD / "tuned_q2.yaml",  # wire shapes the coder's arguments were tuned on
    "tuned_q3": GOLD / "tuned_q3.yaml",  # explosions, protests and non-events, tuned on
    "tuned_q4": GOLD / "tuned_q4.yaml",  # wire shapes actor and country attribution were tuned on
    "tuned_q5": GOLD / "tuned_q5.yaml",  # company news, accidents, protests, forecasts: tuned on
    "tuned_q6": GOLD / "tuned_q6.yaml",  # protests, strikes, blockades, riots, policing: tuned on
    "tuned_q7": GOLD / "tuned_q7.yaml",  # explosions/remote violence and look-alikes: tuned on
    "tuned_q8": GOLD / "tuned_q8.yaml",  # visits, agreements, sanctions, accusations: tuned on
    "tuned_q9": GOLD / "tuned_q9.yaml",  # battles, civilians, look-alikes: tuned on
}  # never tune on the held-out parts

PLOVER_05 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# CAMEO country codes that differ from ISO alpha-3; non-state codes expect no country
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UK": "GBR"}
NO_COUNTRY = "-"


def gsr_records() -> list[dict]:
    records = json.loads(PLOVER_GSR.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT"]


def _countries(actors) -> frozenset[str] | None:
    if not isinstance(actors, list) or not actors:
        return None
    codes = set()
    for actor in actors:
        code = str(actor.get("code", ""))[:3]
        codes.add(CAMEO_COUNTRIES.get(code, code) if _is_country(code) else NO_COUNTRY)
    return frozenset(codes)


def _is_country(code: str) -> bool:
    return code not in {"IGO", "NGO", "IMG", "MNC", "UAF", "REB", ""}


def gold_of(record: dict) -> Triple:
    kind = PLOVER_05.get(record["event"], record["event"])
    return Triple(kind, _countries(record.get("source")), _countries(record.get("target")))


def coded_of(doc) -> list[Triple]:
    """Coded events with a missing country written as NO_COUNTRY, so it can be scored."""
    return [
        Triple(t.type, t.source or NO_COUNTRY, t.target or NO_COUNTRY, t.modality)
        for t in map(triple, doc.events)
    ]


def run_gsr(show_misses: bool) -> None:
    records = gsr_records()
    start = time.perf_counter()
    docs = [dateline.code_text(r["text"]) for r in records]
    elapsed = time.perf_counter() - start
    score, baseline = Score(), Score()
    majority = Counter(gold_of(r).type for r in records).most_common(1)[0][0]
    type_hits = baseline_hits = events = 0
    by_confidence: Counter = Counter()  # (band, hit) -> coded events
    for record, doc in zip(records, docs, strict=True):
        gold, coded = gold_of(record), coded_of(doc)
        score.add([gold], coded)
        events += len(coded)
        for event, coded_triple in zip(doc.events, coded, strict=True):
            band = "high" if event.confidence >= 0.7 else "low"
            by_confidence[(band, gold.hits(coded_triple))] += 1
        type_hits += gold.type in {c.type for c in coded}
        baseline_hits += gold.type == majority
        baseline.add([gold], [Triple(majority, None, None)])
        if show_misses and not any(gold.hits(c) for c in coded):
            print(
                f"MISS {gold.type} {sorted(gold.source or [])}->{sorted(gold.target or [])}"
                f" | coded {[(c.type, c.source, c.target) for c in coded]} | {record['text']}"
            )
    n = len(records)
    print(f"PLOVER GSR: {n} sentences coded in {elapsed:.1f}s ({n / elapsed:.1f} sentences/s)")
    print(
        f"  type accuracy  {type_hits / n:.3f}   (majority-type baseline {majority}: "
        f"{baseline_hits / n:.3f}, ratio {type_hits / max(baseline_hits, 1):.2f}x; target 0.85)"
    )
    print(f"  dyad accuracy  {score.gold_hit / n:.3f}   (type + source + target countries)")
    print(f"  precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")
    print(f"  events per sentence {events / n:.2f}   (target <= 1.5)")
    for band in ("high", "low"):
        total = by_confidence[(band, True)] + by_confidence[(band, False)]
        share = by_confidence[(band, True)] / total if total else 0.0
        print(f"  confidence {band:<4} (>= 0.7 is high): {total} events, precision {share:.3f}")
    run_speed([r["text"] for r in records])
    print_confusion(score.confusion)


def run_speed(texts: list[str]) -> None:
    """The events stage alone, against the spaCy parse of the same texts in this process."""
    settings = load_settings()
    parser, actors, coder = Parser(settings.model), ActorCoder(settings), EventCoder(settings)
    docs = [Document(content_hash(t), "<bench>", t) for t in texts]
    start = time.perf_counter()
    parser.parse(docs)
    parse_time = time.perf_counter() - start
    for doc in docs:
        actors(doc)
    start = time.perf_counter()
    for doc in docs:
        coder(doc)
    code_time = time.perf_counter() - start
    print(
        f"  events stage {1000 * code_time / len(docs):.2f} ms/sentence; "
        f"{code_time / parse_time:.3f}x the time of the spaCy parse ({parse_time:.1f}s)"
    )


def print_confusion(confusion: Counter) -> None:
    columns = [*PLOVER_TYPES, "-"]
    short = {t: t[:4] for t in columns}
    print("  confusion (rows gold, columns coded; '-' = no event):")
    print("  " + " " * 10 + " ".join(f"{short[c]:>4}" for c in columns))
    for gold in PLOVER_TYPES:
        row = [confusion.get((gold, coded), 0) for coded in columns]
        if any(row):
            print(f"  {gold:<10}" + " ".join(f"{v:>4}" if v else "   ." for v in row))


def run_gold(part: str, path: Path, show_misses: bool) -> None:
    """One part of our gold corpus: overall figures, then kind by kind."""
    corpus = read_gold(path)
    total, by_kind = GoldScore(), defaultdict(GoldScore)
    for story in corpus.stories:
        coded = [triple(e) for e in dateline.code_text(story.text).events]
        total.add(story, coded)
        by_kind[story.kind].add(story, coded)
        if show_misses and not _all_right(story, coded):
            print(f"  MISS gold {list(story.events)} | coded {coded} | {story.text[:160]!r}")
    print(f"gold corpus, {part} part ({path.name}, {total.stories} stories):")
    print(f"  {_figures_line(total)}")
    for kind in corpus.kinds:
        if kind in by_kind:
            print(
                f"  {kind:<11} {by_kind[kind].stories:>3} stories  {_figures_line(by_kind[kind])}"
            )


def _all_right(story: GoldStory, coded: list[Triple]) -> bool:
    one = Score()
    one.add(list(story.events), coded)
    return one.gold_hit == one.gold and one.coded_hit == one.coded and story.respected(coded)


def _figures_line(score: GoldScore) -> str:
    """P/R/F1 and modality where there are gold events; the non-event rate where it applies."""
    line = f"{score.score.coded:>3} events coded"
    if score.score.gold:
        line += (
            f"  P {score.score.precision:.3f}  R {score.score.recall:.3f}"
            f"  F1 {score.score.f1:.3f}  modality {score.score.modality_accuracy:.3f}"
        )
    if score.non_event:
        line += f"  non-event {score.non_event_rate:.3f} ({score.respected}/{score.non_event})"
    return line


def gold_part_score(path: Path, settings: Settings) -> GoldScore:
    total = GoldScore()
    for story in read_gold(path).stories:
        coded = dateline.code_text(story.text, settings=settings).events
        total.add(story, [triple(e) for e in coded])
    return total


def gsr_score(settings: Settings) -> tuple[Score, float]:
    """F1 on the PLOVER GSR sentences, and the seconds it took."""
    records = gsr_records()
    start = time.perf_counter()
    docs = [dateline.code_text(r["text"], settings=settings) for r in records]
    elapsed = time.perf_counter() - start
    score = Score()
    for record, doc in zip(records, docs, strict=True):
        score.add([gold_of(record)], coded_of(doc))
    return score, elapsed


def run_filter_cost(parts: dict[str, Path], with_gsr: bool) -> None:
    """The pre-parse sentence filter's recall cost: F1 with it (the default) and without."""
    settings = load_settings()
    unfiltered = replace(settings, sentence_filter=False)
    for part, path in parts.items():
        on, off = gold_part_score(path, settings), gold_part_score(path, unfiltered)
        print(
            f"sentence filter, gold {part} F1: on {on.score.f1:.3f}, off {off.score.f1:.3f} "
            f"(cost {100 * (off.score.f1 - on.score.f1):+.1f} points; allowed <= 1)"
        )
    if with_gsr and PLOVER_GSR.exists():
        (gsr_on, seconds_on), (gsr_off, seconds_off) = gsr_score(settings), gsr_score(unfiltered)
        print(
            f"sentence filter, PLOVER GSR F1: on {gsr_on.f1:.3f} ({seconds_on:.1f}s), "
            f"off {gsr_off.f1:.3f} ({seconds_off:.1f}s) "
            f"(cost {100 * (gsr_off.f1 - gsr_on.f1):+.1f} points)"
        )


def main() -> None:
    show_misses = "--misses" in sys.argv
    if "--gold-only" in sys.argv:
        print("PLOVER GSR figures skipped (--gold-only)")
    elif PLOVER_GSR.exists():
        run_gsr(show_misses)
    else:
        print(f"{PLOVER_GSR} not found: PLOVER GSR figures skipped")
    parts = GOLD_PARTS
    if "--tuned-only" in sys.argv:
        parts = {part: path for part, path in GOLD_PARTS.items() if not is_heldout(part)}
    for part, path in parts.items():
        run_gold(part, path, show_misses and not is_heldout(part))
    run_filter_cost(parts, with_gsr="--gold-only" not in sys.argv)


def is_heldout(part: str) -> bool:
    return part.startswith("heldout")


if __name__ == "__main__":
    main()
