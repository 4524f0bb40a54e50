"""The DuckDB schema of a tacitus store: tables, the event-group view, the schema version.

Tables (one row each):
- `articles`: a stored article (id unique; `text_hash` = normalised-text hash; `minhash` =
  its shingle signature; `group_id` = its near-duplicate group, the id of the group's first
  article); `article_bands`: the signature's LSH band keys, to find near-duplicates by join;
- `copies`: an article skipped because its normalised text was already stored (a verbatim
  wire copy): it is not coded again but counts as one more article and outlet of its events;
- `events`: a coded event (a report of a happening), every field of the Event contract
  flattened; `gid` is a store-wide integer id, `happened` = not negated, not hypothetical,
  `group_id` = the gid of the first event of its happening (store/grouping.py);
- `happenings`: one row per group of events reporting one happening: `id` (= the group_id
  of its events, GDELT's GLOBALEVENTID), the first and last day its reports name, and
  GDELT's counts over its events and their articles' verbatim copies: `events` (coded
  reports), `num_mentions` (reports, copies included), `num_articles` (distinct articles
  and copies), `num_sources` (distinct outlets), `avg_tone` (mean tone of those articles);
  `happening_keys`: the keys a happening is found under when new reports are grouped (kind,
  code family and sides: store/grouping.py), with its days;
- `mentions`: an actor mention; `quotes`: a quotation with its speaker flattened;
- `places`: a place mention of an article resolved to its GeoNames record (the article's
  `places`); an event's `location_*` columns hold its location, `source_geo_*` and
  `target_geo_*` where the text places each side.

Views: `reports` = one row per report of an event in an article or a verbatim copy (GDELT's
Mentions table); `event_groups` = one row per happening: `gid` = its id, the columns of its
most telling report (`happenings.rep_gid`: a named day before a week or month, a point
before a country before no place, named actors, confidence; then the first), the first
report's article (`first_article_id`, `article_url`, `coded_at`: GDELT's SOURCEURL and
DATEADDED) and the happening's counts.

Stores made before schema 2 are brought up to date when opened for writing (new columns
added, their events grouped: writer.py).
"""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = "2"

_GEO = """
    {p}_geonames_id BIGINT, {p}_feature VARCHAR, {p}_adm1 VARCHAR"""
_ACTOR_GEO = """
    {p}_name VARCHAR, {p}_geonames_id BIGINT, {p}_feature VARCHAR, {p}_country VARCHAR,
    {p}_adm1 VARCHAR, {p}_lat DOUBLE, {p}_lon DOUBLE"""
