"""Places scoring for `tacitus eval` (rule: ../shared/eval/README.md).

`score_places(golds, coded)` takes (article id, gold places) pairs and the CodedArticles by
id and returns ratios {name: (hits, total)}: a gold mention is *found* when a place in the
article's `places` overlaps its span, *right* when that place's coordinates lie within
161 km of the gold ones (acc@161; unfound and unresolved mentions count as wrong), and
*same record* when the place's GeoNames id is the gold one (over gold mentions with an id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tacitus.geo.coordinates import distance_km
from tacitus.model import CodedArticle, Place

ACCURACY_KM = 161.0


def _overlapping(places: list[Place], start: int, end: int) -> Place | None:
    """The first place whose span overlaps [start, end), resolved ones first."""
    hits = [p for p in places if p.start < end and start < p.end]
    hits.sort(key=lambda p: p.lat is None)
    return hits[0] if hits else None


def score_places(
    golds: Iterable[tuple[str, list[dict[str, Any]]]], coded: dict[str, CodedArticle]
) -> dict[str, tuple[int, int]]:
    """{"place found", "place acc@161", "place same GeoNames id"} -> (hits, total)."""
    found = right = same = with_id = total = 0
    for article_id, gold_places in golds:
        result = coded.get(article_id)
        places = result.places if result else []
        for gold in gold_places:
            total += 1
            if gold.get("geonameid") is not None:
                with_id += 1
            place = _overlapping(places, int(gold["start"]), int(gold["end"]))
            if place is None:
                continue
            found += 1
            if place.lat is not None and place.lon is not None and distance_km(
                place.lat, place.lon, float(gold["lat"]), float(gold["lon"])
            ) <= ACCURACY_KM:
                right += 1
            if gold.get("geonameid") is not None and place.geonames_id == int(gold["geonameid"]):
                same += 1
    ratios = {"place found": (found, total), "place acc@161": (right, total)}
    if with_id:
        ratios["place same GeoNames id"] = (same, with_id)
    return ratios
