"""PLOVER JSON export: a store in, one PLOVER event record a line (JSONL) out.

Field names follow the PLOVER manual's "JSON Data Fields" chapter (draft 0.7/0.8): `id`,
`has_event`, `date`, `source` and `recipient` (lists of actor objects: `code` = country,
`sector`, `actor_text`, `identifier_id`, `identifier_text`), `event` (list of categories),
`mode`, `context`, `event_loc` (GeoNames-style: `name`, `geonameid`, `latitude`,
`longitude`, `country_code` ISO2, `cc3` ISO3, plus tacitus's `feature`, `admin1`,
`found_by`), `event_text`, `quad_code`, `event_scale` (Goldstein),
`text_info` (`sequence`, `start`, `end`), `cite_info` (`url`, `title`, `publication`,
`language`, `coder`, `codebook`), `coder`, `coded_date`, `coded_time`. The manual invites
providers' own fields; tacitus adds `cameo`, `modality`, `negated`, `confidence`,
`article_id` and GDELT-style `num_mentions`, `num_articles`, `num_sources`.

One record per event group; events with no PLOVER category (CAMEO 01 and 02, which PLOVER
drops) are left out, and so are events that did not happen unless asked for.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from tacitus.about import __version__
from tacitus.export.codes import Country, load_countries
from tacitus.export.lines import write_lines
from tacitus.store.queries import reader

CODEBOOK = "plover-0.8 via CAMEO2PLOVER-2021"
_QUERY = """
    SELECT e.*, a.title, a.outlet
    FROM event_groups e JOIN articles a ON a.id = e.article_id
    WHERE plover IS NOT NULL {where}
    ORDER BY gid
"""


def _actor(prefix: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    if not (row[f"{prefix}_code"] or row[f"{prefix}_text"]):
        return []
    sectors = row[f"{prefix}_sectors"] or []
    actor = {
        "code": row[f"{prefix}_country"] or row[f"{prefix}_code"],
        "sector": sectors[0] if len(sectors) == 1 else (list(sectors) or None),
        "actor_text": row[f"{prefix}_text"],
        "identifier_id": row[f"{prefix}_kb_id"],
        "identifier_text": row[f"{prefix}_name"],
        "actor_code": row[f"{prefix}_code"],
    }
    return [{k: v for k, v in actor.items() if v not in (None, [], "")}]


def _location(row: dict[str, Any], countries: dict[str, Country]) -> dict[str, Any] | None:
    if not (row["location_name"] or row["location_country"]):
        return None
    known = countries.get((row["location_country"] or "").upper())
    loc = {
        "name": row["location_name"],
        "geonameid": row.get("location_geonames_id"),
        "feature": row.get("location_feature"),
        "admin1": row.get("location_adm1"),
        "found_by": row.get("location_found_by"),
        "latitude": row["location_lat"],
        "longitude": row["location_lon"],
        "country_code": known.iso2 if known else None,
        "cc3": row["location_country"],
    }
    return {k: v for k, v in loc.items() if v is not None}


def plover_record(row: dict[str, Any], countries: dict[str, Country]) -> dict[str, Any]:
    """One event-group row (from the store) as a PLOVER JSON record."""
    coded = row["coded_at"]
    record: dict[str, Any] = {
        "id": f"tacitus-{row['gid']}",
        "has_event": True,
        "date": row["date"].isoformat() if row["date"] else None,
        "source": _actor("source", row),
        "recipient": _actor("target", row),
        "event": [row["plover"]],
        "mode": row["plover_mode"],
        "context": row["plover_context"],
        "event_loc": _location(row, countries),
        "event_text": [row["trigger_text"]] if row["trigger_text"] else [],
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "text_info": {"sequence": row["sentence"], "start": row["trigger_start"],
                      "end": row["trigger_end"]},
        "cite_info": {
            "url": row["article_url"], "title": row["title"], "publication": row["outlet"],
            "language": "en", "coder": f"tacitus {__version__}", "codebook": CODEBOOK,
        },
        "coder": f"tacitus {__version__}",
        "coded_date": coded.date().isoformat() if coded else None,
        "coded_time": coded.strftime("%H:%M:%SZ") if coded else None,
        "cameo": row["cameo"],
        "modality": row["modality"],
        "negated": bool(row["negated"]),
        "confidence": row["confidence"],
        "article_id": row["article_id"],
        "num_mentions": int(row["num_mentions"]),
        "num_articles": int(row["num_articles"]),
        "num_sources": int(row["num_sources"]),
    }
    return {k: v for k, v in record.items() if v is not None}


def plover_records(db: str | os.PathLike[str], *, happened_only: bool = True,
                   chunk: int = 10_000) -> Iterator[dict[str, Any]]:
    """Yield the PLOVER records of a store, oldest event group first."""
    countries = load_countries()
    query = _QUERY.format(where="AND happened" if happened_only else "")
    with reader(db) as con:
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(chunk):
            for values in batch:
                yield plover_record(dict(zip(names, values, strict=True)), countries)


def write_plover(db: str | os.PathLike[str], out: str | os.PathLike[str], *,
                 happened_only: bool = True) -> int:
    """Write the store's PLOVER records to `out` as JSON Lines; returns records written."""
    records = plover_records(db, happened_only=happened_only)
    return write_lines(out, (json.dumps(r, ensure_ascii=False) for r in records))
