"""Dateline parsing on Reuters-21578 (../shared/eval/corpora/reuters21578/*.sgm).

Every story with a <DATELINE> becomes the text a scraper would give (title line, then
the dateline glued to the body opening) with the story's <DATE> as record metadata, and
goes through Dateline's clean stage. The <DATELINE> element itself is the gold: its
city (before the first comma) and its month and day (the year from <DATE>). Reported:
the share of stories whose dateline place, date, and both are recovered, and whether
the publication date came from the dateline. A naive baseline (the text before the
first comma is the place, <DATE> is the date) is scored in the same run.

Reuters SGML is read here by the benchmark only; it is not a Dateline input kind.

    .venv/bin/python benchmarks/datelines.py [--limit N]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dateline.clean import clean_document
from dateline.errors import DatelineError
from dateline.model import RawDocument
from dateline.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpora" / "reuters21578"
STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
GOLD_DATE = re.compile(
    r"\b(?P<month>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<day>\d{1,2})\b"
    r"|\b(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]{3})"
)
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
OPENING_CHARS = 600  # the body opening is enough for a dateline


@dataclass
class Story:
    id: str
    published: str  # <DATE> as written
    title: str
    dateline: str
    body: str

    @property
    def year(self) -> int:
        return datetime.strptime(self.published.split()[0], "%d-%b-%Y").year

    def gold(self) -> tuple[str, date | None]:
        """The <DATELINE>'s city (before its first comma, else before its date) and date."""
        text = re.sub(r"^\W+", "", self.dateline.strip())
        found = next(
            (m for m in GOLD_DATE.finditer(text) if (m["month"] or m["month2"]).lower() in MONTHS),
            None,
        )
        place = text.split(",")[0] if "," in text or not found else text[: found.start()]
        if not found:
            return place.strip().lower(), None
        month = MONTHS.index((found["month"] or found["month2"]).lower()) + 1
        try:
            when = date(self.year, month, int(found["day"] or found["day2"]))
        except ValueError:
            when = None
        return place.strip().lower(), when


def stories(limit: int | None) -> list[Story]:
    found = []
    for path in sorted(CORPUS.glob("*.sgm")):
        for block in STORY.findall(path.read_text(encoding="latin-1")):
            story = _story(block)
            if story:
                found.append(story)
            if limit and len(found) >= limit:
                return found
    return found


def _story(block: str) -> Story | None:
    fields = {
        name: html.unescape(m.group(1))
        if (m := re.search(rf"<{name}>(.*?)</{name}>", block, re.S))
        else ""
        for name in ("DATE", "TITLE", "DATELINE", "BODY")
    }
    if not fields["DATELINE"].strip() or not fields["BODY"].strip():
        return None
    new_id = re.search(r'NEWID="(\d+)"', block)
    return Story(
        new_id.group(1) if new_id else "",
        fields["DATE"],
        fields["TITLE"],
        fields["DATELINE"],
        fields["BODY"][:OPENING_CHARS],
    )


def dateline_guess(story: Story, settings: Settings) -> tuple[str | None, date | None, bool]:
    text = f"{story.title}\n\n{story.dateline.strip()} {story.body}"
    raw = RawDocument(
        path=f"reuters#{story.id}", content=text, kind="text", published=story.published
    )
    try:
        doc = clean_document(raw, settings)
    except DatelineError:
        return None, None, False
    if doc.dateline is None:
        return None, None, False
    place = (doc.dateline.place or "").split(",")[0].strip().lower() or None
    return place, doc.dateline.date, doc.published_from == "dateline"


def baseline_guess(story: Story) -> tuple[str | None, date | None]:
    """Naive: the text before the first comma of the body opening, and the <DATE> date."""
    opening = f"{story.dateline.strip()} {story.body}"
    published = datetime.strptime(story.published.split()[0], "%d-%b-%Y").date()
    return opening.split(",")[0].strip().lower(), published


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N stories")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    sample = stories(args.limit)
    settings = Settings()
    counts = dict.fromkeys(
        ("place", "date", "both", "from_dateline", "base_place", "base_date", "base_both"), 0
    )
    started = time.perf_counter()
    for story in sample:
        gold_place, gold_date = story.gold()
        place, when, from_dateline = dateline_guess(story, settings)
        base_place, base_date = baseline_guess(story)
        hits = {
            "place": place == gold_place,
            "date": when is not None and when == gold_date,
            "base_place": base_place == gold_place,
            "base_date": base_date == gold_date,
        }
        hits["both"] = hits["place"] and hits["date"]
        hits["base_both"] = hits["base_place"] and hits["base_date"]
        hits["from_dateline"] = from_dateline
        for key, hit in hits.items():
            counts[key] += hit
    seconds = time.perf_counter() - started
    total = len(sample)
    print(f"Reuters-21578 datelines: {total} stories with <DATELINE>, {seconds:.1f} s")
    print(f"{'':<22} {'dateline':>8} {'baseline':>8}")
    for label, ours, base in (
        ("place recovered", "place", "base_place"),
        ("date recovered", "date", "base_date"),
        ("place and date", "both", "base_both"),
    ):
        print(f"{label:<22} {counts[ours] / total:>8.3f} {counts[base] / total:>8.3f}")
    print(f"{'published from dateline':<22} {counts['from_dateline'] / total:>8.3f}")
    ratio = counts["both"] / counts["base_both"] if counts["base_both"] else float("inf")
    print(f"place+date share, dateline / baseline: {ratio:.3f}")


if __name__ == "__main__":
    main()
