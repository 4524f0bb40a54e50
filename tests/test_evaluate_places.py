"""Places scoring: found = overlap, right = within 161 km, unfound count as wrong."""

from __future__ import annotations

from tacitus.evaluate_places import score_places
from tacitus.model import Article, CodedArticle, Place


def test_evaluate_places_found_and_acc161():
    coded = {"a": CodedArticle(
        article=Article(id="a", text="x"),
        places=[
            Place("Lahore", 0, 6, "Lahore", 1172451, "city", "PAK", "04", 31.55, 74.34),
            Place("Paris", 20, 25, "Paris", 4717560, "city", "USA", "TX", 33.66, -95.56),
            Place("Floogle", 40, 47),
        ],
    )}
    gold = [("a", [
        {"start": 0, "end": 6, "lat": 31.5, "lon": 74.3, "geonameid": 1172451},
        {"start": 20, "end": 25, "lat": 48.85, "lon": 2.35, "geonameid": 2988507},
        {"start": 40, "end": 47, "lat": 1.0, "lon": 1.0},
        {"start": 60, "end": 66, "lat": 1.0, "lon": 1.0},
    ]), ("missing", [{"start": 0, "end": 3, "lat": 0.0, "lon": 0.0}])]
    ratios = score_places(gold, coded)
    assert ratios["place found"] == (3, 5)
    assert ratios["place acc@161"] == (1, 5)
    assert ratios["place same GeoNames id"] == (1, 2)
