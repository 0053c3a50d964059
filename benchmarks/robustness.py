"""Robustness: bad inputs, faults and attacks tried the way a new (or hostile) user would.

    .venv/bin/python benchmarks/robustness.py [--only WORD] [--verbose]

Every probe goes through the ``dateline`` command line only (in this process through
click's runner; the memory probes in a child process whose address space is capped
at 4 GB, its peak RSS read by ``wait4``), so the same script measures any version:

    PYTHONPATH=/work/main/src /work/main/.venv/bin/python benchmarks/robustness.py

A probe "behaves well" when the run ends with a clear, short message naming the bad
input, a bounded peak memory and no file touched outside the database; it counts
"lost documents": intact inputs (or intact records of a damaged container) that
end up neither stored nor named. Prints probes tried / behaved well, the failing
probes, peak RSS (this process and the largest child) and lost documents.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.cli import main

STORY = (
    "NAIROBI, May 3, 2019 (AFP) – Kenya’s President William Ruto met Ethiopian Prime "
    "Minister Abiy Ahmed in Nairobi on Friday to discuss the border.\n\n"
    "Kenyan police arrested two suspected smugglers in Mombasa on Thursday.\n"
)
CAP = 1_000_000  # max_bytes for the probes
BOMB_CHARS = 100_000_000  # one line, 100 times the cap
CHILD_ADDRESS_SPACE = 4 * 2**30
CHILD_RSS_GROWTH = 50 * 2**20  # a child reading a bomb stays within this of one reading
# a small story (the bomb is 100 MB of text: read whole, it costs several times that)
# expat stops an entity bomb at its amplification limit, after ~100 MB of parser work;
# expanded, this one would be 3 GB
ENTITY_ALLOWANCE = 400 * 2**20
MAX_MESSAGE = 1000  # a readable error line
SLOW_SECONDS = 12  # a drip-feeding server's body takes this long


@dataclass
class Outcome:
    ok: bool
    note: str = ""
    lost: int = 0


@dataclass
class Child:
    code: int
    stdout: str
    stderr: str
    rss: int  # bytes


class Lab:
    """A temporary folder, a local HTTP server and the ways of running the CLI."""

    def __init__(self, root: Path, server: str, requests: list[str]):
        self.root = root
        self.server = server
        self.requests = requests
        self.config = self.write("dateline.toml", f"max_bytes = {CAP}\nfetch_timeout = 2.0\n")
        self.child_rss = 0
        self._db: Path | None = None
        self._baselines: dict[str, int] = {}

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def cli(self, *args: str, stdin: bytes | None = None):
        return CliRunner().invoke(main, list(args), input=stdin)

    def code(self, *paths: Path | str, db: Path | None = None, extra=()):
        db = db or self.fresh_db()
        args = ["code", *map(str, paths), "--db", str(db), "--config", str(self.config)]
        return self.cli(*args, *extra), db

    def clean(self, *paths: Path | str):
        return self.cli("clean", *map(str, paths), "--config", str(self.config))

    def fresh_db(self) -> Path:
        path = Path(tempfile.mkdtemp(dir=self.root)) / "events.duckdb"
        return path

    def filled_db(self) -> Path:
        """One coded story, shared by the query probes."""
        if self._db is None:
            self._db = self.code(self.write("filled/story.txt", STORY))[1]
        return self._db

    def bounded_rss(self, command: str) -> int:
        """The peak RSS a child running ``command`` on a small story may reach."""
        if command not in self._baselines:
            story = self.write(f"baseline/{command}.txt", STORY)
            extra = ["--db", str(self.fresh_db())] if command == "code" else []
            baseline = self.child(command, str(story), "--config", str(self.config), *extra)
            self._baselines[command] = baseline.rss
        return self._baselines[command] + CHILD_RSS_GROWTH

    def child(self, *args: str) -> Child:
        """The CLI in a child process, its address space capped; its peak RSS."""
        report = self.root / "child-peak.txt"
        report.unlink(missing_ok=True)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(
                [sys.executable, "-c", CHILD_CODE, str(CHILD_ADDRESS_SPACE), str(report), *args],
                stdout=out,
                stderr=err,
            )
            sampled = _sampled_peak_rss(process)
            out.seek(0)
            err.seek(0)
            stdout, stderr = (
                out.read().decode(errors="replace"),
                err.read().decode(errors="replace"),
            )
        reported = int(report.read_text()) * 1024 if report.exists() else 0
        rss = max(sampled, reported)
        self.child_rss = max(self.child_rss, rss)
        return Child(process.returncode, stdout, stderr, rss)


# The child caps its own address space, runs the CLI and writes its peak RSS (VmHWM,
# in kB) at exit: getrusage would count the pages a fork shares with this process.
CHILD_CODE = """import atexit, resource, sys
limit = int(sys.argv.pop(1))
report = sys.argv.pop(1)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(report, "w") as out:
        out.write(peak)


