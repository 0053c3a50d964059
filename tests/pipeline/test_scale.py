"""Archives at scale: the pre-parse sentence filter, streaming, worker processes, Dask."""

from __future__ import annotations

import gc
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from dateline.api import code_paths, code_text
from dateline.cluster import partitions
from dateline.errors import WorkerError
from dateline.events.patterns import load_patterns
from dateline.events.triggers import triggers
from dateline.model import Document
from dateline.pipeline.results import RunSummary
from dateline.settings import Settings
from dateline.store import open_db

STORY = (
    "NAIROBI, March 5, 2019 (AFP) - Kenyan Foreign Minister Amina Wekesa arrived in "
    "Mogadishu on Tuesday for talks with Somali President Hassan Abdi Warsame.\n\n"
    "Shares were little changed in morning trade.\n\n"
    "Wekesa accused Somalia of harbouring militants, her spokesman said.\n"
)


def blanked(doc: Document, index: int) -> bool:
    """Whether sentence ``index`` was left out of the parse (only spaces in its place)."""
    sentence = doc.sentences[index]
    return doc.parsed_text[sentence.start : sentence.end].strip() == ""


class KeepParsedText:
    """A stage that keeps the text the parser saw: the spaCy Doc itself is freed with the
    batch (its memory zone)."""

    def __call__(self, doc: Document) -> Document:
        doc.parsed_text = doc.parsed.text
        return doc


def coded_with_parse(text: str, settings: Settings) -> Document:
    from dateline.clean import clean_document
    from dateline.model import RawDocument
    from dateline.pipeline.stages import Pipeline

    pipeline = Pipeline(settings)
    pipeline.stages.append(KeepParsedText())
    doc = clean_document(RawDocument("story.txt", text, "text"), settings)
    pipeline.code([doc])
    return doc


def test_sentences_without_a_trigger_are_not_parsed_and_offsets_hold():
    doc = coded_with_parse(STORY, Settings())
    texts = [s.text for s in doc.sentences]
    market = next(i for i, t in enumerate(texts) if t.startswith("Shares"))
    assert blanked(doc, market)
    assert not blanked(doc, 0) and not blanked(doc, len(texts) - 1)
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    accusation = next(e for e in doc.events if e.plover and e.plover.type == "ACCUSE")
    assert doc.sentences[accusation.sentence].text.startswith("Wekesa accused")


def test_the_filter_keeps_the_sentence_that_names_a_later_surname():
    text = (
        "Kenyan Foreign Minister Amina Wekesa is 54 years old.\n\n"
        "Wekesa later accused Somalia of harbouring militants.\n"
    )
    doc = coded_with_parse(text, Settings())
    assert not blanked(doc, 0)  # no trigger there, but it says who Wekesa is
    accusation = next(e for e in doc.events if e.plover and e.plover.type == "ACCUSE")
    assert accusation.source.country == "KEN"


def test_a_dictionary_name_needs_no_earlier_sentence_naming_it():
    text = "Iran is 1,600 km across.\n\nLater Iran accused Iraq of harbouring militants.\n"
    doc = coded_with_parse(text, Settings())
    assert blanked(doc, 0)  # "Iran" is coded where it stands: the first sentence adds nothing
    accusation = next(e for e in doc.events if e.plover and e.plover.type == "ACCUSE")
    assert (accusation.source.country, accusation.target.country) == ("IRN", "IRQ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Speaking in Nairobi, she accused Somalia of harbouring militants.",
        "Somalia accused her of harbouring militants.",
    ],
)
def test_a_pronoun_keeps_the_sentences_that_may_name_whom_it_means(sentence):
    opening = "Kenyan Foreign Minister Amina Wekesa is 54 years old.\n\nShares were flat.\n\n"
    doc = coded_with_parse(f"{opening}{sentence}\n", Settings())
    assert not blanked(doc, 0)  # whom "she" or "her" means is there
    assert blanked(doc, 1)  # no actor candidate there
    accusation = next(e for e in doc.events if e.plover and e.plover.type == "ACCUSE")
    countries = {accusation.source.country, accusation.target and accusation.target.country}
    assert countries == {"KEN", "SOM"}


def test_filtered_and_unfiltered_coding_agree_on_the_example():
    text = (Path(__file__).resolve().parents[2] / "examples" / "kenya-somalia.txt").read_text()
    filtered = code_text(text, settings=Settings())
    unfiltered = code_text(text, settings=Settings(sentence_filter=False))
    assert [e.key(filtered.doc_id) for e in filtered.events] == [
        e.key(unfiltered.doc_id) for e in unfiltered.events
    ]


