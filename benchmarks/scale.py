"""Coding at scale: articles/s and peak memory at 1 worker, 2 workers and a LocalCluster of 2,
against a bare ``nlp.pipe`` pass over the same texts in the same run; then an estimate of
the time, cluster size, Parquet size and query time for 1 million and 100 million articles.

Every Reuters-21578 story with a body (../shared/eval/corpora/reuters21578) is written as
JSON Lines files (200 stories each) to a temporary folder, and each configuration codes
that folder into a fresh DuckDB file through ``dateline.code_paths`` in its own process
(so its peak RSS is its own): ``local:1`` (one process; also prints the peak RSS after
1,000, 5,000, 10,000 and 15,000 articles and the share of sentences the pre-parse filter sent to
the parser, and runs a bare ``nlp.pipe`` over each batch after coding it, timed apart, for
a ratio that the machine's load cannot skew), ``local:2`` (two coding processes, one
writer), ``dask:2`` (a LocalCluster of two worker processes writing Parquet parts, loaded
by the driver). The bare pass of the other ratios runs spaCy alone over the same cleaned
texts in this process.

    python benchmarks/scale.py [--limit N] [--configs local:1,local:2,dask:2]  ("": bare only)

Speed figures depend on the machine's load: the script prints ``os.getloadavg()``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "corpora" / "reuters21578"
STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "BODY")}
PER_FILE = 200  # stories per JSON Lines file: a file is a partition of the cluster run
CHECKPOINTS = (1000, 5000, 10_000, 15_000)
SCALES = (1_000_000, 100_000_000)
DAY = 86_400


def reuters_records(limit: int | None) -> list[dict[str, str]]:
    """Every story with a body, as a JSON Lines record (title and text)."""
    records = []
    for sgm in sorted(CORPUS.glob("*.sgm")):
        for story in STORY.findall(sgm.read_bytes().decode("latin-1")):
            body = FIELD["BODY"].search(story)
            if not body:
                continue
            title = FIELD["TITLE"].search(story)
            text = html.unescape(body.group(1)).replace("\x03", "").strip()
            records.append({"title": html.unescape(title.group(1)) if title else "", "text": text})
            if len(records) == limit:
                return records
    return records


def write_input(records: list[dict[str, str]], folder: Path) -> None:
    folder.mkdir(parents=True)
    for first in range(0, len(records), PER_FILE):
        with open(folder / f"reuters-{first // PER_FILE:03}.jsonl", "w", encoding="utf-8") as out:
            for record in records[first : first + PER_FILE]:
                out.write(json.dumps(record) + "\n")


def peak_rss_mb() -> float:
    """This process's peak resident set so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_config(config: str, folder: Path, work: Path) -> dict:
    """In a child process: code ``folder`` with one configuration; returns its figures."""
    from dateline.api import code_paths
    from dateline.pipeline.results import RunSummary
    from dateline.pipeline.runner import pipeline_for
    from dateline.settings import Settings
    from dateline.store import open_db

    kind, workers = config.split(":")
    settings = Settings(workers=int(workers))
    cluster = None
    if kind == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=int(workers), threads_per_worker=1, dashboard_address=None)
        parts = work / f"parts-{workers}"
        settings = Settings(
            dask_scheduler=cluster.scheduler_address, parts_dir=str(parts), partition_bytes=1
        )
    figures: dict = {"config": config, "checkpoints": {}}
    summary = RunSummary()
    one_process = kind == "local" and int(workers) == 1
    bare = 0.0  # one process: seconds of the bare pass over each batch, run after it
    db = work / f"{kind}-{workers}.duckdb"
    with open_db(db, writer_cache_mb=settings.writer_cache_mb) as store:  # as the CLI does
        started = time.perf_counter()
        for batch in code_paths([str(folder)], settings=settings, store=store):
            if one_process:
                bare += bare_pass([doc.text for doc in batch.documents], settings)
            summary.add(batch)
            done = summary.coded + summary.duplicates + summary.skipped + summary.failed
            if "warm" not in figures:  # the first batch back: models loaded, start-up over
                figures["warm"] = [time.perf_counter() - started - bare, done]
                warm_bare = bare  # the first batch's bare pass warms spaCy up: not compared
            for mark in CHECKPOINTS:
                if done >= mark and str(mark) not in figures["checkpoints"]:
                    figures["checkpoints"][str(mark)] = peak_rss_mb()
                    elapsed = time.perf_counter() - started
                    print(
                        f"  {config} after {done} articles, {elapsed:.0f} s: peak RSS "
                        f"{peak_rss_mb():.0f} MB",
                        file=sys.stderr,
                        flush=True,
                    )
        figures["seconds"] = time.perf_counter() - started - bare
        if one_process:  # the bare pass over the batches after the first
            figures["steady_bare_seconds"] = bare - warm_bare
        warm_seconds, warm_articles = figures["warm"]
        if done > warm_articles:
            figures["steady_rate"] = (done - warm_articles) / (figures["seconds"] - warm_seconds)
        else:  # one batch only: no start-up-free figure
            figures["steady_rate"] = done / figures["seconds"]
        figures["events_stored"] = store.sql("SELECT count(*) FROM events").rows[0][0]
    figures["articles"] = summary.coded + summary.duplicates + summary.skipped + summary.failed
    figures["coded"], figures["events"] = summary.coded, summary.events
    figures["rss_mb"] = peak_rss_mb()
    figures["rss_workers_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if kind == "local" and int(workers) == 1:
        parser = pipeline_for(settings).parser
        figures["sentences"] = [parser.sentences_seen, parser.sentences_parsed]
    if cluster is not None:
        from distributed import Client

        with Client(cluster) as client:
            figures["rss_workers_mb"] = max(client.run(peak_rss_mb).values())
        cluster.close()
        sizes = [p.stat().st_size for p in parts.rglob("*.parquet")]
        figures["parquet_bytes"] = sum(sizes)
    return figures


def bare_pass(texts: list[str], settings) -> float:
    """Seconds of the bare spaCy pipeline over ``texts``."""
    from dateline.nlp import load_model

    nlp = load_model(settings.model)
    started = time.perf_counter()
    with nlp.memory_zone():  # as the coding does: its words must not add to the RSS figures
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
    return time.perf_counter() - started


def bare_spacy(records: list[dict[str, str]]) -> float:
    """Seconds of the bare spaCy pipeline over the cleaned texts (cleaning not timed)."""
    from dateline.clean import clean_document
    from dateline.errors import DatelineError
    from dateline.model import RawDocument
    from dateline.nlp import load_model
    from dateline.settings import Settings

    settings = Settings()
    texts = []
    for index, record in enumerate(records):
        raw = RawDocument(f"r#{index}", record["text"], "text", title=record["title"] or None)
        try:
            texts.append(clean_document(raw, settings).text)
        except DatelineError:  # no text left: the coded runs count it as a failure
            continue
    nlp = load_model(settings.model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return time.perf_counter() - started


def query_seconds(db: Path, events_wanted: int) -> tuple[float, int]:
    """The monthly dyad series over the stored events copied to ``events_wanted`` rows."""
    from dateline.store import open_db
    from dateline.use.analysis import series

    with open_db(db) as store:
        have = store.sql("SELECT count(*) FROM events").rows[0][0]
        copies = max(1, -(-events_wanted // max(have, 1)) - 1)
        store.con.execute(
            f"INSERT INTO events SELECT events.* REPLACE (id || '-' || c AS id, "
            f"doc_id || '-' || c AS doc_id) FROM events, range(1, {copies + 1}) AS t(c)"
        )
        rows = store.sql("SELECT count(*) FROM events").rows[0][0]
        dyad = store.sql(
            "SELECT source_country, target_country FROM events WHERE source_country IS NOT "
            "NULL AND target_country IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
        ).rows[0]
        series(store, source=dyad[0], target=dyad[1], merged=False)  # warm-up
        started = time.perf_counter()
        for _ in range(5):
            series(store, source=dyad[0], target=dyad[1], merged=False)
        return (time.perf_counter() - started) / 5, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N stories")
    parser.add_argument("--configs", default="local:1,local:2,dask:2")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_config(args.child, args.input, args.work)))
        return 0
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not available")
        return 0
    records = reuters_records(args.limit)
    print(f"Reuters-21578: {len(records)} stories with a body; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_input(records, work / "input")
        results = []
        for config in filter(None, args.configs.split(",")):
            command = [sys.executable, __file__, "--child", config]
            command += ["--input", str(work / "input"), "--work", str(work)]
            # the child's progress and errors go straight to this run's standard error
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
            if done.returncode != 0:
                print(f"{config}: failed (exit status {done.returncode})")
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            report(results[-1])
        bare = bare_spacy(records)
        print(f"bare nlp.pipe: {bare:.1f} s, {len(records) / bare:.1f} articles/s")
        compare(results, bare, len(records))
        extrapolate(results, work)
    print(f"load at the end {os.getloadavg()}")
    return 0


def report(figures: dict) -> None:
    rate = figures["articles"] / figures["seconds"]
    marks = ", ".join(f"{int(n):,}: {mb:.0f} MB" for n, mb in figures["checkpoints"].items())
    print(
        f"{figures['config']}: {figures['articles']} articles ({figures['coded']} coded, "
        f"{figures['events']} events) in {figures['seconds']:.1f} s, {rate:.1f} articles/s "
        f"({figures['steady_rate']:.1f} after start-up, {figures['warm'][0]:.1f} s); "
        f"peak RSS {figures['rss_mb']:.0f} MB (this process"
        f"{', after ' + marks if marks else ''}), {figures['rss_workers_mb']:.0f} MB largest worker"
    )
    if "sentences" in figures:
        seen, parsed = figures["sentences"]
        print(f"  sentence filter: {parsed} of {seen} sentences parsed ({parsed / seen:.1%})")


def compare(results: list[dict], bare: float, articles: int) -> None:
    """Ratios after start-up (models loaded): the rate an archive run keeps up."""
    by_config = {figures["config"]: figures for figures in results}
    bare_rate = articles / bare
    for config, figures in by_config.items():
        print(
            f"  {config}: {bare_rate / figures['steady_rate']:.2f}x the time of the bare spaCy "
            f"pass after start-up ({figures['seconds'] / bare:.2f}x with it)"
        )
    if "local:1" in by_config:
        one = by_config["local:1"]
        steady = one["seconds"] - one["warm"][0]
        print(
            f"  local:1: {steady / one['steady_bare_seconds']:.2f}x the time of a bare spaCy "
            f"pass over each of its batches after the first, run in turn in its own process "
            f"(the load-fair ratio)"
        )
        for config in ("local:2", "dask:2"):
            if config in by_config:
                other = by_config[config]
                print(
                    f"  {config}: {other['steady_rate'] / one['steady_rate']:.2f}x the "
                    f"articles/s of local:1 after start-up "
                    f"({one['seconds'] / other['seconds']:.2f}x with it)"
                )


def extrapolate(results: list[dict], work: Path) -> None:
    """From the cluster run: worker-seconds and Parquet bytes per article, scaled up."""
    cluster = next((f for f in results if f["config"].startswith("dask")), None)
    if cluster is None:
        return
    workers = int(cluster["config"].split(":")[1])
    per_article = workers / cluster["steady_rate"]  # worker-seconds, start-up left out
    parquet = cluster["parquet_bytes"] / cluster["articles"]
    events = cluster["events_stored"] / max(cluster["coded"], 1)
    db = work / "local-1.duckdb"
    query_db = db if db.exists() else work / f"dask-{workers}.duckdb"
    query, rows = query_seconds(query_db, 2_000_000)
    print(
        f"estimate: {per_article:.3f} worker-seconds, {parquet / 1024:.1f} KB of Parquet and "
        f"{events:.2f} events per article; monthly dyad series {query * 1000:.0f} ms "
        f"over {rows:,} events"
    )
    for articles in SCALES:
        work_seconds = articles * per_article
        scaled_query = query * articles * events / rows  # a full scan grows with the rows
        print(
            f"  {articles:,} articles: {work_seconds / 3600:,.0f} worker-hours "
            f"({work_seconds / DAY / 24:,.1f} days on 24 such workers, "
            f"{work_seconds / DAY:,.0f} workers for one day); Parquet "
            f"{articles * parquet / 1e9:,.1f} GB; monthly dyad series about "
            f"{scaled_query:,.1f} s over {articles * events:,.0f} events"
        )


if __name__ == "__main__":
    sys.exit(main())
