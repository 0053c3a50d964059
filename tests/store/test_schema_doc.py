"""docs/schema.md matches the code: its tables, columns, migrations, record fields,
Python calls and their keyword arguments, sort keys and export formats are the live ones."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from dateline.record import RECORD_FIELDS
from dateline.store import MIGRATIONS, SORT_KEYS, Store, open_db
from dateline.use.export import FORMATS

SCHEMA_DOC = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text("utf-8")
MIGRATION_NAME = re.compile(r"`(\d{4}_\w+)`")
# `name(a, b, c)`: a table written with its columns, in order.
TABLE_SIGNATURE = re.compile(r"`(\w+)\(([\w,\s]+)\)`")
# A documented call: `Store.events(source=, …)`, `dateline.use.analysis.series(store, …)`.
CALL = re.compile(r"`((?:dateline\.[\w.]+)|Store\.\w+|open_db)\(([^`]*)\)`")


@pytest.fixture(scope="module")
def live_columns() -> dict[str, list[str]]:
    """Every table and view of a freshly migrated database, with its columns in order."""
    with open_db(":memory:") as store:
        rows = store.rows(
            "SELECT table_name, column_name FROM information_schema.columns "
            "ORDER BY table_name, ordinal_position"
        )
    columns: dict[str, list[str]] = {}
    for row in rows:
        columns.setdefault(row["table_name"], []).append(row["column_name"])
    return columns


def _section(heading: str) -> str:
    """The text under a ``### heading`` line, up to the next heading."""
    start = SCHEMA_DOC.index(f"\n### {heading}\n")
    following = SCHEMA_DOC.find("\n#", start + 1)
    return SCHEMA_DOC[start : following if following > 0 else None]


def _backticked(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def _undescribed(columns: list[str], text: str) -> set[str]:
    """The ``columns`` that ``text`` does not name; ```target_…``` names every column
    starting with ``target_``."""
    named = _backticked(text)
    stems = tuple(name.removesuffix("…") for name in named if name.endswith("…"))
    return {c for c in columns if c not in named and not c.startswith(stems)}


def test_the_tables_table_lists_every_table_and_view(live_columns):
    table = SCHEMA_DOC[SCHEMA_DOC.index("## Tables") : SCHEMA_DOC.index("### documents")]
    documented = {
        re.match(r"\| `(\w+)`", line).group(1)
        for line in table.splitlines()
        if re.match(r"\| `\w+`", line)
    }
    assert documented == set(live_columns)


def test_every_documents_column_is_described(live_columns):
    assert _undescribed(live_columns["documents"], _section("documents")) == set()


def test_tables_written_with_their_columns_have_exactly_those(live_columns):
    signatures = dict(TABLE_SIGNATURE.findall(SCHEMA_DOC))
    signatures = {name: cols for name, cols in signatures.items() if name in live_columns}
    assert {"sentences", "actors", "mentions", "places", "errors", "merged_links"} <= set(
        signatures
    )
    for name, columns in signatures.items():
        assert [c.strip() for c in columns.split(",")] == live_columns[name], name


def test_the_events_section_has_every_record_field_and_every_column(live_columns):
    events = _section("events")
    field_cells = {
        name
        for line in events.splitlines()
        if line.startswith("| `")
        for name in _backticked(line.split("|")[1])
    }
    assert field_cells == set(RECORD_FIELDS)
    assert _undescribed(live_columns["events"], events) == set()


def test_the_merged_events_view_is_events_plus_the_merge_columns(live_columns):
    merging = _section("Cross-document merging: `merged_links` and `merged_events`")
    added = [c for c in live_columns["merged_events"] if c not in live_columns["events"]]
    assert _undescribed(added, merging) == set()


def test_every_migration_named_exists():
    named = set(MIGRATION_NAME.findall(SCHEMA_DOC))
    assert named and named <= {migration.name for migration in MIGRATIONS}


def _resolve(dotted: str):
    if dotted == "open_db":
        return open_db
    if dotted.startswith("Store."):
        return getattr(Store, dotted.removeprefix("Store."))
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_documented_call_exists_with_its_keywords():
    calls = CALL.findall(SCHEMA_DOC)
    assert len(calls) > 10
    for dotted, arguments in calls:
        function = _resolve(dotted)
        parameters = inspect.signature(function).parameters
        keywords = re.findall(r"(\w+)=", arguments)
        missing = [k for k in keywords if k not in parameters]
        assert not missing, f"{dotted} has no argument {missing}"


def test_sort_keys_and_export_formats_are_the_live_ones():
    sorts = re.search(r"`sort` is one of (.*?) \(`-`", SCHEMA_DOC, re.DOTALL).group(1)
    assert _backticked(sorts) == set(SORT_KEYS)
    exports = re.search(r"`dateline export --format ([\w\\|]+) ", SCHEMA_DOC).group(1)
    assert set(exports.split("\\|")) == set(FORMATS)
