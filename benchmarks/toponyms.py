"""Toponym resolution on LGL, TR-News and GeoWebNews (../shared/eval/geo/).

Resolution, given the gold spans: every gold toponym with coordinates is resolved by
``Gazetteer.resolve`` in the context of its article (the countries and states the
article's toponyms name unambiguously, as the place stage does with its entities),
within the state or country written right after it ("Paris, Tenn."), falling back on
shorter names ("Neches River" -> Neches) as the place stage does.
Printed: accuracy within 161 km (an unresolved name is a miss), mean and median error
in km over the resolved ones, the share with the gold GeoNames id, and the same figures
for the "most populous candidate" baseline in the same run.

Start-up: the gazetteer built from scratch, then loaded by two fresh processes sharing
an empty cache directory: the first builds and writes the disk cache, the second reads
it (what every later CLI start does).

Recognition: spaCy NER (GPE, LOC, FAC, as the place stage uses) over the article
texts; recall is the share of gold spans that an entity overlaps, and exactly matches.

    .venv/bin/python benchmarks/toponyms.py [--limit N] [--no-ner] [--min-population N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path

from dateline.kb.gazetteer import (
    Gazetteer,
    GazPlace,
    build_gazetteer,
    haversine_km,
    load_gazetteer,
)
from dateline.nlp import load_model
from dateline.settings import Settings
from dateline.where import PLACE_LABELS, SpatialWords

SHARED = Path(__file__).resolve().parents[2] / "shared"
GEO = SHARED / "eval/geo"
SETS = {"LGL": "lgl.xml", "TR-News": "TR-News.xml", "GeoWebNews": "GWN.xml"}
KM = 161.0
TARGET = 0.85  # within 161 km on LGL
QUALIFIER_CHARS = 40  # text after a name searched for ", <state or country>"


@dataclass
class Toponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None


@dataclass
class Article:
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def _number(node, path: str) -> float | None:
    found = node.find(path)
    if found is None or not (found.text or "").strip():
        return None
    return float(found.text)


def read_articles(path: Path, limit: int | None) -> list[Article]:
    """LGL and TR-News keep the gold in <gaztag>; GeoWebNews in <latitude>/<geonamesID>."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        article = Article(node.findtext("text") or "")
        for top in node.iter("toponym"):
            if (top.findtext("nonLocational") or "No") == "Yes":
                continue
            tag = top.find("gaztag")
            if tag is not None:
                lat, lon = _number(tag, "lat"), _number(tag, "lon")
                gid = tag.get("geonameid")
                phrase = top.findtext("phrase") or ""
            else:
                lat, lon = _number(top, "latitude"), _number(top, "longitude")
                gid = (top.findtext("geonamesID") or "").strip()
                phrase = top.findtext("extractedName") or ""
            if lat is None or lon is None:
                continue
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            article.toponyms.append(
                Toponym(start, end, phrase, lat, lon, int(gid) if gid else None)
            )
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    return articles


@dataclass
class Score:
    n: int = 0
    within: int = 0
    same_id: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, gold: Toponym, place: GazPlace | None) -> None:
        self.n += 1
        if place is None:
            return
        error = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
        self.errors.append(error)
        self.within += error <= KM
        self.same_id += gold.geonameid is not None and gold.geonameid == place.geonameid

    def line(self, name: str) -> str:
        mean = statistics.fmean(self.errors) if self.errors else float("nan")
        median = statistics.median(self.errors) if self.errors else float("nan")
        return (
            f"  {name:<13} acc@161km {self.within / self.n:6.1%}  "
            f"mean err {mean:7.0f} km  median {median:6.0f} km  "
            f"same id {self.same_id / self.n:6.1%}  resolved {len(self.errors) / self.n:6.1%}"
        )