def test_a_month_name_is_neither_a_trigger_nor_an_actor_and_plurals_are_cues():
    doc = coded_with_parse(
        "Exports rose in March, the ministry said.\n\n"
        "Four soldiers were killed when a roadside bomb exploded.\n",
        Settings(),
    )
    assert blanked(doc, 0)  # "March" is the month here, not the verb "march"
    assert not blanked(doc, 1)  # "soldiers" is the cue word "soldier": an actor candidate
    assert [e.trigger for e in doc.events] == ["killed"]


def test_a_pattern_needing_a_word_does_not_keep_sentences_without_it():
    vocabulary = triggers(load_patterns())
    say = vocabulary["say"]
    assert say and all(trigger.needs for trigger in say)  # "say" alone codes nothing
    assert any("must" in need for trigger in say for need in trigger.needs)
    doc = coded_with_parse(
        "Iraqi officials said the weather was fine.\n\nIraqi officials said Iran must pay.\n",
        Settings(),
    )
    assert blanked(doc, 0) and not blanked(doc, 1)


def test_the_trigger_vocabulary_follows_user_patterns(tmp_path):
    patterns = tmp_path / "mine.yaml"
    patterns.write_text(
        "patterns:\n  - {id: user.snub, verbs: [snub], code: '111', target: [dobj]}\n"
    )
    # shipped patterns take "snub" only with words beside it ("snubbed the demand"); the
    # user's pattern makes the verb alone enough
    assert all(trigger.needs for trigger in triggers(load_patterns()).get("snub", ()))
    assert any(not trigger.needs for trigger in triggers(load_patterns((patterns,)))["snub"])
    settings = Settings(pattern_files=(patterns,))
    doc = coded_with_parse("Iraqi officials snubbed the Iranian envoy.\n", settings)
    assert not blanked(doc, 0)
    assert [e.cameo.code for e in doc.events] == ["111"]


