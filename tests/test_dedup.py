"""Dedup: exact copies by content hash, near copies by MinHash, originals registered once."""

from __future__ import annotations

from dateline.clean import clean_document
from dateline.dedup import (
    EXACT_WINDOW,
    Deduplicator,
    SignatureWindow,
    fingerprint,
    from_bytes,
    to_bytes,
)
from dateline.model import RawDocument, StoredFingerprint
from dateline.settings import Settings

STORY = (
    "KYIV, June 3, 2024 (AFP) - Ukraine said on Monday it had shot down eleven drones over "
    "the capital overnight, while officials in the south reported damage to a power station "
    "and said repair crews were working to restore supplies to thousands of homes. The air "
    "force said the drones were launched from the north and east of the country."
)


def doc(text: str, path: str):
    return clean_document(RawDocument(path=path, content=text, kind="text"), Settings())


def test_exact_copy_points_at_the_original():
    dedup = Deduplicator(Settings())
    original = dedup.check(doc(STORY, "a.txt"))
    copy = dedup.check(doc(STORY.upper(), "b.txt"))  # case and spacing make no new story
    assert original.duplicate_of is None
    assert copy.duplicate_of == original.doc_id
    assert isinstance(copy.fingerprint, bytes)


def test_syndicated_copy_with_other_chrome_is_a_near_duplicate():
    dedup = Deduplicator(Settings())
    original = dedup.check(doc(STORY, "site-a.txt"))
    syndicated = (
        f"World | Europe | Ukraine | Live\n\n{STORY} The mayor thanked the air defence crews."
        "\n\nShare on Telegram\n\nMore stories: Drones over the capital"
    )
    near = dedup.check(doc(syndicated, "site-b.txt"))
    assert "World" not in near.text and "Telegram" not in near.text  # clean took the chrome
    assert near.content_hash != original.content_hash  # the added sentence stays
    assert near.duplicate_of == original.doc_id


def test_different_stories_are_both_originals():
    dedup = Deduplicator(Settings())
    first = dedup.check(doc(STORY, "a.txt"))
    other = (
        "DAKAR (Reuters) - Senegal's parliament passed the budget on Friday after a long debate."
    )
    second = dedup.check(doc(other, "b.txt"))
    assert first.duplicate_of is None and second.duplicate_of is None


def test_seeded_originals_from_the_store_are_found():
    first = Deduplicator(Settings()).check(doc(STORY, "a.txt"))
    dedup = Deduplicator(Settings())
    dedup.seed([StoredFingerprint(first.doc_id, "unrelated-hash", first.fingerprint)])
    again = dedup.check(doc(STORY + " The mayor thanked air defence crews.", "later.txt"))
    assert again.duplicate_of == first.doc_id


def test_seed_by_hash_alone_and_same_input_is_not_its_own_copy():
    first = doc(STORY, "a.txt")
    dedup = Deduplicator(Settings())
    dedup.seed([StoredFingerprint("stored-id", first.content_hash, None)])
    assert dedup.check(doc(STORY, "b.txt")).duplicate_of == "stored-id"
    rerun = Deduplicator(Settings())
    rerun.seed([StoredFingerprint(first.doc_id, first.content_hash, None)])
    assert rerun.check(first).duplicate_of is None


def test_fingerprint_round_trip_and_bad_bytes():
    signature = fingerprint(STORY)
    restored = from_bytes(to_bytes(signature))
    assert restored.jaccard(signature) == 1.0
    assert from_bytes(b"\x00" * 24) is None


# One long sentence (35 words): a number changed in it leaves a MinHash Jaccard above 0.8.
RECORD = (
    "Police in the northern city arrested {} men on Tuesday after a night of clashes near the "
    "central market, where shops were damaged and two cars were set alight, a spokesman for the "
    "regional governor told reporters."
)


def test_short_texts_that_differ_by_a_number_are_two_records():
    dedup = Deduplicator(Settings())
    five = dedup.check(doc(RECORD.format(5), "five.txt"))
    seven = dedup.check(doc(RECORD.format(7), "seven.txt"))
    assert five.duplicate_of is None and seven.duplicate_of is None
    stored = Deduplicator(Settings())
    stored.seed([StoredFingerprint(five.doc_id, five.content_hash, five.fingerprint)])
    assert stored.check(doc(RECORD.format(7), "later.txt")).duplicate_of is None


def test_shingles_alone_would_merge_them_and_the_word_floor_is_a_setting():
    assert fingerprint(RECORD.format(5)).jaccard(fingerprint(RECORD.format(7))) >= 0.8
    dedup = Deduplicator(Settings(near_duplicate_min_words=20))
    five = dedup.check(doc(RECORD.format(5), "five.txt"))
    assert dedup.check(doc(RECORD.format(7), "seven.txt")).duplicate_of == five.doc_id


def test_short_copies_with_the_same_words_still_dedup():
    dedup = Deduplicator(Settings())
    first = dedup.check(doc(RECORD.format(5), "a.txt"))
    again = dedup.check(doc(RECORD.format(5).upper(), "b.txt"))
    resent = doc(RECORD.format(5).replace(",", "").replace(" men", " men -"), "c.txt")
    assert resent.content_hash != first.content_hash  # punctuation differs, the words do not
    assert again.duplicate_of == first.doc_id
    assert dedup.check(resent).duplicate_of == first.doc_id


def test_copies_are_sought_among_the_latest_originals_only():
    window = 2  # near copies among the latest two originals, exact ones among 40
    dedup = Deduplicator(Settings(near_duplicate_window=window))
    stories = [
        " ".join(f"report{n} word{i}" for i in range(40)) for n in range(window * EXACT_WINDOW + 5)
    ]
    originals = [dedup.check(doc(text, f"{n}.txt")) for n, text in enumerate(stories)]
    assert all(o.duplicate_of is None for o in originals)
    assert len(dedup.signatures) == window and len(dedup.by_hash) == window * EXACT_WINDOW
    near_copy = stories[-1].replace("word39", "word39 again")
    assert dedup.check(doc(near_copy, "near.txt")).duplicate_of == originals[-1].doc_id
    assert dedup.check(doc(stories[-3], "exact.txt")).duplicate_of == originals[-3].doc_id
    assert dedup.check(doc(stories[0], "old.txt")).duplicate_of is None  # forgotten


def test_the_signature_window_reuses_its_oldest_slot_and_prefers_the_oldest_equal():
    window = SignatureWindow(3, lsh_threshold=0.6)
    sizes = (window.values.nbytes, window.keys.nbytes)
    story = fingerprint(STORY).hashvalues
    window.add("z-first", story)
    window.add("a-copy", story.copy())
    assert window.nearest(story, 0.8) == "z-first"  # equal scores: the earlier original
    for n in range(3):
        window.add(f"other{n}", fingerprint(f"{STORY} other story {n}" * 3).hashvalues)
    assert len(window) == 3 and (window.values.nbytes, window.keys.nbytes) == sizes
    assert window.nearest(story, 0.99) is None  # both copies were forgotten
    unrelated = fingerprint("Floods closed schools across the northern provinces today.")
    assert window.nearest(unrelated.hashvalues, 0.8) is None
