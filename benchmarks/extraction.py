"""Main-text extraction on the article-extraction benchmark (../shared/eval/extraction/aeb/).

Each page's HTML goes through Dateline's ingest + clean (trafilatura, then the cleaning
rules); its body text is scored against the page's ``articleBody`` the way the benchmark
defines it: precision and recall of word 4-gram shingles (counted with multiplicity),
averaged over pages, and F1 of the two averages. The peers' saved outputs are scored by
the same code, so the figures sit side by side.

    .venv/bin/python benchmarks/extraction.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from dateline.clean import clean_document
from dateline.errors import DatelineError
from dateline.model import RawDocument
from dateline.settings import Settings

AEB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction" / "aeb"
TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4
TRAFILATURA_PUBLISHED_F1 = 0.958


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text or "")
    count = max(1, len(tokens) - SHINGLE + 1)
    return Counter(" ".join(tokens[i : i + SHINGLE]) for i in range(count) if tokens)


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page; an empty side scores as the benchmark does."""
    gold, pred = shingles(truth), shingles(predicted)
    hits = sum((gold & pred).values())
    extra = sum((pred - gold).values())
    missed = sum((gold - pred).values())
    if hits + extra + missed == 0:
        return 1.0, 1.0
    precision = hits / (hits + extra) if hits + extra else 0.0
    recall = hits / (hits + missed) if hits + missed else 0.0
    return precision, recall


def score(truth: dict[str, dict], predicted: dict[str, str]) -> tuple[float, float, float]:
    pairs = [
        page_scores(item["articleBody"], predicted.get(key, "")) for key, item in truth.items()
    ]
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def dateline_bodies(truth: dict[str, dict], settings: Settings) -> dict[str, str]:
    bodies = {}
    for key, item in truth.items():
        html = gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes())
        raw = RawDocument(path=key, content=html, kind="html", url=item.get("url"))
        try:
            bodies[key] = clean_document(raw, settings).text
        except DatelineError:
            bodies[key] = ""
    return bodies


def peer_bodies(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data = data.get("output", data)  # saved runs wrap the pages in {"output": ...}
    return {key: (item or {}).get("articleBody", "") for key, item in data.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    args = parser.parse_args()
    if not AEB.exists():
        sys.exit(f"{AEB} is not available")
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    truth = dict(sorted(truth.items())[: args.limit])
    started = time.perf_counter()
    ours = dateline_bodies(truth, Settings())
    seconds = time.perf_counter() - started
    rows = [("dateline", *score(truth, ours))]
    for path in sorted((AEB / "peer-output").glob("*.json")):
        rows.append((path.stem, *score(truth, peer_bodies(path))))
    print(f"article extraction benchmark: {len(truth)} pages, dateline {seconds:.1f} s")
    print(f"{'extractor':<14} {'precision':>9} {'recall':>7} {'F1':>6}  F1/dateline")
    f1_ours = rows[0][3]
    for name, precision, recall, f1 in sorted(rows, key=lambda row: -row[3]):
        ratio = f1 / f1_ours if f1_ours else 0.0
        print(f"{name:<14} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f}  {ratio:.3f}")
    verdict = "meets" if f1_ours >= TRAFILATURA_PUBLISHED_F1 else "is below"
    print(f"dateline F1 {f1_ours:.3f} {verdict} the target {TRAFILATURA_PUBLISHED_F1}")


if __name__ == "__main__":
    main()
