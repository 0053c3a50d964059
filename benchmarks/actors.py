"""Actor coding accuracy on the PLOVER gold standard records, with and without Phoenix.

For each record of ../shared/eval/events/PLOVER_GSR_CAMEO.txt the text is parsed and coded
by the ActorCoder; each gold actor (``actorText``, ``code``, ``sector``) is matched to the
mention that best covers its span. Prints accuracy of source/target country and sector,
and the share of records with both source and target countries right (target: 85%).

    .venv/bin/python benchmarks/actors.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from dateline.actors import ActorCoder
from dateline.lexicon import load_lexicon
from dateline.model import Document, content_hash
from dateline.nlp import Parser
from dateline.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "eval/events/PLOVER_GSR_CAMEO.txt"
PHOENIX = SHARED / "ontology/petrarch2"
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
)
SAME_SECTOR = {"JRN": "MED", "CIV": "CVL"}  # CAMEO variants of the codes Dateline uses
NO_COUNTRY = {"IGO", "NGO", "IMG", "MNC", "INT", "UAF", "ISM"}  # CAMEO codes naming no country


def gold_actors(record: dict, role: str) -> list[dict]:
    actors = record.get(role) or []
    return [a for a in actors if isinstance(a, dict) and a.get("actorText")]


def gold_country(code: str | None, lexicon) -> str | None:
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
    words = [w for w in actor_text.replace("...", " ").replace("..", " ").split() if w]
    if not words:
        return None
    start = text.find(words[0])
    end = text.find(words[-1], start + 1) if start >= 0 else -1
    if end < 0:
        return None
    return start, end + len(words[-1])


def best_mention(doc: Document, text: str):
    """The mention that covers the gold span best: most overlap, then least extra text."""
    span = gold_span(doc.text, text)
    if span is None:
        return None
    start, end = span
    hits = [m for m in doc.mentions if m.start < end and start < m.end]

    def fit(m):
        overlap = min(end, m.end) - max(start, m.start)
        return (overlap, -(m.end - m.start))

    return max(hits, key=fit, default=None)


def score(records: list[dict], settings: Settings, parser: Parser) -> dict[str, float]:
    coder = ActorCoder(settings)
    lexicon = coder.lexicon
    docs = [Document(content_hash(r["text"]), r["id"], r["text"]) for r in records]
    parser.parse(docs)
    started = time.perf_counter()
    for doc in docs:
        coder(doc)
    seconds = time.perf_counter() - started
    right = {
        f"{role}_{field}": [0, 0]
        for role in ("source", "target")
        for field in ("country", "sector")
    }
    both = [0, 0]
    for record, doc in zip(records, docs, strict=True):
        ok = {}
        for role in ("source", "target"):
            actors = gold_actors(record, role)
            results = []
            for gold in actors:
                mention = best_mention(doc, gold["actorText"])
                actor = doc.actors[mention.actor] if mention else None
                country = actor.country if actor else None
                good = country == gold_country(gold.get("code"), lexicon)
                right[f"{role}_country"][0] += good
                right[f"{role}_country"][1] += 1
                results.append(good)
                if gold.get("sector") and gold["sector"] != "***":
                    sector = actor.sector if actor else None
                    wanted = gold["sector"][:3].upper()
                    right[f"{role}_sector"][0] += sector == SAME_SECTOR.get(wanted, wanted)
                    right[f"{role}_sector"][1] += 1
            ok[role] = bool(results) and all(results)
        if gold_actors(record, "source") and gold_actors(record, "target"):
            both[0] += ok["source"] and ok["target"]
            both[1] += 1
    figures = {k: v[0] / v[1] for k, v in right.items() if v[1]}
    figures["both_countries"] = both[0] / both[1]
    figures["records_with_both"] = both[1]
    figures["coding_ms_per_record"] = 1000 * seconds / len(docs)
    return figures


def main() -> None:
    records = [r for r in json.loads(GOLD.read_text(encoding="utf-8")) if r.get("text")]
    settings = Settings()
    parser = Parser(settings.model, settings.batch_size)
    print(f"{len(records)} gold records from {GOLD}")
    shipped = score(records, settings, parser)
    files = tuple(PHOENIX / name for name in PHOENIX_FILES)
    started = time.perf_counter()
    lexicon = load_lexicon(files)
    load_seconds = time.perf_counter() - started
    print(
        f"Phoenix dictionaries: {len(lexicon)} entries, {len(lexicon.roles)} role nouns, "
        f"loaded in {load_seconds:.2f}s"
    )
    phoenix = score(records, Settings(actor_files=files), parser)
    print(f"{'figure':24} {'shipped':>9} {'+phoenix':>9} {'ratio':>7}")
    for key, value in shipped.items():
        other = phoenix[key]
        ratio = other / value if value else float("nan")
        print(f"{key:24} {value:9.3f} {other:9.3f} {ratio:7.2f}")
    print(
        f"target: both countries right on 85% of records with both; "
        f"shipped {shipped['both_countries']:.1%}, with Phoenix {phoenix['both_countries']:.1%}"
    )


if __name__ == "__main__":
    main()
