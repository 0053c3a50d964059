"""Actor coding accuracy on the PLOVER gold standard records, with and without Phoenix.

For each record of ../shared/eval/events/PLOVER_GSR_CAMEO.txt the text is parsed and coded
by the ActorCoder; each gold actor (``actorText``, ``code``, ``sector``) is matched to the
mention that best covers its span. Prints accuracy of source/target country and sector,
the share of records with both source and target countries right (target: 85%), and the
same with the real Phoenix (PETRARCH) dictionaries loaded: entries, load time, coding time.

    .venv/bin/python benchmarks/actors.py
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

from dateline.actors import ActorCoder
from dateline.kb.lexicon import Lexicon, load_lexicon
from dateline.model import Document, MentionRule, content_hash
from dateline.nlp import Parser
from dateline.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "eval/events/PLOVER_GSR_CAMEO.txt"
PHOENIX = SHARED / "ontology/petrarch2"
REUTERS = SHARED / "eval/corpora/reuters21578/reut2-000.sgm"
SPEED_DOCS = 300
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
)
NO_COUNTRY = {"IGO", "NGO", "IMG", "MNC", "INT", "UAF", "ISM"}  # CAMEO codes naming no country
SAME_SECTOR = {"JRN": "MED", "CIV": "CVL"}  # CAMEO variants of the codes Dateline uses
# gold actors written as a place after a locative preposition: Dateline codes them as
# "locative" mentions; the excusing figure counts those it still misses as places
LOCATIVE = re.compile(r"\b(in|at|from|into|near|inside|across|throughout|around)\s+(the\s+)?$")


def gold_actors(record: dict, role: str) -> list[dict]:
    actors = record.get(role) or []
    return [a for a in actors if isinstance(a, dict) and a.get("actorText")]


def gold_country(code: str | None, lexicon: Lexicon) -> str | None:
    if not code or code in NO_COUNTRY:
        return None
    return lexicon.country_code(code)


def gold_span(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where the gold ``actorText`` is: verbatim, or from its first word to its last
    ("Bosnian Serbs ... forces", "US forces" in "US and British forces")."""
    actor_text = actor_text.strip()
    start = text.find(actor_text)
    if start >= 0:
        return start, start + len(actor_text)
    words = actor_text.replace("...", " ").replace("..", " ").split()
    if not words:
        return None
    start = text.find(words[0])
    end = text.find(words[-1], start + 1) if start >= 0 else -1
    if end < 0:
        return None
    return start, end + len(words[-1])


def best_mention(doc: Document, span: tuple[int, int] | None):
    """The mention that covers the gold span best: an actor before a place ("rebels in the
    Ivory Coast"), then most overlap, then least extra text."""
    if span is None:
        return None
    start, end = span
    hits = [m for m in doc.mentions if m.start < end and start < m.end]

    def fit(m):
        overlap = min(end, m.end) - max(start, m.start)
        return (m.rule != MentionRule.LOCATIVE, overlap, -(m.end - m.start))

    return max(hits, key=fit, default=None)


class Tally:
    def __init__(self):
        self.counts: dict[str, list[int]] = {}

    def add(self, key: str, good: bool) -> None:
        right, total = self.counts.setdefault(key, [0, 0])
        self.counts[key] = [right + good, total + 1]

    def shares(self) -> dict[str, float]:
        return {k: right / total for k, (right, total) in self.counts.items() if total}


def score_actor(doc: Document, gold: dict, role: str, lexicon: Lexicon, tally: Tally):
    """Tally one gold actor; returns (country right, right or a place by design)."""
    span = gold_span(doc.text, gold["actorText"])
    mention = best_mention(doc, span)
    actor = doc.actors[mention.actor] if mention else None
    good = (actor.country if actor else None) == gold_country(gold.get("code"), lexicon)
    tally.add(f"{role}_country", good)
    sector = gold.get("sector")
    if sector and sector != "***":
        wanted = SAME_SECTOR.get(sector[:3].upper(), sector[:3].upper())
        tally.add(f"{role}_sector", (actor.sector if actor else None) == wanted)
    place = mention is None and span is not None and LOCATIVE.search(doc.text[: span[0]])
    return good, good or bool(place)


