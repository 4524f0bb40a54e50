"""Wikidata P39 import: JSON, JSON lines and CSV; added/updated/unchanged/skipped; idempotent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tacitus.config import KbOptions
from tacitus.errors import InputError
from tacitus.kb import KnowledgeBase, import_wikidata, load_kb

DATA = Path(__file__).parent / "data"


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        line.split("\t# ")[0].split("\t")
        for line in lines[lines.index("country\trole\tname\taliases\tstart\tend") + 1 :]
    ]


def test_wikidata_json_counts_and_reasons(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "user" / "people.tsv"
    report = import_wikidata(DATA / "p39.json", out, kb=empty_kb)
    assert report.records == 12
    assert (report.added, report.updated, report.unchanged) == (8, 0, 1)
    assert [s.record for s in report.skipped] == [7, 8, 9, 10]
    reasons = [s.reason for s in report.skipped]
    assert "no English label" in reasons[0]
    assert "maps to no role" in reasons[1]
    assert "unknown country" in reasons[2]
    assert "no start date" in reasons[3]
    assert report.summary() == "12 records: 8 added, 0 updated, 1 unchanged, 4 skipped"
    rows = _rows(out)
    assert ["PAK", "head_of_government", "Shehbaz Sharif", "Sharif", "2024-03-04", ""] in rows
    assert ["PAK", "foreign_minister", "Ishaq Dar", "Dar", "2024-03-11", ""] in rows
    assert ["PAK", "defence_minister", "Khawaja Asif", "Asif", "2024-03-11", ""] in rows
    assert ["PAK", "opposition_leader", "Omar Ayub Khan", "Khan", "2024-04-02", ""] in rows
    trump = [r[1] for r in rows if r[2] == "Donald Trump"]
    assert sorted(trump) == ["head_of_government", "head_of_state"]


def test_wikidata_import_is_idempotent(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "people.tsv"
    import_wikidata(DATA / "p39.json", out, kb=empty_kb)
    before = out.read_text(encoding="utf-8")
    again = import_wikidata(DATA / "p39.json", out, kb=empty_kb)
    assert (again.added, again.updated, again.unchanged, len(again.skipped)) == (0, 0, 9, 4)
    assert out.read_text(encoding="utf-8") == before


@pytest.fixture
def none_dir(tmp_path: Path) -> Path:
    (tmp_path / "none").mkdir()
    return tmp_path / "none"


def test_wikidata_output_loads_as_overlay(
    empty_kb: KnowledgeBase, tmp_path: Path, none_dir: Path
) -> None:
    out = tmp_path / "people.tsv"
    import_wikidata(DATA / "p39.json", out, kb=empty_kb)
    kb = load_kb(KbOptions(people_dir=str(none_dir), user_people=str(out)))
    match = kb.resolve_person("Sharif", dt.date(2016, 1, 1))
    assert match is not None and match.name == "Nawaz Sharif" and match.code == "PAKGOV"


def test_wikidata_updates_changed_end_date(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "people.tsv"
    out.write_text(
        "country\trole\tname\taliases\tstart\tend\n"
        "PAK\thead_of_government\tShehbaz Sharif\tSharif\t2022-04-11\t\t# kept comment\n",
        encoding="utf-8",
    )
    report = import_wikidata(DATA / "p39.json", out, kb=empty_kb)
    assert (report.added, report.updated, report.unchanged) == (7, 1, 1)
    text = out.read_text(encoding="utf-8")
    assert (
        "PAK\thead_of_government\tShehbaz Sharif\tSharif\t2022-04-11\t2023-08-14\t# kept comment"
        in text
    )
    assert text.count("2022-04-11") == 1


def test_wikidata_rows_already_in_kb_are_unchanged(
    people_kb: KnowledgeBase, tmp_path: Path
) -> None:
    out = tmp_path / "people.tsv"
    report = import_wikidata(DATA / "p39.json", out, kb=people_kb)
    # Shehbaz (x2 + duplicate), Nawaz, Trump (x2) and Dar are already in the KB, same dates.
    assert (report.added, report.unchanged) == (2, 7)


def test_wikidata_csv(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    out = tmp_path / "people.tsv"
    report = import_wikidata(DATA / "p39.csv", out, kb=empty_kb)
    assert (report.records, report.added, report.updated, report.unchanged) == (6, 4, 0, 0)
    assert [(s.record, s.reason.split(" ")[0]) for s in report.skipped] == [
        (5, "position"),
        (6, "bad"),
    ]
    rows = _rows(out)
    assert [
        "IND",
        "foreign_minister",
        "Subrahmanyam Jaishankar",
        "Jaishankar",
        "2019-05-31",
        "",
    ] in rows
    assert ["GBR", "finance_minister", "Rachel Reeves", "Reeves", "2024-07-05", ""] in rows
    assert ["GBR", "head_of_government", "Rishi Sunak", "Sunak", "2022-10-25", "2024-07-05"] in rows
    again = import_wikidata(DATA / "p39.csv", out, kb=empty_kb)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_wikidata_bindings_and_json_lines(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    records = json.loads((DATA / "p39.json").read_text(encoding="utf-8"))[:3]
    full = tmp_path / "full.json"
    full.write_text(
        json.dumps({"head": {"vars": []}, "results": {"bindings": records}}), encoding="utf-8"
    )
    lines = tmp_path / "p39.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    first = import_wikidata(full, tmp_path / "a.tsv", kb=empty_kb)
    second = import_wikidata(lines, tmp_path / "b.tsv", kb=empty_kb)
    assert (first.records, first.added) == (3, 3)
    assert (second.records, second.added, [s.record for s in second.skipped]) == (4, 3, [4])


def test_wikidata_accents_give_ascii_alias(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    export = tmp_path / "e.json"
    export.write_text(
        json.dumps(
            [
                {
                    "personLabel": "Recep Tayyip Erdoğan",
                    "positionLabel": "President of Turkey",
                    "start": "2014-08-28T00:00:00Z",
                }
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "people.tsv"
    assert import_wikidata(export, out, kb=empty_kb).added == 1
    (row,) = _rows(out)
    assert row[:3] == ["TUR", "head_of_state", "Recep Tayyip Erdoğan"]
    assert set(row[3].split("|")) == {"Erdoğan", "Recep Tayyip Erdogan", "Erdogan"}


def test_wikidata_missing_export(empty_kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        import_wikidata(tmp_path / "absent.json", tmp_path / "out.tsv", kb=empty_kb)