atexit.register(_report)
from dateline.cli import main
sys.argv = ["dateline", *sys.argv[1:]]
main()
"""


def _sampled_peak_rss(process: subprocess.Popen) -> int:
    """The child's peak RSS in bytes as sampled until it exits (for a child killed before
    it could report its own)."""
    peak = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
        except OSError:
            break
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) * 1024)
        time.sleep(0.02)
    process.wait()
    return peak


def rows(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


def one_line_error(result) -> bool:
    lines = [line for line in result.output.strip().splitlines() if line]
    return result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error:")


def named(result, path) -> bool:
    """The run said which input failed, in short lines, without a traceback."""
    text = result.stderr if hasattr(result, "stderr") else result
    lines = [line for line in text.splitlines() if str(path) in line and "error" in line]
    return (
        bool(lines) and "Traceback" not in text and max(map(len, text.splitlines())) < MAX_MESSAGE
    )


# -- the probes --------------------------------------------------------------------------

PROBES: list[tuple[str, Callable[[Lab], Outcome]]] = []


def probe(name: str):
    def register(function):
        PROBES.append((name, function))
        return function

    return register


def _sql_refused(query: str, *, leak: str | None = None, writes: Path | None = None):
    def run(lab: Lab) -> Outcome:
        before = rows(lab.filled_db(), "SELECT count(*) FROM events")
        result = lab.cli(
            "sql", "--db", str(lab.filled_db()), query.format(root=lab.root, server=lab.server)
        )
        leaked = leak is not None and leak in result.output
        wrote = writes is not None and (lab.root / writes.name).exists()
        same = rows(lab.filled_db(), "SELECT count(*) FROM events") == before
        ok = result.exit_code != 0 and not leaked and not wrote and same
        return Outcome(ok, result.output.strip()[:120])

    return run


SECRET = "secret-line-4242"
SQL_ATTACKS = {
    "sql: EXPLAIN ANALYZE COPY writes a file": (
        "EXPLAIN ANALYZE COPY (SELECT 'x' AS line) TO '{root}/payload.sh' (HEADER false)",
        None,
        Path("payload.sh"),
    ),
    "sql: commented EXPLAIN ANALYZE": (
        "/* a */ EXPLAIN /* b */ ANALYZE COPY (SELECT 1) TO '{root}/payload2.sh'",
        None,
        Path("payload2.sh"),
    ),
    "sql: COPY TO a file": ("COPY events TO '{root}/stolen.csv'", None, Path("stolen.csv")),
    "sql: read_text of another file": (
        "SELECT content FROM read_text('{root}/secret.txt')",
        SECRET,
        None,
    ),
    "sql: read_csv of another file": ("SELECT * FROM read_csv('{root}/secret.txt')", SECRET, None),
    "sql: read_blob of another file": (
        "SELECT content FROM read_blob('{root}/secret.txt')",
        SECRET,
        None,
    ),
    "sql: glob lists the disk": ("SELECT * FROM glob('{root}/*')", "secret.txt", None),
    "sql: read_csv over http": ("SELECT * FROM read_csv('{server}/leak.csv')", None, None),
    "sql: INSTALL an extension": ("INSTALL httpfs", None, None),
    "sql: LOAD an extension": ("LOAD httpfs", None, None),
    "sql: ATTACH another database": (
        "ATTACH '{root}/other.duckdb' AS other",
        None,
        Path("other.duckdb"),
    ),
    "sql: DELETE": ("DELETE FROM events", None, None),
    "sql: DROP TABLE": ("DROP TABLE events", None, None),
    "sql: two statements": ("SELECT 1; DELETE FROM events", None, None),
    "sql: PRAGMA": ("PRAGMA threads = 1", None, None),
    "sql: SET unlocks file access": ("SET enable_external_access = true", None, None),
    "sql: CREATE TABLE AS": ("CREATE TABLE x AS SELECT 1", None, None),
}
for _name, (_query, _leak, _writes) in SQL_ATTACKS.items():
    probe(_name)(_sql_refused(_query, leak=_leak, writes=_writes))


@probe("sql: a normal query and EXPLAIN still work")
def _sql_works(lab: Lab) -> Outcome:
    db = str(lab.filled_db())
    count = lab.cli("sql", "--db", db, "SELECT count(*) AS n FROM documents", "--format", "csv")
    plan = lab.cli("sql", "--db", db, "EXPLAIN SELECT * FROM events")
    return Outcome(count.output.split() == ["n", "1"] and plan.exit_code == 0)


@probe("sql: the server saw no request from DuckDB")
def _no_request(lab: Lab) -> Outcome:
    return Outcome(not any("leak" in r for r in lab.requests), ", ".join(lab.requests))


@probe("sql: a syntax error is one line")
def _sql_syntax(lab: Lab) -> Outcome:
    return Outcome(one_line_error(lab.cli("sql", "--db", str(lab.filled_db()), "SELEC 1")))


# -- bounded reading ---------------------------------------------------------------------


def _bomb(lab: Lab, name: str, opener, before: bytes, after: bytes) -> Path:
    path = lab.root / name
    with opener(path, "wb") as out:
        out.write(before)
        for _ in range(BOMB_CHARS // 10_000_000):
            out.write(b"a" * 10_000_000)
        out.write(after)
    return path


def _bounded(lab: Lab, path: Path, *, command: str = "clean") -> Outcome:
    args = [command, str(path), "--config", str(lab.config)]
    db = lab.fresh_db()
    if command == "code":
        args += ["--db", str(db)]
    child = lab.child(*args)
    bound = lab.bounded_rss(command)
    ok = child.code in (0, 1) and child.rss < bound and named(child.stderr, path)
    if ok and command == "code":
        longest = rows(db, "SELECT max(length(reason)) FROM errors")[0][0] or 0
        ok = longest < MAX_MESSAGE
    note = f"exit {child.code}, {child.rss / 2**20:.0f} MB (bound {bound / 2**20:.0f} MB)"
    return Outcome(ok, f"{note}, {child.stderr[-160:]!r}")


RECORD = json.dumps({"text": STORY}).encode()


@probe("bounded: .csv.gz holding one 100 MB line (code, errors table)")
def _csv_bomb(lab: Lab) -> Outcome:
    path = _bomb(lab, "bomb.csv.gz", gzip.open, b'text\n"', b'"\n')
    return _bounded(lab, path, command="code")


@probe("bounded: .jsonl.gz holding one 100 MB line")
def _jsonl_bomb(lab: Lab) -> Outcome:
    return _bounded(lab, _bomb(lab, "bomb.jsonl.gz", gzip.open, b'{"text": "', b'"}\n'))


@probe("bounded: plain .jsonl with one 100 MB line")
def _plain_jsonl_bomb(lab: Lab) -> Outcome:
    return _bounded(lab, _bomb(lab, "long.jsonl", open, b'{"text": "', b'"}\n'))


@probe("bounded: .txt.gz expanding to 100 MB")
def _text_bomb(lab: Lab) -> Outcome:
    return _bounded(lab, _bomb(lab, "bomb.txt.gz", gzip.open, b"", b""))


@probe("bounded: .jsonl.bz2 holding one 100 MB line")
def _bz2_bomb(lab: Lab) -> Outcome:
    return _bounded(lab, _bomb(lab, "bomb.jsonl.bz2", bz2.open, b'{"text": "', b'"}\n'))


@probe("bounded: a CSV with a 5 MB header prints a short error")
def _wide_header(lab: Lab) -> Outcome:
    header = ",".join(f"column{n}" for n in range(450_000))
    path = lab.write("wide.csv", f"{header}\nx\n")
    result = lab.clean(path)
    return Outcome(named(result, path), f"longest line {max(map(len, result.stderr.splitlines()))}")


@probe("bounded: a text file over the cap")
def _big_text(lab: Lab) -> Outcome:
    path = lab.write("big.txt", "word " * (CAP // 4))
    return Outcome(named(lab.clean(path), path))


@probe("bounded: standard input over the cap")
def _big_stdin(lab: Lab) -> Outcome:
    result = lab.cli("clean", "-", "--config", str(lab.config), stdin=b"word " * (CAP // 4))
    return Outcome(named(result, "-"))


@probe("bounded: one JSONL record over the cap fails alone")
def _record_over_cap(lab: Lab) -> Outcome:
    big = json.dumps({"text": "word " * (CAP // 4)}).encode()
    path = lab.write(
        "mixed.jsonl", RECORD + b"\n" + big + b"\n" + RECORD.replace(b"two", b"three") + b"\n"
    )
    result, db = lab.code(path)
    stored = rows(db, "SELECT count(*) FROM documents")[0][0]
    return Outcome(named(result, f"{path}#2") and stored == 2, lost=2 - stored)


# -- fetching ----------------------------------------------------------------------------


@probe("fetch: a server sending a byte every 0.2 s (fetch_timeout 2 s)")
def _drip(lab: Lab) -> Outcome:
    started = time.monotonic()
    result = lab.clean(f"{lab.server}/drip")
    took = time.monotonic() - started
    return Outcome(took < 6 and named(result, "/drip"), f"{took:.1f} s")


@probe("fetch: a redirect to ftp:// is not followed")
def _ftp(lab: Lab) -> Outcome:
    result = lab.clean(f"{lab.server}/to-ftp")
    return Outcome(named(result, "/to-ftp") and "redirect" in result.stderr, result.stderr[:160])


@probe("fetch: HTTP 404")
def _not_found(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean(f"{lab.server}/missing"), "/missing"))


@probe("fetch: a Content-Length over the cap")
def _long_header(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean(f"{lab.server}/claims-huge"), "/claims-huge"))


@probe("fetch: a body over the cap without Content-Length")
def _long_body(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean(f"{lab.server}/huge"), "/huge"))


@probe("fetch: a gzip body expanding over the cap")
def _gzip_body(lab: Lab) -> Outcome:
    result = lab.clean(f"{lab.server}/bomb.txt.gz")
    return Outcome(named(result, "/bomb.txt.gz"), result.stderr[:160])


@probe("fetch: a redirect loop")
def _loop(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean(f"{lab.server}/loop"), "/loop"))


@probe("fetch: nothing listens on the port")
def _refused(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean("http://127.0.0.1:9/story"), "127.0.0.1:9"))


# -- decoding ----------------------------------------------------------------------------


def _cleaned(lab: Lab, path: Path) -> list[dict]:
    result = lab.clean(path)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@probe("decode: UTF-8 with two bad bytes keeps UTF-8 and its dateline")
def _damaged_utf8(lab: Lab) -> Outcome:
    path = lab.write("damaged.txt", STORY.encode() + b"\nIt was \xff\xfe agreed.\n")
    page = _cleaned(lab, path)
    text = page[0]["text"] if page else ""
    ok = "Kenya’s" in text and "â€" not in text and page[0]["published"] == "2019-05-03"
    return Outcome(ok, str(page[0]["published"]) if page else "not read", lost=0 if page else 1)


def _decoded(name: str, data: bytes, expected: str):
    def run(lab: Lab) -> Outcome:
        page = _cleaned(lab, lab.write(name, data))
        return Outcome(bool(page) and expected in page[0]["text"], lost=0 if page else 1)

    return run


LEGACY = "MÜNCHEN (dpa) - Die Regierung kündigte am Montag Gespräche über Zölle an. " * 4
probe("decode: UTF-16 with a BOM")(_decoded("utf16.txt", STORY.encode("utf-16"), "Kenya’s"))
probe("decode: UTF-16 CSV export with a BOM")(
    _decoded("utf16.csv", f'text\n"{STORY}"\n'.encode("utf-16"), "Kenya’s")
)
probe("decode: UTF-32 with a BOM")(_decoded("utf32.txt", STORY.encode("utf-32"), "Kenya’s"))
probe("decode: a cp1252 file")(_decoded("legacy.txt", LEGACY.encode("cp1252"), "kündigte"))


@probe("decode: NUL bytes in a text file")
def _nul(lab: Lab) -> Outcome:
    path = lab.write("nul.txt", STORY.encode().replace(b" ", b"\x00"))
    result = lab.clean(path)
    return Outcome(result.exit_code in (0, 1) and "Traceback" not in result.output)


# -- archives ----------------------------------------------------------------------------


def _warc(records: int, *, compressed: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    for number in range(records):
        body = f"<html><body><p>{STORY}</p><p>Report number {number}.</p>{'<p>More.</p>' * 40}"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"http://news.example/{number}",
                "response",
                payload=io.BytesIO(f"{body}</body></html>".encode()),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


def _cut_archive(lab: Lab, name: str, records: int, *, compressed: bool) -> Outcome:
    data = _warc(records, compressed=compressed)
    path = lab.write(name, data[: len(data) - 300])
    result = lab.clean(path)
    read = len([line for line in result.stdout.splitlines() if line.startswith("{")])
    intact = records - 1
    ok = read == intact and named(result, path)
    return Outcome(ok, f"{read} of {intact} intact records read", lost=max(intact - read, 0))


@probe("warc: a .warc.gz of 29 records cut inside the last")
def _cut_big(lab: Lab) -> Outcome:
    return _cut_archive(lab, "cut29.warc.gz", 29, compressed=True)


@probe("warc: a .warc.gz of 2 records cut inside the last")
def _cut_small(lab: Lab) -> Outcome:
    return _cut_archive(lab, "cut2.warc.gz", 2, compressed=True)


@probe("warc: a plain .warc cut inside the last record")
def _cut_plain(lab: Lab) -> Outcome:
    return _cut_archive(lab, "cut3.warc", 3, compressed=False)


@probe("warc: no HTML record")
def _no_html(lab: Lab) -> Outcome:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record("urn:x", "resource", payload=io.BytesIO(b"x")))
    path = lab.write("nohtml.warc.gz", buffer.getvalue())
    return Outcome(named(lab.clean(path), path))


# -- the smaller items and the areas found sound -----------------------------------------


@probe("cli: --recode --format jsonl with PATHS prints each event once")
def _recode_twice(lab: Lab) -> Outcome:
    story = lab.write("recode/story.txt", STORY)
    first, db = lab.code(story, extra=["--format", "jsonl"])
    again, _ = lab.code(story, db=db, extra=["--recode", "--format", "jsonl"])
    ids = [json.loads(line)["id"] for line in again.stdout.splitlines() if line.startswith("{")]
    return Outcome(
        bool(ids) and len(ids) == len(set(ids)), f"{len(ids)} printed, {len(set(ids))} ids"
    )


@probe("feed: <rss> after a long comment is read as a feed")
def _feed_comment(lab: Lab) -> Outcome:
    comment = "<!-- " + "licence text " * 400 + "-->"
    items = "".join(
        f"<item><title>Item {n}</title><description>{STORY}</description></item>" for n in range(3)
    )
    path = lab.write("wire", f"<?xml version='1.0'?>{comment}<rss><channel>{items}</channel></rss>")
    found = _cleaned(lab, path)
    return Outcome(len(found) == 3, f"{len(found)} documents")


def _no_events(option: str, value: str):
    def run(lab: Lab) -> Outcome:
        args = ["events", "--db", str(lab.filled_db()), option, value, "--format", "jsonl"]
        result = lab.cli(*args)
        return Outcome(result.exit_code == 0 and not result.stdout.strip(), result.stdout[:80])

    return run


probe("query: --place % is not a wildcard")(_no_events("--place", "%"))
probe("query: --source _ is not a wildcard")(_no_events("--source", "_"))
probe("query: --source with SQL in it")(_no_events("--source", "x' OR 1=1 --"))


@probe("query: --min-confidence nan is refused")
def _nan(lab: Lab) -> Outcome:
    result = lab.cli("events", "--db", str(lab.filled_db()), "--min-confidence", "nan")
    return Outcome(one_line_error(result) or result.exit_code == 2, result.output[:120])


@probe("store: one file by relative and absolute path is stored once")
def _two_paths(lab: Lab) -> Outcome:
    story = lab.write("paths/story.txt", STORY)
    here = os.getcwd()
    os.chdir(story.parent)
    try:
        _, db = lab.code("story.txt", story)
    finally:
        os.chdir(here)
    stored = rows(db, "SELECT count(*) FROM documents")[0][0]
    return Outcome(stored == 1, f"{stored} documents")


@probe("query: a series with no rows prints a table")
def _empty_series(lab: Lab) -> Outcome:
    result = lab.cli("series", "--db", str(lab.filled_db()), "--source", "XXX")
    return Outcome(result.exit_code == 0 and "Empty DataFrame" not in result.output)


@probe("store: coding the same file twice stores it once")
def _idempotent(lab: Lab) -> Outcome:
    story = lab.write("twice/story.txt", STORY)
    _, db = lab.code(story)
    again, _ = lab.code(story, db=db)
    counts = rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)")
    return Outcome("already stored" in again.stderr and counts[0][0] == 1, str(counts))


@probe("store: a database locked by another process gives one line")
def _locked(lab: Lab) -> Outcome:
    db = lab.fresh_db()
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print(1, flush=True); "
            "time.sleep(20)",
        ],
        stdout=subprocess.PIPE,
    )
    holder.stdout.readline()
    try:
        result, _ = lab.code(lab.write("locked/story.txt", STORY), db=db)
    finally:
        holder.kill()
        holder.wait()
    return Outcome(one_line_error(result), result.output[:120])


def _feed(description: str) -> str:
    return f"<rss><channel><item><description>{description}</description></item></channel></rss>"


@probe("feed: an XML entity expansion bomb")
def _laughs(lab: Lab) -> Outcome:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)
    )
    path = lab.write(
        "laughs.rss",
        f"<?xml version='1.0'?><!DOCTYPE r [{entities}]>{_feed('&j;')}",
    )
    result = lab.child("clean", str(path), "--config", str(lab.config))
    bound = lab.bounded_rss("clean") + ENTITY_ALLOWANCE
    ok = result.code in (0, 1) and result.rss < bound
    return Outcome(ok, f"{result.rss / 2**20:.0f} MB (bound {bound / 2**20:.0f} MB)")


@probe("feed: an external entity naming a local file")
def _xxe(lab: Lab) -> Outcome:
    secret = lab.root / "secret.txt"
    path = lab.write(
        "xxe.rss",
        f"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file://{secret}'>]>"
        + _feed(f"{STORY} &x;"),
    )
    return Outcome(SECRET not in lab.clean(path).output)


def _named_file(name: str, data: bytes | str):
    def run(lab: Lab) -> Outcome:
        path = lab.write(name, data)
        return Outcome(named(lab.clean(path), path))

    return run


# bad files that must each give one short error naming them
BAD_FILES = {
    "input: an empty file": ("empty.txt", b""),
    "input: a CSV header without records": ("header.csv", "text,title\n"),
    "input: a corrupt gzip file": ("corrupt.txt.gz", b"\x1f\x8b\x08\x00" + os.urandom(500)),
    "decode: a binary file is refused": ("image.txt", bytes(range(256)) * 16),
    "warc: garbage after a WARC/1.0 line": (
        "garbage.warc",
        b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + os.urandom(3000),
    ),
}
for _name, (_file, _data) in BAD_FILES.items():
    probe(_name)(_named_file(_file, _data))


@probe("input: a missing path")
def _missing(lab: Lab) -> Outcome:
    return Outcome(named(lab.clean(lab.root / "nowhere.txt"), "nowhere.txt"))


@probe("input: a malformed JSONL line fails alone")
def _bad_line(lab: Lab) -> Outcome:
    path = lab.write(
        "bad.jsonl", RECORD + b"\n{not json\n" + RECORD.replace(b"two", b"six") + b"\n"
    )
    found = _cleaned(lab, path)
    return Outcome(len(found) == 2 and named(lab.clean(path), f"{path}#2"), lost=2 - len(found))


@probe("input: a CSV row with the wrong field count fails alone")
def _bad_row(lab: Lab) -> Outcome:
    path = lab.write("bad.csv", f'text,title\n"{STORY}",a\n"x",b,c\n"{STORY} Again.",d\n')
    found = _cleaned(lab, path)
    return Outcome(len(found) == 2, f"{len(found)} rows", lost=2 - len(found))


@probe("input: a .jsonl.gz cut in the middle keeps the records before")
def _cut_jsonl(lab: Lab) -> Outcome:
    records = b"".join(
        json.dumps({"text": f"{STORY} Report {n}."}).encode() + b"\n" for n in range(100)
    )
    packed = gzip.compress(records)
    cut = packed[: len(packed) // 2]
    intact = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    path = lab.write("cut.jsonl.gz", cut)
    result = lab.clean(path)
    found = len([line for line in result.stdout.splitlines() if line.startswith("{")])
    ok = found == intact and named(result, path)
    return Outcome(ok, f"{found} of {intact} intact records", lost=max(intact - found, 0))


@probe("input: a batch goes on after a bad input")
def _batch(lab: Lab) -> Outcome:
    bad = lab.write("batch/bad.txt", bytes(range(256)) * 8)
    good = lab.write("batch/good.txt", STORY)
    result, db = lab.code(bad, good)
    stored = rows(db, "SELECT count(*) FROM documents")[0][0]
    return Outcome(named(result, bad) and stored == 1, lost=1 - stored)


BEFORE = "the issue's probe of main: 41 of 60; run this script on main to compare"


# -- the run -----------------------------------------------------------------------------


class _Server(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        self.requests.append(self.path)
        if self.path == "/drip":
            self._start("text/plain")
            for _ in range(int(SLOW_SECONDS / 0.2)):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1:2121/story.txt")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/claims-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(CAP * 10))
            self.end_headers()
        elif self.path == "/huge":
            self._start("text/plain")
            self.wfile.write(b"word " * CAP)
        elif self.path == "/bomb.txt.gz":
            self._start("application/gzip")
            self.wfile.write(gzip.compress(b"word " * CAP))
        else:
            self.send_error(404)

    def _start(self, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def log_message(self, *args):
        """Quiet."""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that stopped reading (over the cap, past its deadline) is expected:
        no traceback on the standard error the probes read."""


