"""Export data tables: the country crosswalk is complete and one-to-one."""

from __future__ import annotations

from collections import Counter

import pytest

from tacitus.export.codes import load_countries


def test_codes_countries_one_to_one():
    countries = load_countries()
    assert len(countries) > 190
    for attr in ("iso2", "fips"):
        counts = Counter(getattr(c, attr) for c in countries.values())
        assert [code for code, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("iso3", "iso2", "fips"),
    [("PAK", "PK", "PK"), ("RUS", "RU", "RS"), ("CHN", "CN", "CH"), ("IND", "IN", "IN"),
     ("DEU", "DE", "GM"), ("GBR", "GB", "UK"), ("XKX", "XK", "KV"), ("ZAF", "ZA", "SF")],
)
def test_codes_known_crosswalk(iso3, iso2, fips):
    country = load_countries()[iso3]
    assert (country.iso2, country.fips) == (iso2, fips)


def test_codes_cover_the_knowledge_base():
    from importlib import resources

    import yaml

    text = resources.files("tacitus.kb").joinpath("data", "countries.yaml").read_text("utf-8")
    # States that ended (SUN, YUG, CSK ...) are actor codes only; no place is geocoded to them.
    kb_codes = {entry["code"] for entry in yaml.safe_load(text) if "until" not in entry}
    assert kb_codes <= set(load_countries())