def score(records: list[dict], settings: Settings, parser: Parser) -> dict[str, float]:
    coder = ActorCoder(settings)
    docs = [Document(content_hash(r["text"]), r["id"], r["text"]) for r in records]
    parser.parse(docs)
    started = time.perf_counter()
    for doc in docs:
        coder(doc)
    seconds = time.perf_counter() - started
    tally = Tally()
    for record, doc in zip(records, docs, strict=True):
        results = [
            score_actor(doc, gold, role, coder.lexicon, tally)
            for role in ("source", "target")
            for gold in gold_actors(record, role)
        ]
        if gold_actors(record, "source") and gold_actors(record, "target"):
            tally.add("both_countries", all(good for good, _ in results))
            tally.add("both_excusing_places", all(excused for _, excused in results))
    figures = tally.shares()
    figures["coding_ms_per_record"] = 1000 * seconds / len(docs)
    return figures


def load_phoenix() -> tuple[Path, ...]:
    """Load each Phoenix file on its own and report what it adds and how long it takes."""
    files = tuple(PHOENIX / name for name in PHOENIX_FILES)
    shipped = load_lexicon()
    for path in files:
        started = time.perf_counter()
        lexicon = load_lexicon([path])
        seconds = time.perf_counter() - started
        added = len(lexicon) - len(shipped)
        print(f"  {path.name:36} {added:7} entries {len(lexicon.roles):6} roles {seconds:6.2f}s")
    started = time.perf_counter()
    lexicon = load_lexicon(files)
    print(
        f"  all, over the shipped vocabularies: {len(lexicon)} entries, "
        f"{len(lexicon.roles)} role nouns, {time.perf_counter() - started:.2f}s"
    )
    return files


def speed(parser: Parser, files: tuple[Path, ...]) -> None:
    """Actor coding time on whole Reuters stories, as a share of the spaCy parse."""
    raw = REUTERS.read_bytes().decode("latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    docs = [Document(str(i), str(i), text) for i, text in enumerate(bodies[:SPEED_DOCS])]
    started = time.perf_counter()
    parser.parse(docs)
    parse_seconds = time.perf_counter() - started
    print(f"speed on {len(docs)} Reuters stories: spaCy parse {parse_seconds:.2f}s")
    for label, actor_files in (("shipped", ()), ("+phoenix", files)):
        coder = ActorCoder(Settings(actor_files=actor_files))
        started = time.perf_counter()
        for doc in docs:
            coder(doc)
        seconds = time.perf_counter() - started
        mentions = sum(len(doc.mentions) for doc in docs)
        print(
            f"  actors {label:9} {seconds:6.2f}s  ratio to parse {seconds / parse_seconds:.3f}"
            f"  ({mentions} mentions)"
        )


def main() -> None:
    records = [r for r in json.loads(GOLD.read_text(encoding="utf-8")) if r.get("text")]
    settings = Settings()
    parser = Parser(settings.model, settings.batch_size)
    print(f"{len(records)} gold records from {GOLD}")
    shipped = score(records, settings, parser)
    print("Phoenix dictionaries:")
    files = load_phoenix()
    phoenix = score(records, Settings(actor_files=files), parser)
    print(f"{'figure':24} {'shipped':>9} {'+phoenix':>9} {'ratio':>7}")
    for key, value in shipped.items():
        other = phoenix[key]
        ratio = other / value if value else float("nan")
        print(f"{key:24} {value:9.3f} {other:9.3f} {ratio:7.2f}")
    print(
        "target: both countries right on 85% of records with both; "
        f"shipped {shipped['both_countries']:.1%}, with Phoenix {phoenix['both_countries']:.1%}"
        f" ({shipped['both_excusing_places']:.1%} / {phoenix['both_excusing_places']:.1%} "
        "counting gold actors written as places that no mention covers)"
    )
    speed(parser, files)


if __name__ == "__main__":
    main()
