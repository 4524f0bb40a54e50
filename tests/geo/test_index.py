"""The gazetteer index: built from the registry packages, cached, looked up by name."""

from __future__ import annotations

import time

import pytest

from tacitus.geo import name_key, open_gazetteer
from tacitus.geo.coordinates import distance_km, geonames_points
from tacitus.geo.dateline import dateline_end
from tacitus.geo.index import spelling_key


@pytest.fixture(scope="module")
def gazetteer():
    return open_gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [("St. John's", "st johns"), ("Nur-Sultan", "nur sultan"), ("Kraków", "krakow"),
     ("  New   York ", "new york")],
)
def test_index_name_key_folds_spelling(text, key):
    assert name_key(text) == key


def test_index_reopens_fast_from_the_cache(gazetteer):
    started = time.perf_counter()
    again = open_gazetteer()
    assert time.perf_counter() - started < 1.0
    assert again.path == gazetteer.path
    records, names = again.size()
    assert records > 200_000 and names > records


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [("Kharkiv", "city", "UKR"), ("Alberta", "adm1", "CAN"), ("Georgia", "country", "GEO"),
     ("Georgia", "adm1", "USA"), ("Asia", "continent", None), ("Lahore", "city", "PAK")],
)
def test_index_candidates_cover_every_kind(gazetteer, name, feature, country):
    found = gazetteer.candidates(name_key(name))
    assert any(c.record.feature == feature and c.record.country == country for c in found)


def test_index_countries_and_regions_have_points(gazetteer):
    pakistan = gazetteer.country("PAK")
    assert pakistan is not None and pakistan.geonames_id > 0
    assert distance_km(pakistan.lat, pakistan.lon, 30.0, 70.0) < 500
    kentucky = gazetteer.adm1("USA", "KY")
    assert kentucky is not None and kentucky.name == "Kentucky"
    assert gazetteer.country("XXX") is None


def test_index_countries_sit_at_geonames_own_points(gazetteer):
    # GeoNames places the United States at 39.76 N 98.5 W and Canada at 60.11 N 113.64 W
    # (other sources use other centres: Canada's differ by ~1,000 km).
    usa, canada = gazetteer.country("USA"), gazetteer.country("CAN")
    assert usa is not None and distance_km(usa.lat, usa.lon, 39.76, -98.5) < 5
    assert canada is not None and distance_km(canada.lat, canada.lon, 60.11, -113.64) < 5


def test_index_geonames_points_are_keyed_by_geonames_id():
    points = geonames_points()
    assert points[6251999][0] == "CA"  # Canada
    assert points[6252001][0] == "US"  # United States
    assert len(points) > 100_000


def test_index_unknown_name_has_no_candidates(gazetteer):
    assert gazetteer.candidates(name_key("Nowhereville Upon Sea")) == ()


def test_index_distance_km_known_pair():
    assert distance_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=5)


@pytest.mark.parametrize(
    ("text", "ends"),
    [("KHARKIV, Ukraine (AP) — Shells fell.", True), ("LAHORE - Police said.", True),
     ("Police said on Monday that two men were held.", False)],
)
def test_index_dateline_end(text, ends):
    assert (dateline_end(text) > 0) is ends


@pytest.mark.parametrize(
    ("one", "other"),
    [("Zaporizhzhia", "Zaporizhzhya"), ("Zaporizhia", "Zaporizhzhia"), ("Raqqah", "Raqqa"),
     ("Deir ez-Zor", "Deir al-Zor"), ("Mykolayiv", "Mykolaiv")],
)
def test_index_spelling_key_folds_transliterations(one, other):
    assert spelling_key(one) == spelling_key(other)


@pytest.mark.parametrize(("one", "other"), [("Paris", "Peris"), ("Gaza", "Goma")])
def test_index_spelling_key_keeps_other_names_apart(one, other):
    assert spelling_key(one) != spelling_key(other)


def test_index_variant_spelling_counts_as_own_name(gazetteer):
    found = gazetteer.candidates(name_key("Zaporizhia"))  # no GeoNames name spelt so
    city = [c for c in found if c.record.geonames_id == 687700]
    assert city and city[0].primary
