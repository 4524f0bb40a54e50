"""Records flattened to table rows: Article, Event, Actor mention, Place and Quote -> dicts,
and the Arrow schemas they are written with (column names as in schema.py).

The DuckDB writer (writer.py) and the Spark engine's Parquet dataset (tacitus.spark) both build
their rows here, so the two cannot drift apart: `coded_rows(coded)` gives an article's rows for
every table that hangs off it (events, mentions, places, quotes), `article_row`/`copy_row` the
rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from tacitus.model import Actor, Article, CodedArticle, Event, Place, Quote, parse_date

PRECISIONS = frozenset({"day", "week", "month", "year"})
_ACTOR_KEYS = (
    "text", "start", "end", "name", "code", "country", "sectors", "kb_id", "found_by",
)


def _actor_fields(prefix: str) -> list[pa.Field]:
    types = {"start": pa.int32(), "end": pa.int32(), "sectors": pa.list_(pa.string())}
    return [pa.field(f"{prefix}_{k}", types.get(k, pa.string())) for k in _ACTOR_KEYS]


_GEO_KEYS = (("name", pa.string()), ("geonames_id", pa.int64()), ("feature", pa.string()),
             ("country", pa.string()), ("adm1", pa.string()), ("lat", pa.float64()),
             ("lon", pa.float64()))


def _geo_fields(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_{key}", kind) for key, kind in _GEO_KEYS]


ROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", pa.string()), ("title", pa.string()), ("url", pa.string()),
        ("source", pa.string()), ("outlet", pa.string()), ("published", pa.string()),
        ("date", pa.date32()), ("text", pa.string()), ("chars", pa.int32()),
        ("text_hash", pa.string()), ("minhash", pa.list_(pa.int64())),
        ("group_id", pa.string()), ("tone", pa.float64()),
        ("notes", pa.list_(pa.string())), ("coded_at", pa.timestamp("us")),
        ("batch", pa.int32()), ("coder_version", pa.string()),
    ]),
    "article_bands": pa.schema([
        ("article_id", pa.string()), ("band", pa.int8()), ("key", pa.int64()),
    ]),
    "copies": pa.schema([
        ("id", pa.string()), ("text_hash", pa.string()), ("title", pa.string()),
        ("url", pa.string()), ("source", pa.string()), ("outlet", pa.string()),
        ("published", pa.string()), ("seen_at", pa.timestamp("us")), ("batch", pa.int32()),
    ]),
    "events": pa.schema([
        ("gid", pa.int64()), ("id", pa.string()), ("article_id", pa.string()),
        ("sentence", pa.int32()), ("date", pa.date32()),
        *_actor_fields("source"), *_actor_fields("target"),
        ("cameo", pa.string()), ("cameo_root", pa.string()), ("cameo_name", pa.string()),
        ("goldstein", pa.float64()), ("quad_class", pa.int8()), ("plover", pa.string()),
        ("plover_mode", pa.string()), ("plover_context", pa.string()),
        ("trigger_text", pa.string()), ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()), ("location_name", pa.string()),
        ("location_country", pa.string()), ("location_lat", pa.float64()),
        ("location_lon", pa.float64()), ("location_text", pa.string()),
        ("location_start", pa.int32()), ("location_end", pa.int32()),
        ("location_geonames_id", pa.int64()), ("location_feature", pa.string()),
        ("location_adm1", pa.string()), ("location_found_by", pa.string()),
        *_geo_fields("source_geo"), *_geo_fields("target_geo"),
        ("negated", pa.bool_()), ("modality", pa.string()),
        ("happened", pa.bool_()), ("confidence", pa.float64()), ("rule", pa.string()),
        ("tone", pa.float64()), ("quote_id", pa.string()), ("date_precision", pa.string()),
        ("group_id", pa.int64()),
    ]),
    "mentions": pa.schema([
        ("article_id", pa.string()), ("idx", pa.int32()), ("text", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("name", pa.string()),
        ("code", pa.string()), ("country", pa.string()), ("sectors", pa.list_(pa.string())),
        ("kb_id", pa.string()), ("antecedent_text", pa.string()),
        ("antecedent_start", pa.int32()), ("found_by", pa.string()),
    ]),
    "places": pa.schema([
        ("article_id", pa.string()), ("idx", pa.int32()), ("text", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("name", pa.string()),
        ("geonames_id", pa.int64()), ("feature", pa.string()), ("country", pa.string()),
        ("adm1", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
        ("found_by", pa.string()),
    ]),
    "quotes": pa.schema([
        ("id", pa.string()), ("article_id", pa.string()), ("text", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("direct", pa.bool_()),
        ("cue", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32()),
        *_actor_fields("speaker"),
    ]),
}


def actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    """An actor flattened to `<prefix>_text`, `_start`, ... (all None when there is none)."""
    if actor is None:
        return {f"{prefix}_{k}": None for k in _ACTOR_KEYS}
    return {
        f"{prefix}_text": actor.text, f"{prefix}_start": actor.start, f"{prefix}_end": actor.end,
        f"{prefix}_name": actor.name, f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country, f"{prefix}_sectors": list(actor.sectors),
        f"{prefix}_kb_id": actor.kb_id, f"{prefix}_found_by": actor.found_by,
    }


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return parse_date(value)
    except (TypeError, ValueError):
        return None


def event_row(event: Event, article_date: dt.date | None = None) -> dict[str, Any]:
    """An event as an `events` row (without `gid` and `group_id`, which the writer sets);
    its date falls back to the article's, at day precision."""
    trigger = event.trigger or {}
    location = event.location or {}
    day = _date(event.date)
    return {
        "id": event.id, "article_id": event.article_id, "sentence": _int(event.sentence),
        "date": day or article_date,
        "date_precision": event.date_precision if day and event.date_precision in PRECISIONS
        else "day",
        **actor_columns("source", event.source), **actor_columns("target", event.target),
        "cameo": event.cameo, "cameo_root": event.cameo_root, "cameo_name": event.cameo_name,
        "goldstein": _float(event.goldstein), "quad_class": _int(event.quad_class),
        "plover": event.plover, "plover_mode": event.plover_mode,
        "plover_context": event.plover_context,
        "trigger_text": trigger.get("text"), "trigger_start": _int(trigger.get("start")),
        "trigger_end": _int(trigger.get("end")),
        "location_name": location.get("name"), "location_country": location.get("country"),
        "location_lat": _float(location.get("lat")), "location_lon": _float(location.get("lon")),
        "location_text": location.get("text"), "location_start": _int(location.get("start")),
        "location_end": _int(location.get("end")),
        "location_geonames_id": _int(location.get("geonames_id")),
        "location_feature": location.get("feature"), "location_adm1": location.get("adm1"),
        "location_found_by": location.get("found_by"),
        **geo_columns("source_geo", event.source_location),
        **geo_columns("target_geo", event.target_location),
        "negated": bool(event.negated), "modality": event.modality,
        "happened": event.happened, "confidence": _float(event.confidence),
        "rule": event.rule, "tone": _float(event.tone), "quote_id": event.quote_id,
    }


