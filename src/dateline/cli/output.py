"""Writers for event records: JSON Lines, CSV (the record's flat columns,
``dateline.record.flatten``) and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..model import FACTUAL_MODALITIES
from ..record import flatten

FORMATS = ("table", "jsonl", "csv")
TABLE_MODALITIES = FACTUAL_MODALITIES  # a default table hides the rest; exports keep all


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    """Write ``records`` to ``out``; returns how many were written."""
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "table": _write_table}[fmt]
    return writer(list(records), out)


def _write_jsonl(records: list[dict[str, Any]], out: IO[str]) -> int:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def _write_csv(records: list[dict[str, Any]], out: IO[str]) -> int:
    rows = [flatten(r) for r in records]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


TABLE_COLUMNS = ("date", "source", "event", "target", "place", "modality")


@dataclass(frozen=True)
class TableView:
    """The records a default table shows (asserted and reported), and how many it hides."""

    shown: list[dict[str, Any]]
    hidden: int


def table_view(records: list[dict[str, Any]]) -> TableView:
    shown = [r for r in records if r["modality"] in TABLE_MODALITIES]
    return TableView(shown, len(records) - len(shown))


def write_table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], out: IO[str], *, max_cell: int = 0
) -> None:
    """Left-aligned columns two spaces apart; with ``max_cell``, longer cells are cut."""
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    if max_cell:
        widths = [min(w, max_cell) for w in widths]
    for line in [columns, *rows]:
        cells = [cell[:w].ljust(w) for cell, w in zip(line, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")


def _write_table(records: list[dict[str, Any]], out: IO[str]) -> int:
    write_table(TABLE_COLUMNS, [_table_row(r) for r in records], out, max_cell=34)
    return len(records)


def _table_row(record: dict[str, Any]) -> tuple[str, ...]:
    plover = record["plover"]["type"] if record["plover"] else "-"
    event = f"{plover}/{record['cameo']['code']}"
    place = record["place"]["name"] if record["place"] else ""
    return (
        record["date"] or "",
        _actor_cell(record["source"]),
        event,
        _actor_cell(record["target"]),
        place,
        record["modality"],
    )


def _actor_cell(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    codes = "/".join(c for c in (actor["country"], actor["sector"]) if c)
    return f"{actor['name']} ({codes})" if codes else actor["name"]
