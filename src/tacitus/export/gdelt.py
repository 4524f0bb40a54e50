"""GDELT 2.0 event and mentions tables: a store in, tab-separated rows out.

Events (61 columns): one row per happening (the reports of one happening in several articles
and outlets are one row, GLOBALEVENTID = the id of its first report, with GDELT's
NumMentions, NumSources and NumArticles), only events that happened (not
negated, not hypothetical; GDELT has no column to say otherwise), in GDELT's column order and
formats (data/gdelt_columns.tsv): dates YYYYMMDD, FractionDate YYYY.FFFF, CAMEO codes as
strings with their leading zeros, CAMEO/ISO3 codes in Actor*CountryCode and FIPS 10-4 codes
in *Geo_CountryCode, DATEADDED YYYYMMDDHHMMSS, no header row, "" for a missing value.

Mentions (16 columns, data/gdelt_mentions_columns.tsv): one row per report of a happening in
an article or a verbatim copy of it, keyed by the happening's GLOBALEVENTID.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

from tacitus.export.codes import Country, gdelt_columns, gdelt_mentions_columns, load_countries
from tacitus.export.lines import write_lines
from tacitus.store.queries import reader

_GROUP_PREFIXES = ("IGO", "NGO", "NGM", "MNC")
_QUERY = """
    SELECT gid, e.date, sentence,
           source_code, source_name, source_text, source_country, source_sectors,
           target_code, target_name, target_text, target_country, target_sectors,
           cameo, quad_class, goldstein, num_mentions, num_sources, num_articles, avg_tone,
           location_name, location_country, location_lat, location_lon,
           location_feature, location_adm1, location_geonames_id,
           source_geo_name, source_geo_country, source_geo_lat, source_geo_lon,
           source_geo_feature, source_geo_adm1, source_geo_geonames_id,
           target_geo_name, target_geo_country, target_geo_lat, target_geo_lon,
           target_geo_feature, target_geo_adm1, target_geo_geonames_id,
           e.coded_at, e.article_url, e.article_id, a.outlet
    FROM event_groups e JOIN articles a ON a.id = e.article_id
    WHERE e.date IS NOT NULL AND cameo IS NOT NULL {where}
    ORDER BY gid
