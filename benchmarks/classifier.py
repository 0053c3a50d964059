"""What the learned event-type classifier adds, on the PLOVER gold standard records.

On ../shared/eval/events/PLOVER_GSR_CAMEO.txt (PLOVER 0.5 names mapped as in events.py),
prints: the classifier's top-1 type accuracy alone (beside the majority-type baseline);
the pattern pipeline's type recall (the gold type among the coded types of the sentence);
the combined recall with the classifier stage after the pattern coder; events per sentence
for both; and embedding speed beside the pattern pipeline's speed. Needs the [embed] extra.

    .venv/bin/python benchmarks/classifier.py
"""

from __future__ import annotations

import time
from collections import Counter

from dateline.clean import clean_document
from dateline.events.classifier import ClassifierCoder
from dateline.model import RawDocument
from dateline.pipeline.stages import Pipeline
from dateline.settings import Settings
from events import PLOVER_GSR, gold_of, gsr_records


def classifier_stage(pipeline: Pipeline) -> ClassifierCoder:
    return next(stage.run for stage in pipeline.stages if isinstance(stage.run, ClassifierCoder))


def code_all(pipeline: Pipeline, texts: list[str]):
    docs = [
        clean_document(RawDocument(f"gsr#{i}", text, "text"), pipeline.settings)
        for i, text in enumerate(texts)
    ]
    return pipeline.code(docs).documents


def coded_types(doc, *, with_classifier: bool) -> list[str]:
    """The stage only appends events, so without its events a document is as the patterns
    alone (Settings(classifier=False)) coded it: one run measures both."""
    return [
        e.plover.type
        for e in doc.events
        if e.plover and (with_classifier or e.coder != ClassifierCoder.version)
    ]


def main() -> None:
    if not PLOVER_GSR.exists():
        print(f"{PLOVER_GSR} not found: nothing to measure")
        return
    records = [r for r in gsr_records() if r.get("text") and r.get("event")]
    texts = [r["text"] for r in records]
    gold = [gold_of(r).type for r in records]
    n = len(records)

    pipeline = Pipeline(Settings(classifier=True))
    classifier = classifier_stage(pipeline).classifier
    classifier.predict(texts[:8])  # warm-up: the first call pays for torch's lazy setup
    start = time.perf_counter()
    vectors = classifier.embedder.encode(texts)
    embed_seconds = time.perf_counter() - start
    predicted = [
        classifier.model.classes[i] for i in classifier.model.probabilities(vectors).argmax(1)
    ]
    top1 = sum(p == g for p, g in zip(predicted, gold, strict=True))
    majority, majority_count = Counter(gold).most_common(1)[0]
    print(f"PLOVER GSR: {n} sentences")
    print(
        f"  classifier alone, top-1 type accuracy {top1 / n:.3f}  (majority-type baseline "
        f"{majority}: {majority_count / n:.3f}, ratio {top1 / majority_count:.2f}x)"
    )
    print(f"  classifier says NONE on {predicted.count('NONE')} of {n} event sentences")

    start = time.perf_counter()
    docs = code_all(pipeline, texts)
    pipeline_seconds = time.perf_counter() - start
    for label, with_classifier in (("patterns alone", False), ("patterns + classifier", True)):
        types = [coded_types(doc, with_classifier=with_classifier) for doc in docs]
        recall = sum(g in t for g, t in zip(gold, types, strict=True)) / n
        per_sentence = sum(map(len, types)) / n
        print(f"  {label:<22} type recall {recall:.3f}  events per sentence {per_sentence:.2f}")
    added = [
        (e.plover.type, g)
        for doc, g in zip(docs, gold, strict=True)
        for e in doc.events
        if e.coder == ClassifierCoder.version
    ]
    right = sum(kind == g for kind, g in added)
    print(
        f"  classifier events added {len(added)}, {right} of the gold type "
        f"(threshold {classifier.threshold:.2f})"
    )
    print(
        f"  speed: embedding {n / embed_seconds:.1f} sentences/s; full pipeline with "
        f"classifier {n / pipeline_seconds:.1f} sentences/s "
        f"(embedding alone is {pipeline_seconds / embed_seconds:.1f}x faster)"
    )
    misses = Counter(g for g, p in zip(gold, predicted, strict=True) if g != p)
    print(f"  classifier misses by gold type: {dict(misses.most_common())}")


if __name__ == "__main__":
    main()
