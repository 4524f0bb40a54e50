"""Share of exported GDELT events that carry ActionGeo coordinates, on a real corpus.

Usage: .venv/bin/python bench/geo_coverage.py [SOURCES...]
Default sources: the project's examples/ and bench/places_corpus/ (team-written articles).
Ingests them into a temporary store (one process), exports the GDELT event table and counts
rows whose ActionGeo_Lat is filled, with the location's `found_by` mix from the store.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from tacitus.export.codes import gdelt_columns
from tacitus.export.gdelt import gdelt_rows
from tacitus.store.ingest import ingest
from tacitus.store.queries import reader

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*")
    args = parser.parse_args()
    sources = args.sources or [str(ROOT / "examples"), str(ROOT / "bench" / "places_corpus")]
    names = [name for name, _ in gdelt_columns()]
    lat = names.index("ActionGeo_Lat")
    kind = names.index("ActionGeo_Type")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "corpus.duckdb"
        report = ingest(sources, db, default_date="2025-08-20", processes=1)
        rows = list(gdelt_rows(db))
        with reader(db) as con:
            found_by = dict(con.execute(
                "SELECT coalesce(location_found_by, 'none'), count(*) FROM events "
                "WHERE happened GROUP BY 1 ORDER BY 2 DESC").fetchall())
            places = con.execute("SELECT count(*), count(lat) FROM places").fetchone()
    with_point = sum(1 for r in rows if r[lat])
    result = {
        "articles": report.stored,
        "gdelt_rows": len(rows),
        "with_actiongeo_point": with_point,
        "share": round(with_point / len(rows), 3) if rows else 0.0,
        "actiongeo_types": dict(Counter(r[kind] for r in rows)),
        "location_found_by (events that happened)": found_by,
        "places": places[0],
        "places_resolved": places[1],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