"""


def fraction_date(day: dt.date) -> str:
    """GDELT's FractionDate: the year plus ((month - 1) * 30 + day) / 365, four decimals."""
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def _num(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    if number != number:  # NaN
        return ""
    return repr(round(number, 6))


def _clean(value: Any) -> str:
    """A value as a field: None -> "", tabs and line breaks -> spaces."""
    if value is None:
        return ""
    return " ".join(str(value).split()) if any(c in str(value) for c in "\t\r\n") else str(value)


def actor_fields(code: str | None, name: str | None, text: str | None, country: str | None,
                 sectors: list[str] | None) -> list[str]:
    """The 10 Actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
    Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code."""
    if not code and not name and not text:
        return [""] * 10
    code = (code or "").upper()
    group = ""
    if code.startswith(_GROUP_PREFIXES) and len(code) >= 6:
        group = code[-3:]
    country_code = (country or "").upper()
    if country_code.startswith(_GROUP_PREFIXES):
        country_code = ""
    types = [s.upper() for s in (sectors or []) if s][:3]
    if group and code[:3] not in types:
        types = [code[:3], *types][:3]
    types += [""] * (3 - len(types))
    label = (name or text or "").upper()
    return [code, _clean(label), country_code, group, "", "", "", *types]


def action_geo(name: str | None, country: str | None, lat: Any, lon: Any,
               countries: dict[str, Country], *, feature: str | None = None,
               adm1: str | None = None, geonames_id: Any = None,
               region: str | None = None) -> list[str]:
    """The 8 *Geo columns (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
    FeatureID) from a place: Type 1 country, 2 US state, 3 US city, 4 world city, 5 world
    state; CountryCode FIPS 10-4; ADM1Code FIPS + the GeoNames admin1 code ("UP07", "USKY");
    FeatureID the FIPS code of a country, the ADM1Code of a region, else the GeoNames id.
    `region` is the name of the place's first-level region, for FullName."""
    if not name and not country and lat is None:
        return ["0", "", "", "", "", "", "", ""]
    known = countries.get((country or "").upper())
    fips = known.fips if known else ((country or "") if len(country or "") == 2 else "")
    country_name = known.name if known else (country or "")
    if feature is None:  # a location stored before places had features
        is_country = not name or (known is not None and name.strip().lower() == known.name.lower())
        feature = "country" if is_country else "city"
    if feature == "country" or not name:
        kind = "1" if fips else "0"
        return [kind, _clean(country_name or name), fips, fips, "", _num(lat), _num(lon), fips]
    adm1_code = f"{fips}{adm1}" if fips and adm1 else fips
    us = fips == "US"
    if feature == "adm1":
        full = ", ".join(p for p in (name, country_name) if p)
        kind = "2" if us else "5"
        return [kind, _clean(full), fips, adm1_code, "", _num(lat), _num(lon), adm1_code]
    if feature == "continent":
        return ["0", _clean(name), "", "", "", _num(lat), _num(lon), ""]
    parts = [name] + ([region] if region and region != name else []) + [country_name]
    kind = "3" if us else "4"
    feature_id = str(int(geonames_id)) if geonames_id is not None else ""
    return [kind, _clean(", ".join(p for p in parts if p)), fips, adm1_code, "", _num(lat),
            _num(lon), feature_id]


def _geo(row: dict[str, Any], prefix: str, countries: dict[str, Country],
         regions: Any) -> list[str]:
    """The *Geo columns of a store row's place columns `<prefix>_name`, `_country`, ..."""
    country, adm1, feature = (row.get(f"{prefix}_country"), row.get(f"{prefix}_adm1"),
                              row.get(f"{prefix}_feature"))
    region = None
    if regions is not None and country and adm1 and feature in {"city", "adm2"}:
        record = regions.adm1(country, adm1)
        region = record.name if record else None
    return action_geo(row.get(f"{prefix}_name"), country, row.get(f"{prefix}_lat"),
                      row.get(f"{prefix}_lon"), countries, feature=feature, adm1=adm1,
                      geonames_id=row.get(f"{prefix}_geonames_id"), region=region)


def gdelt_row(row: dict[str, Any], countries: dict[str, Country], regions: Any = None
              ) -> list[str]:
    """One event-group row (from the store) as GDELT's 61 fields; `regions` (a gazetteer,
    optional) names a city's first-level region in the *Geo_FullName columns."""
    day: dt.date = row["date"]
    cameo = str(row["cameo"])
    added: dt.datetime | None = row["coded_at"]
    return [
        str(row["gid"]),
        day.strftime("%Y%m%d"),
        day.strftime("%Y%m"),
        str(day.year),
        fraction_date(day),
        *actor_fields(row["source_code"], row["source_name"], row["source_text"],
                      row["source_country"], row["source_sectors"]),
        *actor_fields(row["target_code"], row["target_name"], row["target_text"],
                      row["target_country"], row["target_sectors"]),
        "1" if row["sentence"] == 0 else "0",
        cameo,
        cameo[:3],
        cameo[:2],
        str(int(row["quad_class"])) if row["quad_class"] is not None else "",
        _num(row["goldstein"]),
        str(int(row["num_mentions"])),
        str(int(row["num_sources"])),
        str(int(row["num_articles"])),
        _num(row["avg_tone"]),
        *_geo(row, "source_geo", countries, regions),
        *_geo(row, "target_geo", countries, regions),
        *_geo(row, "location", countries, regions),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        _clean(row["article_url"] or row["outlet"] or row["article_id"]),
    ]


def gdelt_rows(db: str | os.PathLike[str], *, happened_only: bool = True,
               chunk: int = 10_000) -> Iterator[list[str]]:
    """Yield the GDELT rows of a store, event group by event group (oldest gid first)."""
    from tacitus.geo import open_gazetteer

    countries = load_countries()
    regions = open_gazetteer()
    width = len(gdelt_columns())
    query = _QUERY.format(where="AND happened" if happened_only else "")
    with reader(db) as con:
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(chunk):
            for values in batch:
                fields = gdelt_row(dict(zip(names, values, strict=True)), countries, regions)
                assert len(fields) == width, f"GDELT row of {len(fields)} columns"
                yield fields


def write_gdelt(db: str | os.PathLike[str], out: str | os.PathLike[str], *,
                happened_only: bool = True) -> int:
    """Write the store's GDELT 2.0 event table to `out` (UTF-8, \\n line ends); returns rows."""
    rows = gdelt_rows(db, happened_only=happened_only)
    return write_lines(out, ("\t".join(fields) for fields in rows))


_MENTIONS_QUERY = """
    WITH docs AS (
        SELECT a.id AS article_id, a.id AS doc, a.url, a.outlet, a.coded_at AS seen, a.chars,
               a.tone
        FROM articles a
        UNION ALL
        SELECT a.id, c.id, c.url, c.outlet, c.seen_at, a.chars, a.tone
        FROM copies c JOIN articles a ON a.text_hash = c.text_hash
    )
    SELECT e.group_id, ha.coded_at AS event_added, d.seen, d.outlet, d.url, d.doc,
           e.sentence, e.source_start, e.target_start, e.trigger_start, e.confidence,
           d.chars, d.tone, {found_by}
    FROM events e JOIN docs d ON d.article_id = e.article_id
    JOIN events head ON head.gid = e.group_id JOIN articles ha ON ha.id = head.article_id
    WHERE e.cameo IS NOT NULL {where}
    ORDER BY e.group_id, e.gid, d.doc
"""
# How an event's side was found, when the store records it: only sides named by the
# clause's own words ("explicit") are in the raw text (GDELT's InRawText).
_RAW = frozenset({None, "explicit"})


def _stamp(value: dt.datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else ""


def _offset(value: Any) -> str:
    return "-1" if value is None else str(int(value))


def mention_row(row: dict[str, Any]) -> list[str]:
    """One report (from the store) as GDELT's 16 Mentions fields."""
    url = _clean(row["url"])
    confidence = row["confidence"]
    percent = 10 * max(1, min(10, round(float(confidence) * 10))) if confidence is not None else ""
    raw = row.get("source_found_by") in _RAW and row.get("target_found_by") in _RAW
    return [
        str(row["group_id"]),
        _stamp(row["event_added"]),
        _stamp(row["seen"]),
        "1" if url else "2",  # WEB with a URL, else CITATIONONLY: the outlet and document id
        _clean(row["outlet"] or ""),
        url or _clean(row["doc"]),
        str(int(row["sentence"]) + 1) if row["sentence"] is not None else "",
        _offset(row["source_start"]),
        _offset(row["target_start"]),
        _offset(row["trigger_start"]),
        "1" if raw else "0",
        str(percent),
        str(int(row["chars"])) if row["chars"] is not None else "",
        _num(row["tone"]),
        "",
        "",
    ]


def mentions_rows(db: str | os.PathLike[str], *, happened_only: bool = True,
                  chunk: int = 10_000) -> Iterator[list[str]]:
    """Yield the GDELT Mentions rows of a store, happening by happening."""
    width = len(gdelt_mentions_columns())
    with reader(db) as con:
        have = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
        found_by = ", ".join(
            f"e.{c}" if c in have else f"NULL AS {c}"
            for c in ("source_found_by", "target_found_by")
        )
        query = _MENTIONS_QUERY.format(
            where="AND e.happened" if happened_only else "", found_by=found_by)
        cursor = con.execute(query)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(chunk):
            for values in batch:
                fields = mention_row(dict(zip(names, values, strict=True)))
                assert len(fields) == width, f"GDELT mention of {len(fields)} columns"
                yield fields


def write_gdelt_mentions(db: str | os.PathLike[str], out: str | os.PathLike[str], *,
                         happened_only: bool = True) -> int:
    """Write the store's GDELT 2.0 Mentions table to `out`; returns rows."""
    rows = mentions_rows(db, happened_only=happened_only)
    return write_lines(out, ("\t".join(fields) for fields in rows))
