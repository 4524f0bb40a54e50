"""The shipped data files: complete, unique, valid codes; malformed files raise DataError."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from tacitus.errors import DataError
from tacitus.kb import KnowledgeBase, data_dir
from tacitus.kb.loader import read_static

DATA = data_dir()


def _yaml(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_loader_every_country_has_code_name_and_unique_code() -> None:
    rows = _yaml("countries.yaml")
    codes = [row["code"] for row in rows]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert all(row["name"] and row["names"] for row in rows)
    assert len(codes) == len(set(codes))


def test_loader_has_the_193_un_members(kb: KnowledgeBase) -> None:
    members = {c.code for c in kb.countries() if c.un_member}
    assert len(members) == 193
    assert {"PAK", "USA", "GBR", "SSD", "TLS", "MNE", "PRK", "KOR"} <= members
    assert not {"PSE", "VAT", "XKX", "TWN", "ESH", "HKG"} & members


@pytest.mark.parametrize("code", ["PSE", "VAT", "XKX", "TWN", "ESH", "HKG"])
def test_loader_has_main_non_members(kb: KnowledgeBase, code: str) -> None:
    country = kb.country(code)
    assert country is not None and country.names


def test_loader_country_codes_are_iso_alpha3(kb: KnowledgeBase) -> None:
    pycountry = pytest.importorskip("pycountry")
    for country in kb.countries():
        if country.until:  # ended states keep their ISO 3166-3 code
            assert pycountry.historic_countries.get(alpha_3=country.code) is not None
        elif country.code != "XKX":
            assert pycountry.countries.get(alpha_3=country.code) is not None, country.code


def test_loader_states_that_ended_and_began(kb: KnowledgeBase) -> None:
    ended = {c.code: c.until for c in kb.countries() if c.until}
    assert set(ended) == {"SUN", "YUG", "SCG", "CSK", "DDR", "YMD"}
    assert not any(kb.country(code).un_member for code in ended)  # type: ignore[union-attr]
    ukraine, soviet = kb.country("UKR"), kb.country("SUN")
    assert ukraine is not None and soviet is not None
    assert ukraine.since == dt.date(1991, 8, 24) and ukraine.exists_on(dt.date(2000, 1, 1))
    assert not ukraine.exists_on(dt.date(1990, 6, 1))
    assert soviet.exists_on(dt.date(1991, 8, 19)) and not soviet.exists_on(dt.date(1992, 1, 1))
    assert [e.code for e in kb.lookup("Soviet Union")] == ["SUN"]
    assert [e.code for e in kb.lookup("East German")] == ["DDR"]


def test_loader_every_country_region_is_a_region(kb: KnowledgeBase) -> None:
    regions = {e.code for e in kb.entries("region")}
    assert {c.region for c in kb.countries()} <= regions


def test_loader_org_and_group_codes_unique() -> None:
    codes = [row["code"] for row in _yaml("igos.yaml") + _yaml("groups.yaml")]
    assert len(codes) == len(set(codes))
    assert len(_yaml("igos.yaml")) >= 60


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("United Nations", "IGOUNO"),
        ("European Union", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("African Union", "IGOAFRAFU"),
        ("Shanghai Cooperation Organisation", "IGOASASCO"),
        ("Shanghai Cooperation Organization", "IGOASASCO"),
        ("UNHCR", "IGOUNOREFHCR"),
        ("Amnesty International", "NGOHRIAMN"),
    ],
)
def test_loader_igo_codes(kb: KnowledgeBase, form: str, code: str) -> None:
    assert code in {e.code for e in kb.lookup(form) if e.kind == "igo"}


def test_loader_a_form_names_an_entry_once(kb: KnowledgeBase) -> None:
    kinds = defaultdict(set)
    for form, entry in kb.surface_forms():
        if entry.kind not in ("title", "group"):
            kinds[(form, entry.key)].add(entry.kind)
    assert {k: v for k, v in kinds.items() if len(v) > 1} == {}


def test_loader_roles_are_many_and_lower_case(kb: KnowledgeBase) -> None:
    phrases = [form for form, entry in kb.surface_forms() if entry.kind in ("title", "group")]
    assert len(phrases) >= 250
    assert all(p == p.lower() for p in phrases)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the data folder (without people)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("people"))
    return target


def _append(path: Path, text: str) -> int:
    """Append `text` to a file; return the line number it starts on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "countries.yaml",
            "- {code: PAK, name: Pakistan, names: [Pakistan], region: SAS}\n",
            "duplicate",
        ),
        ("countries.yaml", "- {code: pak, name: X, region: SAS}\n", "bad code"),
        ("countries.yaml", "- {code: QQQ, name: X, region: SAS, capital: [Y]}\n", "unknown field"),
        ("igos.yaml", "- {code: IGOUNO, name: UN again, names: [UN]}\n", "duplicate"),
        ("igos.yaml", "- {code: IGOXXX, name: X, names: [X], sectors: [ZZZ]}\n", "unknown sector"),
        (
            "groups.yaml",
            "- {code: QQQREBXXX, kind: gang, name: X, names: [X], country: QQQ}\n",
            "kind",
        ),
        ("media.yaml", "- {name: Reuters, names: [Reuters], country: GBR}\n", "duplicate"),
        ("roles.tsv", "president\tGOV\ttitle\n", "duplicate"),
        ("roles.tsv", "Envoy\tGOV\ttitle\n", "lower case"),
        ("roles.tsv", "sheriff\tSHF\ttitle\n", "unknown sector"),
        ("people_roles.tsv", "ruler\tGOV\tfirst\tRuler of {country}\n", "rank"),
        ("countries.yaml", "- {code: QQQ, name: X, region: SAS, since: '1991-13-01'}\n", "date"),
        (
            "countries.yaml",
            "- {code: QQQ, name: X, region: SAS, since: 1995-01-01, until: 1991-01-01}\n",
            "before since",
        ),
        (
            "countries.yaml",
            "- {code: QQQ, name: X, region: SAS, un_member: true, until: 1991-01-01}\n",
            "not a current UN member",
        ),
        ("title_roles.tsv", "president\thead_of_state\n", "unique"),
        ("title_roles.tsv", "tsar\tczar\n", "unknown"),
    ],
)
def test_loader_malformed_data_raises_with_line(
    data_copy: Path, name: str, text: str, reason: str
) -> None:
    line = _append(data_copy / name, text)
    with pytest.raises(DataError) as info:
        read_static(data_copy)
    assert info.value.key == "data_file"
    assert info.value.fields["path"] == str(data_copy / name)
    assert info.value.fields["line"] == line
    assert reason in str(info.value)
