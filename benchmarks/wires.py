"""Wire stories without a publication date: which years do their dates land in?

Reuters-21578 (../shared/eval/corpora/reuters21578/*.sgm, all from 1987) as a new user
would feed it: N stories with a <DATELINE> written to a JSON Lines file (title, then
the dateline glued to the body: "SALVADOR, Feb 26 - ..."; no ``published`` field), so
the only date outside the text is the file's time (now). They are coded through the
Python API into a temporary DuckDB, once with no year given and once with
``Settings(year=1987)``, and the year distribution of publication and event dates is
printed for each, with the dates that start after their bound (the file's time, or
the end of the year given): read from a yearless date, such a date is an error.

    .venv/bin/python benchmarks/wires.py [--stories 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import dateline
from datelines import CORPUS, stories

YEAR = 1987  # every Reuters-21578 story is from 1987


def write_jsonl(path: Path, count: int) -> int:
    sample = stories(count)
    with path.open("w", encoding="utf-8") as out:
        for story in sample:
            text = f"{story.title}\n\n{story.dateline.strip()} {story.body}"
            out.write(json.dumps({"text": text}) + "\n")
    return len(sample)


def run(jsonl: Path, folder: Path, name: str, settings) -> dict:
    """Code ``jsonl`` into a fresh database; the years of its publication and event dates."""
    started = time.perf_counter()
    summary = dateline.RunSummary()
    with dateline.open_db(folder / f"{name}.duckdb") as db:
        for batch in dateline.code_paths([str(jsonl)], settings=settings, store=db):
            summary.add(batch)
        published = db.sql("SELECT published FROM documents").rows
        events = db.sql("SELECT date_start FROM events").rows  # a year date starts on Jan 1
    return {
        "summary": summary,
        "seconds": time.perf_counter() - started,
        "published": [row[0] for row in published],
        "events": [row[0] for row in events],
    }


def report(label: str, result: dict, bound: date) -> int:
    """Print one run's year distributions; returns how many dates land after ``bound``."""
    print(f"{label}: {result['summary']} ({result['seconds']:.1f} s)")
    late = 0
    for kind in ("published", "events"):
        days = [d for d in result[kind] if d is not None]
        years = Counter(d.year for d in days)
        after = sum(d > bound for d in days)
        late += after
        shown = ", ".join(f"{year}: {n}" for year, n in sorted(years.items()))
        undated = len(result[kind]) - len(days)
        print(f"  {kind:<9} years {{{shown}}}, undated {undated}, after {bound}: {after}")
    return late


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not available")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = folder / "reuters.jsonl"
        count = write_jsonl(jsonl, args.stories)
        today = date.today()  # the file's time: it was written just now
        print(f"{count} Reuters-21578 stories ({YEAR}) as JSON Lines, no published field")
        free = run(jsonl, folder, "no-year", dateline.Settings())
        late = report("no year given", free, today)
        given = run(jsonl, folder, "year", dateline.Settings(year=YEAR))
        late_given = report(f"year {YEAR} given", given, date(YEAR, 12, 31))
        in_year = sum(d.year == YEAR for d in given["published"] + given["events"] if d)
        dated = sum(d is not None for d in given["published"] + given["events"])
        print(f"dates in {YEAR} with the year given: {in_year}/{dated}")
    print(f"dates after their bound: {late} (no year), {late_given} (year given)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