def resolve_articles(articles: list[Article], gazetteer: Gazetteer) -> tuple[Score, Score, float]:
    ours, baseline = Score(), Score()
    directions = SpatialWords.shipped().directions
    started = time.perf_counter()
    for article in articles:
        context = gazetteer.context_for(t.phrase for t in article.toponyms)
        for gold in article.toponyms:
            within = gazetteer.qualifier(article.text[gold.end : gold.end + QUALIFIER_CHARS])
            place = gazetteer.resolve_phrase(gold.phrase, context, within=within, skip=directions)
            ours.add(gold, place)
            baseline.add(gold, gazetteer.most_populous(gold.phrase))
    return ours, baseline, time.perf_counter() - started


def recognition_recall(articles: list[Article], nlp) -> tuple[float, float]:
    overlap = exact = total = 0
    texts = [a.text for a in articles]
    for article, parsed in zip(articles, nlp.pipe(texts, batch_size=16), strict=True):
        spans = [(e.start_char, e.end_char) for e in parsed.ents if e.label_ in PLACE_LABELS]
        for gold in article.toponyms:
            total += 1
            overlap += any(s < gold.end and gold.start < e for s, e in spans)
            exact += (gold.start, gold.end) in spans
    return overlap / total, exact / total


def start_seconds(cache: Path, min_population: int) -> float:
    """Seconds a fresh Python process takes to import the gazetteer and load it."""
    code = (
        "import time; started = time.perf_counter()\n"
        "from dateline.kb.gazetteer import load_gazetteer\n"
        f"load_gazetteer({min_population})\n"
        "print(time.perf_counter() - started)"
    )
    env = {**os.environ, "DATELINE_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def report_start_up(min_population: int) -> None:
    started = time.perf_counter()
    gazetteer = build_gazetteer(min_population)
    build = time.perf_counter() - started
    print(
        f"gazetteer (cities >= {min_population}): {len(gazetteer)} places, built in {build:.1f} s"
    )
    with tempfile.TemporaryDirectory() as cache:
        first = start_seconds(Path(cache), min_population)
        second = start_seconds(Path(cache), min_population)
    print(
        f"  process start with an empty cache {first:.2f} s, with the cache {second:.2f} s "
        f"(ratio second/first {second / first:.3f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="articles per set")
    parser.add_argument("--no-ner", action="store_true", help="skip the recognition pass")
    parser.add_argument(
        "--min-population", type=int, help="gazetteer city threshold (default: the setting)"
    )
    args = parser.parse_args()
    if not GEO.exists():
        print(f"missing evaluation data: {GEO}", file=sys.stderr)
        return 1
    settings = Settings()
    if args.min_population:
        settings = replace(settings, min_city_population=args.min_population)
    report_start_up(settings.min_city_population)
    gazetteer = load_gazetteer(settings.min_city_population, settings.place_files)
    nlp = None if args.no_ner else load_model(settings.model)
    results = {}
    for name, filename in SETS.items():
        articles = read_articles(GEO / filename, args.limit)
        ours, baseline, seconds = resolve_articles(articles, gazetteer)
        print(f"\n{name}: {len(articles)} articles, {ours.n} gold toponyms with coordinates")
        print(ours.line("dateline"))
        print(baseline.line("most populous"))
        ratio = ours.within / baseline.within if baseline.within else float("inf")
        print(f"  acc@161km ratio dateline/most-populous: {ratio:.2f}")
        print(f"  resolution time: {seconds * 1e6 / max(ours.n, 1):.0f} us/toponym (both methods)")
        if nlp is not None:
            overlap, exact = recognition_recall(articles, nlp)
            print(
                f"  recognition recall (spaCy {settings.model}): {overlap:.1%} overlap, "
                f"{exact:.1%} exact span"
            )
        results[name] = ours.within / ours.n
    verdict = "meets" if results["LGL"] >= TARGET else "below"
    print(f"\nLGL acc@161km {results['LGL']:.1%}: {verdict} the {TARGET:.0%} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
