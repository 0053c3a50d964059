"""Dedup: distinct short records kept apart, and near copies of real news still caught.

Runs ``dateline.dedup.Deduplicator`` twice over each set in one process: once with
near-duplicate matching for texts of any length (``near_duplicate_min_words = 0``, the
behaviour before the word floor) and once with the default settings, and prints how
many documents each run marked as a duplicate.

1. PETRARCH2's unit-test records (../shared/eval/petrarch2/PETR.UnitTest.records.xml):
   one sentence each, identical texts once. None of them is a copy of another, so every
   duplicate found there is a distinct record lost.
2. Reuters-21578 bodies (../shared/eval/corpora/reuters21578/*.sgm), all of them: the
   duplicates found are the wire's re-sent and corrected stories, which must still be
   caught (exact copies and near copies counted apart).

    .venv/bin/python benchmarks/dedup.py
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from pathlib import Path

from dateline.dedup import Deduplicator
from dateline.model import Document, content_hash
from dateline.settings import Settings

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PETRARCH_RECORDS = EVAL / "petrarch2" / "PETR.UnitTest.records.xml"
REUTERS = EVAL / "corpora" / "reuters21578"
RECORD_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
REUTERS_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
BEFORE = Settings(near_duplicate_min_words=0)
AFTER = Settings()


def petrarch_texts() -> list[str]:
    """The distinct record texts, whitespace collapsed, in file order."""
    found = RECORD_TEXT.findall(PETRARCH_RECORDS.read_text(encoding="utf-8"))
    return list(dict.fromkeys(" ".join(text.split()) for text in found))


def reuters_texts() -> list[str]:
    texts = []
    for sgm in sorted(REUTERS.glob("*.sgm")):
        for body in REUTERS_BODY.findall(sgm.read_text(encoding="latin-1")):
            texts.append(html.unescape(body).replace("\x03", "").strip())
    return texts


def duplicates(texts: list[str], settings: Settings) -> Counter:
    """How many texts were marked as copies: 'exact' (same content hash) and 'near'."""
    dedup, found = Deduplicator(settings), Counter()
    first_of_hash: dict[str, str] = {}
    for number, text in enumerate(texts):
        chash = content_hash(text)
        doc = dedup.check(Document(f"d{number}", f"#{number}", text, content_hash=chash))
        if doc.duplicate_of:
            found["exact" if first_of_hash.get(chash) == doc.duplicate_of else "near"] += 1
        first_of_hash.setdefault(chash, doc.doc_id)
    return found


def report(name: str, texts: list[str]) -> None:
    start = time.perf_counter()
    before, after = duplicates(texts, BEFORE), duplicates(texts, AFTER)
    seconds = time.perf_counter() - start
    print(f"{name}: {len(texts)} texts ({seconds:.1f}s for both runs)")
    for label, found in (("any length (before)", before), ("default (after)", after)):
        print(
            f"  near-duplicate matching {label:<20} duplicates {sum(found.values()):>5}"
            f"  (exact {found['exact']}, near {found['near']})"
        )


def main() -> None:
    print(f"word floor for near-duplicates: {AFTER.near_duplicate_min_words} words (default)")
    for name, path, read in (
        ("PETRARCH2 unit-test records, distinct texts", PETRARCH_RECORDS, petrarch_texts),
        ("Reuters-21578 bodies", REUTERS, reuters_texts),
    ):
        if path.exists():
            report(name, read())
        else:
            print(f"{path} not found: {name} skipped")


if __name__ == "__main__":
    main()