# Columns added after schema 1: (table, column, type), added to older stores on open.
ADDED_COLUMNS = (
    ("events", "location_text", "VARCHAR"), ("events", "location_start", "INTEGER"),
    ("events", "location_end", "INTEGER"), ("events", "location_geonames_id", "BIGINT"),
    ("events", "location_feature", "VARCHAR"), ("events", "location_adm1", "VARCHAR"),
    ("events", "location_found_by", "VARCHAR"),
    *(
        ("events", f"{side}_geo_{column}", kind)
        for side in ("source", "target")
        for column, kind in (
            ("name", "VARCHAR"), ("geonames_id", "BIGINT"), ("feature", "VARCHAR"),
            ("country", "VARCHAR"), ("adm1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        )
    ),
    ("events", "date_precision", "VARCHAR"),
    ("events", "group_id", "BIGINT"),
    # how each event side and mention was found, and the coder stamp an article was coded with
    ("events", "source_found_by", "VARCHAR"), ("events", "target_found_by", "VARCHAR"),
    ("quotes", "speaker_found_by", "VARCHAR"), ("mentions", "found_by", "VARCHAR"),
    ("articles", "coder_version", "VARCHAR"),
    ("happenings", "rep_gid", "BIGINT"),
)
# The tables that hold what coding an article produced (replaced whole by `tacitus recode`).
CODED_TABLES = ("events", "mentions", "quotes", "places")

_ACTOR = """
    {p}_text VARCHAR, {p}_start INTEGER, {p}_end INTEGER, {p}_name VARCHAR, {p}_code VARCHAR,
    {p}_country VARCHAR, {p}_sectors VARCHAR[], {p}_kb_id VARCHAR, {p}_found_by VARCHAR"""

TABLES = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS event_gid START 1;
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, source VARCHAR, outlet VARCHAR,
    published VARCHAR, date DATE, text VARCHAR, chars INTEGER, text_hash VARCHAR,
    minhash BIGINT[], group_id VARCHAR, tone DOUBLE, notes VARCHAR[], coded_at TIMESTAMP,
    batch INTEGER, coder_version VARCHAR
);
CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR, band TINYINT, key BIGINT);
CREATE TABLE IF NOT EXISTS copies (
    id VARCHAR PRIMARY KEY, text_hash VARCHAR, title VARCHAR, url VARCHAR, source VARCHAR,
    outlet VARCHAR, published VARCHAR, seen_at TIMESTAMP, batch INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    gid BIGINT PRIMARY KEY DEFAULT nextval('event_gid'),
    id VARCHAR, article_id VARCHAR, sentence INTEGER, date DATE,
    {_ACTOR.format(p="source")},
    {_ACTOR.format(p="target")},
    cameo VARCHAR, cameo_root VARCHAR, cameo_name VARCHAR, goldstein DOUBLE, quad_class TINYINT,
    plover VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_text VARCHAR, location_start INTEGER, location_end INTEGER,
    {_GEO.format(p="location")}, location_found_by VARCHAR,
    {_ACTOR_GEO.format(p="source_geo")},
    {_ACTOR_GEO.format(p="target_geo")},
    negated BOOLEAN, modality VARCHAR, happened BOOLEAN, confidence DOUBLE, rule VARCHAR,
    tone DOUBLE, quote_id VARCHAR, date_precision VARCHAR, group_id BIGINT
);
CREATE TABLE IF NOT EXISTS happenings (
    id BIGINT, first_date DATE, last_date DATE, events INTEGER,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, avg_tone DOUBLE,
    rep_gid BIGINT
);
CREATE TABLE IF NOT EXISTS happening_keys (id BIGINT, key VARCHAR, first_date DATE,
                                           last_date DATE);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
    name VARCHAR, code VARCHAR, country VARCHAR, sectors VARCHAR[], kb_id VARCHAR,
    antecedent_text VARCHAR, antecedent_start INTEGER, found_by VARCHAR
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER, name VARCHAR,
    geonames_id BIGINT, feature VARCHAR, country VARCHAR, adm1 VARCHAR, lat DOUBLE, lon DOUBLE,
    found_by VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR, article_id VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER,
    direct BOOLEAN, cue VARCHAR, cue_start INTEGER, cue_end INTEGER,
    {_ACTOR.format(p="speaker")}
);
"""

VIEWS = """
CREATE OR REPLACE VIEW reports AS
    SELECT e.gid, e.group_id, e.article_id AS doc, coalesce(a.outlet, e.article_id) AS outlet,
           a.tone AS doc_tone, FALSE AS copy
    FROM events e JOIN articles a ON a.id = e.article_id
    UNION ALL
    SELECT e.gid, e.group_id, c.id AS doc, coalesce(c.outlet, c.id) AS outlet,
           a.tone AS doc_tone, TRUE AS copy
    FROM events e JOIN articles a ON a.id = e.article_id
    JOIN copies c ON c.text_hash = a.text_hash;

CREATE OR REPLACE VIEW event_groups AS
    SELECT h.id AS gid, e.* EXCLUDE (gid), fa.group_id AS article_group,
           fa.url AS article_url, fa.coded_at, first.article_id AS first_article_id,
           h.events AS num_reports, h.num_mentions, h.num_articles, h.num_sources, h.avg_tone,
           h.first_date, h.last_date
    FROM happenings h JOIN events e ON e.gid = coalesce(h.rep_gid, h.id)
    JOIN events first ON first.gid = h.id JOIN articles fa ON fa.id = first.article_id;
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and views a store needs (a no-op on an up-to-date store)."""
    con.execute(TABLES)
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    con.execute(VIEWS)
    con.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
        [SCHEMA_VERSION],
    )


def schema_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The schema version a store was created with, or None if it has no meta table."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None