def main_(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="Run only the probes whose name contains this.")
    parser.add_argument("--verbose", action="store_true", help="Print every probe's note.")
    args = parser.parse_args(argv)
    httpd = _QuietServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    chosen = [(n, f) for n, f in PROBES if not args.only or args.only in n]
    with tempfile.TemporaryDirectory() as folder:
        lab = Lab(Path(folder), f"http://127.0.0.1:{httpd.server_address[1]}", _Server.requests)
        lab.write("secret.txt", f"name,value\n{SECRET},1\n")
        failed, lost = [], 0
        started = time.monotonic()
        for name, function in chosen:
            try:
                outcome = function(lab)
            except Exception as exc:  # a probe that crashes the tool (or itself) fails
                outcome = Outcome(
                    False, f"{type(exc).__name__}: {exc} {traceback.format_exc(limit=2)[-200:]}"
                )
            lost += outcome.lost
            if not outcome.ok:
                failed.append((name, outcome.note))
            if args.verbose:
                print(f"{'ok  ' if outcome.ok else 'FAIL'} {name}: {outcome.note}")
        took = time.monotonic() - started
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = lab.child_rss / 2**20
    httpd.shutdown()
    well = len(chosen) - len(failed)
    print(f"probes tried: {len(chosen)}, behaved well: {well} ({BEFORE})")
    for name, note in failed:
        print(f"  failed: {name}: {note[:200]}")
    print(f"peak RSS: this process {self_rss:.0f} MB, largest child {child_rss:.0f} MB")
    print(f"lost documents: {lost}")
    print(f"time: {took:.0f} s (load-sensitive)")


if __name__ == "__main__":
    main_()
