"""The CAMEO table: complete, well-formed, and equal to the reference facts where present."""

from __future__ import annotations

import re

import pytest

from tacitus.ontology import load_codes, load_ontology


@pytest.fixture(scope="module")
def codes():
    return load_codes()


def test_tables_every_root_and_quad_class(codes):
    roots = {c for c in codes if len(c) == 2}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    for code, entry in codes.items():
        root = int(code[:2])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert entry.quad_class == expected, code


@pytest.mark.parametrize(
    ("code", "goldstein", "plover"),
    [
        ("043", 2.8, "CONSULT"),
        ("163", -8.0, "COERCE"),
        ("1823", -10.0, "ASSAULT"),
        ("051", 3.4, "SUPPORT"),
        ("0312", 5.2, "AGREE"),
        ("010", 0.0, None),
    ],
)
def test_tables_known_codes(codes, code, goldstein, plover):
    assert codes[code].goldstein == goldstein
    assert codes[code].plover == plover


def test_tables_penta_class(codes):
    assert [codes[c].penta_class for c in ("010", "020", "043", "061", "112", "145", "190")] == [
        0,
        0,
        1,
        2,
        3,
        4,
        4,
    ]


def test_tables_match_reference(codes, shared):
    reference = shared / "reference"
    names = dict(
        line.split("\t", 1)
        for line in (reference / "gdelt-cameo-eventcodes.tsv").read_text().splitlines()[1:]
    )
    weights = dict(
        line.split("\t")
        for line in (reference / "gdelt-cameo-goldstein.tsv").read_text().splitlines()[1:]
    )
    assert set(codes) == set(names)
    for code, entry in codes.items():
        assert entry.name == names[code].strip()
        assert entry.goldstein == float(weights[code])
    crosswalk = {}
    for line in (reference / "cameo-to-plover-2021.txt").read_text().splitlines():
        match = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if match:
            crosswalk.setdefault(match.group(1), match.group(2))
    for code, plover in crosswalk.items():
        if code in codes:
            assert codes[code].plover == plover, code


def test_tables_lexicon_codes_exist():
    ontology = load_ontology()
    assert all(p.code in ontology.codes for p in ontology.lexicon.patterns)


@pytest.mark.parametrize("name", ["intent.tsv", "refusal.tsv"])
def test_tables_recoding_tables_name_real_codes(codes, name):
    from tacitus.nlp.events import load_prefix_codes

    table = load_prefix_codes(name)
    assert table
    for prefix, code in table.items():
        assert code in codes, f"{name}: {prefix} -> {code}"
        assert any(c.startswith(prefix) for c in codes), f"{name}: prefix {prefix}"


@pytest.mark.parametrize(
    ("code", "symmetric", "channel", "attribution", "carrier"),
    [
        ("010", False, True, True, True),
        ("036", True, False, False, True),
        ("040", True, False, False, False),
        ("0871", True, False, False, False),
        ("111", False, False, False, False),
        ("190", True, False, False, False),
        ("195", True, False, False, False),
        ("180", False, False, False, False),
    ],
)
def test_tables_rule_columns(codes, code, symmetric, channel, attribution, carrier):
    entry = codes[code]
    assert (entry.symmetric, entry.channel, entry.attribution, entry.carrier) == (
        symmetric,
        channel,
        attribution,
        carrier,
    )
