"""Coding throughput: articles per second, and Dateline's time over a bare ``nlp.pipe`` pass.

Reads the first N stories of Reuters-21578 from ../shared/eval/corpora/reuters21578,
codes them with the full pipeline (clean, parse, actors, events, when, where; no
database), with and without the pre-parse sentence filter, and runs the same spaCy
pipeline alone over the same cleaned texts: batch by batch, the three in turn in this
one process, so that a change of the machine's load hits all three alike. Prints the
rates, their ratios, the share of sentences parsed and where the pipeline's time goes
(the parse with the filter and the building of the filtered Doc, then each stage).

    python benchmarks/throughput.py [--articles 300] [--batch-size 32] [--min-chars 400]
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from dateline.clean import clean_document
from dateline.model import RawDocument
from dateline.nlp import load_model
from dateline.pipeline.stages import Pipeline
from dateline.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpora" / "reuters21578"
STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def reuters_stories(limit: int, min_chars: int) -> list[RawDocument]:
    stories = []
    for sgm in sorted(CORPUS.glob("*.sgm")):
        text = sgm.read_bytes().decode("latin-1")
        for index, story in enumerate(STORY.findall(text)):
            body = BODY.search(story)
            if body and len(body.group(1)) > min_chars:
                content = html.unescape(body.group(1)).replace("\x03", "").strip()
                stories.append(RawDocument(f"{sgm.name}#{index}", content, "text"))
            if len(stories) == limit:
                return stories
    return stories


class Timed:
    """A callable that adds the seconds it takes to ``spent[name]``."""

    def __init__(self, name: str, run, spent: Counter):
        self.name, self.run, self.spent = name, run, spent

    def __call__(self, *args):
        started = time.perf_counter()
        try:
            return self.run(*args)
        finally:
            self.spent[self.name] += time.perf_counter() - started


def timed_stages(pipeline: Pipeline, spent: Counter) -> None:
    """Make ``pipeline`` add each stage's time (and the filter's) to ``spent``."""
    if pipeline.parser.sentence_filter is not None:
        pipeline.parser.sentence_filter = Timed("filter", pipeline.parser.sentence_filter, spent)
    pipeline.parser.parse = Timed("parse (with filter)", pipeline.parser.parse, spent)
    pipeline.stages = [
        Timed(getattr(stage, "name", type(stage).__name__), stage, spent)
        for stage in pipeline.stages
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--min-chars", type=int, default=400, help="only stories longer (0: all, as scale.py)"
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not available")
        return 0
    settings = Settings(batch_size=args.batch_size)
    raws = reuters_stories(args.articles, args.min_chars)
    pipeline = Pipeline(settings)
    unfiltered = Pipeline(replace(settings, sentence_filter=False))
    nlp = load_model(settings.model)
    for warm in (pipeline, unfiltered):  # warm-up: vocabularies and gazetteer
        warm.code([clean_document(raws[0], settings)])
    spent: Counter = Counter()
    timed_stages(pipeline, spent)
    print(f"load {os.getloadavg()}")

    started = time.perf_counter()
    docs = [clean_document(raw, settings) for raw in raws]
    clean_seconds = time.perf_counter() - started
    dateline_seconds = unfiltered_seconds = clean_seconds
    spacy_seconds = 0.0
    for start in range(0, len(docs), settings.batch_size):
        batch = docs[start : start + settings.batch_size]
        started = time.perf_counter()
        for _ in nlp.pipe((doc.text for doc in batch), batch_size=settings.batch_size):
            pass
        spacy_seconds += time.perf_counter() - started
        started = time.perf_counter()
        unfiltered.code([replace(doc) for doc in batch])
        unfiltered_seconds += time.perf_counter() - started
        started = time.perf_counter()
        pipeline.code(batch)
        dateline_seconds += time.perf_counter() - started

    events = sum(len(doc.events) for doc in docs)
    words = sum(len(doc.text.split()) for doc in docs)
    print(f"articles: {len(docs)} ({words} words), events coded: {events}")
    for label, seconds in (
        ("dateline (full pipeline)", dateline_seconds),
        ("dateline without the sentence filter", unfiltered_seconds),
        (f"bare nlp.pipe ({settings.model})", spacy_seconds),
    ):
        print(f"{label}: {seconds:.2f} s, {len(docs) / seconds:.1f} articles/s")
    print(f"ratio dateline / bare spaCy: {dateline_seconds / spacy_seconds:.2f}x")
    print(f"ratio without the filter / bare spaCy: {unfiltered_seconds / spacy_seconds:.2f}x")
    seen, parsed = pipeline.parser.sentences_seen, pipeline.parser.sentences_parsed
    print(f"sentences parsed with the filter: {parsed} of {seen} ({parsed / seen:.1%})")
    print("where the full pipeline's time goes (share of the bare spaCy pass):")
    print(f"  clean: {clean_seconds:.2f} s ({clean_seconds / spacy_seconds:.0%})")
    for name, seconds in spent.most_common():
        print(f"  {name}: {seconds:.2f} s ({seconds / spacy_seconds:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