def geo_columns(prefix: str, place: dict[str, Any] | None) -> dict[str, Any]:
    """A place dict flattened to `<prefix>_name`, `_geonames_id`, ... (None when absent)."""
    place = place or {}
    return {
        f"{prefix}_name": place.get("name"),
        f"{prefix}_geonames_id": _int(place.get("geonames_id")),
        f"{prefix}_feature": place.get("feature"), f"{prefix}_country": place.get("country"),
        f"{prefix}_adm1": place.get("adm1"), f"{prefix}_lat": _float(place.get("lat")),
        f"{prefix}_lon": _float(place.get("lon")),
    }


def place_row(article_id: str, index: int, place: Place) -> dict[str, Any]:
    """A place mention as a `places` row."""
    return {"article_id": article_id, "idx": index, **place.to_dict()}


def mention_row(article_id: str, index: int, actor: Actor) -> dict[str, Any]:
    """An actor mention as a `mentions` row."""
    antecedent = actor.antecedent or {}
    return {
        "article_id": article_id, "idx": index, "text": actor.text, "start": actor.start,
        "end": actor.end, "name": actor.name, "code": actor.code, "country": actor.country,
        "sectors": list(actor.sectors), "kb_id": actor.kb_id,
        "antecedent_text": antecedent.get("text"),
        "antecedent_start": _int(antecedent.get("start")), "found_by": actor.found_by,
    }


def quote_row(quote: Quote) -> dict[str, Any]:
    """A quote as a `quotes` row with its speaker flattened."""
    return {
        "id": quote.id, "article_id": quote.article_id, "text": quote.text,
        "start": quote.start, "end": quote.end, "direct": bool(quote.direct), "cue": quote.cue,
        "cue_start": quote.cue_start, "cue_end": quote.cue_end,
        **actor_columns("speaker", quote.speaker),
    }


def outlet_of(article: Article) -> str | None:
    """The outlet an article counts for in NumSources: its `source`, else its URL's host."""
    if article.source and article.source.strip():
        return article.source.strip()
    if article.url:
        try:
            host = urlsplit(article.url).hostname
        except ValueError:
            return None
        return host.removeprefix("www.") if host else None
    return None


def article_row(
    coded: CodedArticle, *, text_hash: str | None, signature: list[int] | None, group_id: str,
    coded_at: dt.datetime, batch: int, coder_version: str | None = None,
) -> dict[str, Any]:
    """A coded article as an `articles` row (with its fingerprints, group, write batch and
    the coder stamp it was coded with)."""
    article = coded.article
    return {
        "id": article.id, "title": article.title, "url": article.url,
        "source": article.source, "outlet": outlet_of(article),
        "published": article.published, "date": article.date, "text": article.text,
        "chars": len(article.text), "text_hash": text_hash, "minhash": signature,
        "group_id": group_id, "tone": coded.tone, "notes": list(article.notes),
        "coded_at": coded_at, "batch": batch, "coder_version": coder_version,
    }


def copy_row(article: Article, *, text_hash: str, seen_at: dt.datetime, batch: int
             ) -> dict[str, Any]:
    """An article not coded because its text repeats a stored one, as a `copies` row."""
    return {
        "id": article.id, "text_hash": text_hash, "title": article.title, "url": article.url,
        "source": article.source, "outlet": outlet_of(article),
        "published": article.published, "seen_at": seen_at, "batch": batch,
    }


def coded_rows(coded: CodedArticle) -> dict[str, list[dict[str, Any]]]:
    """The rows one coded article adds to the tables that hang off it: events (dated by the
    article when they carry no date of their own), mentions, quotes and places."""
    article = coded.article
    date = article.date
    return {
        "events": [event_row(e, date) for e in coded.events],
        "mentions": [mention_row(article.id, i, a) for i, a in enumerate(coded.actors)],
        "quotes": [quote_row(q) for q in coded.quotes],
        "places": [place_row(article.id, i, p) for i, p in enumerate(coded.places)],
    }