def stories(folder: Path, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    for index in range(count):
        (folder / f"story{index:03}.txt").write_text(
            f"ROME, May {index % 28 + 1}, 2022 (ANSA) - Italian police arrested {index + 2} "
            f"Albanian smugglers in Bari in operation number {index}, officials said.\n"
        )
    return [str(folder)]


def stored(db: Path) -> tuple[int, int, list[str]]:
    with open_db(db) as store:
        documents = store.sql("SELECT count(*), count(DISTINCT doc_id) FROM documents").rows[0]
        events = store.sql("SELECT id FROM events ORDER BY id").rows
    return documents[0], documents[1], [row[0] for row in events]


def run(paths, settings, db=None) -> tuple[RunSummary, list[str]]:
    summary, ids = RunSummary(), []
    store = open_db(db) if db else None
    try:
        for batch in code_paths(paths, settings=settings, store=store):
            summary.add(batch)
            ids.extend(record["id"] for record in batch.records)
    finally:
        if store is not None:
            store.close()
    return summary, sorted(ids)


def test_worker_processes_code_what_one_process_codes(tmp_path):
    paths = stories(tmp_path / "in", 6)
    one, one_ids = run(paths, Settings(batch_size=2), tmp_path / "one.duckdb")
    two, two_ids = run(paths, Settings(batch_size=2, workers=2), tmp_path / "two.duckdb")
    assert two_ids == one_ids and len(one_ids) >= 6
    assert (two.coded, two.events) == (one.coded, one.events) == (6, len(one_ids))
    assert stored(tmp_path / "two.duckdb") == stored(tmp_path / "one.duckdb")


def test_a_killed_worker_stops_the_run_and_the_next_run_resumes(tmp_path):
    import multiprocessing

    paths = stories(tmp_path / "in", 12)
    db = tmp_path / "events.duckdb"
    settings = Settings(batch_size=1, workers=2)
    with open_db(db) as store:
        batches = code_paths(paths, settings=settings, store=store)
        next(batches)  # one batch stored, four more in flight, seven not read yet
        os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
        time.sleep(0.5)  # the pool notices the death
        with pytest.raises(WorkerError, match="run the same command again"):
            list(batches)
    kept, _, _ = stored(db)
    assert 1 <= kept < 12
    summary, _ = run(paths, settings, db)
    assert summary.already_stored == kept and summary.coded == 12 - kept
    assert stored(db)[:2] == (12, 12)


def test_documents_stream_through_a_bounded_window(tmp_path):
    paths = stories(tmp_path / "in", 40)
    alive = []
    for _ in code_paths(paths, settings=Settings(batch_size=4)):
        gc.collect()
        alive.append(sum(type(o) is Document for o in gc.get_objects()))
    assert len(alive) == 10
    assert max(alive) <= 8  # this batch and the one being read, never the 40


def test_a_batch_ends_once_its_inputs_hold_batch_chars(tmp_path):
    folder = tmp_path / "in"
    stories(folder, 6)
    long_story = folder / "story002.txt"  # a story longer than the budget is a batch alone
    long_story.write_text(
        "".join(f"Police in Bari said raid {n} found {n + 3} boats.\n\n" for n in range(40))
    )
    short = len((folder / "story000.txt").read_text())
    settings = Settings(batch_size=4, batch_chars=3 * short)
    sizes = [len(batch.documents) for batch in code_paths([str(folder)], settings=settings)]
    assert sizes == [2, 1, 3]  # 0-1, the long 2, then 3-5 (three short ones fit)


def duckdb_mb(store) -> float:
    return store.sql("SELECT sum(memory_usage_bytes) / 2 ** 20 FROM duckdb_memory()").rows[0][0]


@pytest.mark.parametrize("cache_mb", [2, 0])
def test_a_coding_run_evicts_duckdb_cache_after_each_batch(tmp_path, cache_mb):
    with open_db(tmp_path / "w.duckdb", writer_cache_mb=cache_mb) as store:
        store.con.execute(  # 32 MB of text that does not compress away
            "CREATE TABLE filler AS SELECT string_agg(md5((i * 10 + j)::VARCHAR), '') AS t "
            "FROM range(100000) a(i), range(10) b(j) GROUP BY i"
        )
        store.con.execute("CHECKPOINT")
        default = store.sql("SELECT current_setting('memory_limit')").rows[0][0]
        store.sql("SELECT count(*) FROM filler WHERE t LIKE '%zz%'")  # its blocks now cached
        cached = duckdb_mb(store)
        for _ in code_paths(stories(tmp_path / "in", 4), settings=Settings(), store=store):
            pass
        after = duckdb_mb(store)
        assert store.sql("SELECT current_setting('memory_limit')").rows[0][0] == default
    assert cached > 10
    assert after < cache_mb + 3 if cache_mb else after > 10  # 0: DuckDB keeps its cache


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_a_dask_run_stores_what_a_local_run_stores(tmp_path, cluster):
    paths = stories(tmp_path / "in", 5)
    (tmp_path / "in" / "empty.txt").write_text("")
    local, local_ids = run(paths, Settings(batch_size=2), tmp_path / "local.duckdb")
    settings = Settings(
        batch_size=2, dask_scheduler=cluster, partition_bytes=300, parts_dir=str(tmp_path / "p")
    )
    remote, remote_ids = run(paths, settings, tmp_path / "dask.duckdb")
    assert remote_ids == local_ids and (remote.coded, remote.failed) == (5, 1) == (
        local.coded,
        local.failed,
    )
    assert len(list((tmp_path / "p").iterdir())) >= 2  # several partitions, one folder each
    assert stored(tmp_path / "dask.duckdb") == stored(tmp_path / "local.duckdb")
    with open_db(tmp_path / "dask.duckdb") as store:
        assert store.sql("SELECT path FROM errors").rows == [(str(tmp_path / "in" / "empty.txt"),)]


def test_a_dask_rerun_loads_finished_parts_and_codes_what_a_dead_worker_left(tmp_path, cluster):
    inputs = tmp_path / "in"
    paths = stories(inputs, 4)
    parts = tmp_path / "p"
    settings = Settings(dask_scheduler=cluster, partition_bytes=1, parts_dir=str(parts))
    first, ids = run(paths, settings)  # parts written, no database: nothing loaded yet
    assert first.coded == 4
    assert len(list(parts.iterdir())) == 4
    files = [str(inputs / f"story{index:03}.txt") for index in range(4)]
    folder = parts / partitions([files[0]], settings)[0].key
    # a worker killed while writing a partition leaves a partial folder, no parts
    folder.rename(folder.with_name(folder.name + ".partial"))
    finished = parts / partitions([files[3]], settings)[0].key
    written = sorted((p.name, p.stat().st_mtime_ns) for p in finished.iterdir())
    summary, rerun_ids = run(files, settings, tmp_path / "e.duckdb")
    assert (summary.coded, summary.failed) == (4, 0) and rerun_ids == ids
    assert stored(tmp_path / "e.duckdb")[:2] == (4, 4)
    # a finished partition is loaded as it was, not coded again
    assert sorted((p.name, p.stat().st_mtime_ns) for p in finished.iterdir()) == written


def test_a_partition_is_coded_again_when_its_file_or_the_settings_change(tmp_path):
    stories(tmp_path / "in", 1)
    path = str(tmp_path / "in" / "story000.txt")
    settings = Settings(partition_bytes=1, parts_dir=str(tmp_path / "p"))
    key = partitions([path], settings)[0].key
    assert partitions([path], replace(settings, workers=2))[0].key == key  # how, not what
    assert partitions([path], replace(settings, year=1987))[0].key != key
    Path(path).write_text(Path(path).read_text() + "\nOne more line.\n")
    assert partitions([path], settings)[0].key != key


def test_a_cluster_run_needs_somewhere_for_its_parts(tmp_path, cluster):
    from dateline.errors import ConfigError

    settings = replace(Settings(), dask_scheduler=cluster)
    with pytest.raises(ConfigError, match="parts_dir"):
        run(stories(tmp_path / "in", 1), settings)


def test_a_cluster_run_does_not_code_again_what_the_database_holds(tmp_path, cluster):
    paths = stories(tmp_path / "in", 4)
    db = tmp_path / "e.duckdb"
    local, local_ids = run(paths, Settings(batch_size=2), db)
    parts = tmp_path / "p"
    settings = Settings(dask_scheduler=cluster, partition_bytes=1, parts_dir=str(parts))
    again, again_ids = run(paths, settings, db)
    assert (again.coded, again.already_stored) == (0, 4) and local.coded == 4
    assert again_ids == local_ids  # the stored events, as a local re-run gives them
    assert not list(parts.rglob("documents.parquet"))  # nothing was coded
    assert stored(db)[:2] == (4, 4)


def test_an_exact_copy_in_another_partition_is_stored_as_a_duplicate(tmp_path, cluster):
    paths = stories(tmp_path / "in", 2)
    original = tmp_path / "in" / "story000.txt"
    (tmp_path / "in" / "story000-copy.txt").write_text(original.read_text())
    settings = Settings(dask_scheduler=cluster, partition_bytes=1, parts_dir=str(tmp_path / "p"))
    summary, ids = run(paths, settings, tmp_path / "e.duckdb")
    assert (summary.coded, summary.duplicates) == (2, 1)
    assert len(ids) == len(set(ids))  # the copy's events are not given twice
    with open_db(tmp_path / "e.duckdb") as store:
        copies = store.sql("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").rows
        coded = store.sql("SELECT count(DISTINCT doc_id) FROM events").rows
    assert copies == [(1,)] and coded == [(2,)]


def test_two_workers_stream_through_a_bounded_window(tmp_path):
    paths = stories(tmp_path / "in", 96)
    settings = Settings(batch_size=4, workers=2)
    alive = []
    for _ in code_paths(paths, settings=settings):
        gc.collect()
        alive.append(sum(type(o) is Document for o in gc.get_objects()))
    assert len(alive) == 24
    # two batches a worker in flight, and one being read: each as sent and as coded
    window = 2 * (2 * settings.workers + 1) * settings.batch_size
    assert max(alive) <= window < 96


@pytest.mark.skipif(
    "forkserver" not in __import__("multiprocessing").get_all_start_methods(),
    reason="no fork server on this platform",
)
def test_coding_processes_are_not_forked_from_this_process():
    from concurrent.futures import ProcessPoolExecutor

    from dateline.parallel import worker_context

    with ProcessPoolExecutor(1, mp_context=worker_context(os.getppid)) as pool:
        assert pool.submit(os.getppid).result() != os.getpid()  # the fork server's child


def test_the_stored_check_is_one_query_for_a_batch(tmp_path):
    paths = stories(tmp_path / "in", 3)
    db = tmp_path / "e.duckdb"
    run(paths, Settings(), db)
    with open_db(db) as store:
        ids = [row[0] for row in store.sql("SELECT doc_id FROM documents").rows]
        assert store.coded_among([*ids, "not-stored"]) == set(ids)
        assert store.coded_among([]) == set()
        assert store.has_coded(ids[0]) and not store.has_coded("not-stored")


def test_coding_new_words_leaves_spacy_s_vocabulary_as_it_was():
    from dateline.clean import clean_document
    from dateline.model import RawDocument
    from dateline.pipeline.stages import Pipeline

    settings = Settings()
    pipeline = Pipeline(settings)

    def coded(name: str) -> Document:
        text = f"Police arrested Ali {name} in Nairobi after protesters clashed with troops."
        doc = clean_document(RawDocument(f"{name}.txt", text, "text"), settings)
        return pipeline.code([doc]).documents[0]

    coded("Zed")  # the first batch may load lazily built tables
    strings = len(pipeline.parser.nlp.vocab.strings)
    names = [f"Xavrel{n}" for n in range(5)]
    docs = [coded(name) for name in names]
    assert len(pipeline.parser.nlp.vocab.strings) == strings
    # what the documents keep is plain text: still readable after the batch's words are gone
    assert all(
        name in doc.sentences[0].text and doc.events[0].trigger == "arrested"
        for name, doc in zip(names, docs, strict=True)
    )
