"""The CAMEO codebook and its PLOVER mapping, read from data/cameo.csv (see its header)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Cameo, Plover
from ..resources import cached, data_path, parse_csv

CODEBOOK = "cameo.csv"  # under data/

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()


@dataclass(frozen=True)
class CameoCode:
    """One codebook row: a CAMEO code with its Goldstein score, QuadClass and PLOVER type."""

    code: str
    description: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    def cameo(self) -> Cameo:
        return Cameo(self.code, self.code[:2], self.goldstein, self.quad_class)

    def plover(self) -> Plover | None:
        return Plover(self.plover_type, self.plover_mode) if self.plover_type else None


class Codebook:
    """Look up CAMEO codes; user event types (see patterns.py) extend it with new codes."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = dict(codes)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def with_codes(self, extra: list[CameoCode]) -> Codebook:
        return Codebook({**self.codes, **{c.code: c for c in extra}})


def codebook_entry(row: Mapping[str, Any]) -> CameoCode:
    """A codebook row (a CSV row, or a code a user's pattern file defines) as a code;
    ``KeyError``/``ValueError`` for a row without the columns or with bad numbers."""
    return CameoCode(
        code=str(row["code"]).strip(),
        description=str(row.get("description") or "").strip(),
        goldstein=float(row["goldstein"]),
        quad_class=int(row["quad_class"]),
        plover_type=str(row.get("plover_type") or "").strip().upper() or None,
        plover_mode=str(row.get("plover_mode") or "").strip() or None,
    )


def shipped_codebook() -> Codebook:
    return cached(data_path(CODEBOOK), "codebook", _codebook)


def _codebook(text: str) -> Codebook:
    rows = parse_csv(text, data_path(CODEBOOK))
    return Codebook({c.code: c for c in map(codebook_entry, rows)})
