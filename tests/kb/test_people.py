"""People files and `resolve_person`: dates, seniority, former holders, overlay, bad rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tacitus.errors import DataError
from tacitus.kb import KnowledgeBase

from .conftest import HEADER

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("name", "on", "kb_id", "code", "role", "current"),
    [
        ("Sharif", "2016-01-01", "person:nawaz-sharif", "PAKGOV", "head_of_government", True),
        ("Sharif", "2025-09-01", "person:shehbaz-sharif", "PAKGOV", "head_of_government", True),
        ("Sharif", "2023-12-01", "person:shehbaz-sharif", "PAKELI", "head_of_government", False),
        ("Sharif", "2019-01-01", "person:nawaz-sharif", "PAKELI", "head_of_government", False),
        ("Trump", "2019-06-01", "person:donald-trump", "USAGOV", "head_of_state", True),
        ("Trump", "2022-06-01", "person:donald-trump", "USAELI", "head_of_state", False),
        ("Trump", "2025-06-01", "person:donald-trump", "USAGOV", "head_of_state", True),
        ("Biden", "2015-01-01", "person:joe-biden", "USAGOV", "vice_president", True),
        ("Biden", "2022-01-01", "person:joe-biden", "USAGOV", "head_of_state", True),
        ("Dar", "2016-06-01", "person:ishaq-dar", "PAKGOV", "finance_minister", True),
        ("Dar", "2017-12-31", "person:ishaq-dar", "PAKGOV", "finance_minister", True),
        ("Dar", "2025-09-01", "person:ishaq-dar", "PAKGOV", "foreign_minister", True),
        ("Khan", "2019-01-01", "person:imran-khan", "PAKGOV", "head_of_government", True),
        ("Khan", "2025-01-01", "person:sadiq-khan", "GBRGOV", "mayor", True),
        ("Kim", "2000-01-01", "person:kim-dae-jung", "KORGOV", "head_of_state", True),
        ("Kim", "2025-01-01", "person:kim-jong-un", "PRKGOV", "head_of_state", True),
        (
            "Shehbaz Sharif",
            "2025-09-01",
            "person:shehbaz-sharif",
            "PAKGOV",
            "head_of_government",
            True,
        ),
        (
            "shehbaz sharif",
            "2025-09-01",
            "person:shehbaz-sharif",
            "PAKGOV",
            "head_of_government",
            True,
        ),
        ("Sharif’s", "2025-09-01", "person:shehbaz-sharif", "PAKGOV", "head_of_government", True),
        ("Erdogan", "2025-09-01", "person:recep-tayyip-erdogan", "TURGOV", "head_of_state", True),
    ],
)
def test_people_resolve_by_date(
    people_kb: KnowledgeBase, name: str, on: str, kb_id: str, code: str, role: str, current: bool
) -> None:
    match = people_kb.resolve_person(name, D(on))
    assert match is not None
    assert (match.kb_id, match.code, match.role, match.current) == (kb_id, code, role, current)
    assert match.country == code[:3]
    assert match.sectors == (("ELI",) if not current else match.sectors)


def test_people_former_holder_title_and_dates(people_kb: KnowledgeBase) -> None:
    match = people_kb.resolve_person("Trump", D("2022-06-01"))
    assert match is not None
    assert match.title == "former President of the United States"
    assert (match.start, match.end, match.sectors) == (D("2017-01-20"), D("2021-01-20"), ("ELI",))


def test_people_current_title(people_kb: KnowledgeBase) -> None:
    match = people_kb.resolve_person("Sharif", D("2025-09-01"))
    assert match is not None
    assert match.title == "Prime Minister of Pakistan" and match.end is None


@pytest.mark.parametrize(
    ("name", "on", "country", "kb_id", "current"),
    [
        ("Kim", "2025-01-01", "KOR", "person:kim-dae-jung", False),
        ("Kim", "2025-01-01", "PRK", "person:kim-jong-un", True),
        ("Khan", "2019-01-01", "GBR", "person:sadiq-khan", True),
        ("Sharif", "2016-01-01", "PAK", "person:nawaz-sharif", True),
    ],
)
def test_people_country_narrows(
    people_kb: KnowledgeBase, name: str, on: str, country: str, kb_id: str, current: bool
) -> None:
    match = people_kb.resolve_person(name, D(on), country=country)
    assert match is not None and (match.kb_id, match.current) == (kb_id, current)


@pytest.mark.parametrize(
    ("name", "on", "country"),
    [
        ("Nobody Atall", "2025-01-01", None),
        ("Starmer", "2020-01-01", None),
        ("Sharif", "2010-01-01", None),
        ("Sharif", "2025-01-01", "USA"),
    ],
)
def test_people_unknown_or_not_yet_in_office(
    people_kb: KnowledgeBase, name: str, on: str, country: str | None
) -> None:
    assert people_kb.resolve_person(name, D(on), country) is None


def test_people_default_date_is_today(people_kb: KnowledgeBase) -> None:
    match = people_kb.resolve_person("Starmer")
    assert match is not None and match.current and match.code == "GBRGOV"


def test_people_records(people_kb: KnowledgeBase) -> None:
    person = people_kb.person("person:shehbaz-sharif")
    assert person is not None and person.name == "Shehbaz Sharif"
    assert {"Sharif", "Shehbaz"} <= set(person.aliases)
    assert [p.start for p in person.positions] == [D("2022-04-11"), D("2024-03-04")]
    assert "person:donald-trump" in {p.kb_id for p in people_kb.people()}


def test_people_overlay_replaces_and_adds(make_kb: Callable[..., KnowledgeBase]) -> None:
    shipped = HEADER + "PAK\thead_of_government\tShehbaz Sharif\tSharif\t2024-03-04\t\n"
    overlay = HEADER + (
        "PAK\thead_of_government\tShehbaz Sharif\tSharif\t2024-03-04\t2030-01-01\n"
        "PAK\thead_of_state\tAsif Ali Zardari\tZardari\t2024-03-10\n"
    )
    kb = make_kb(shipped, overlay)
    person = kb.person("person:shehbaz-sharif")
    assert person is not None and len(person.positions) == 1
    assert person.positions[0].end == D("2030-01-01")
    assert kb.resolve_person("Zardari", D("2025-01-01")) is not None
    assert kb.resolve_person("Sharif", D("2031-01-01")).current is False  # type: ignore[union-attr]


def test_people_missing_overlay_file_is_empty(
    make_kb: Callable[..., KnowledgeBase], tmp_path
) -> None:
    from tacitus.config import KbOptions
    from tacitus.kb import load_kb

    make_kb()
    kb = load_kb(
        KbOptions(people_dir=str(tmp_path / "people"), user_people=str(tmp_path / "no.tsv"))
    )
    assert kb.person("person:nawaz-sharif") is not None


def test_people_comments_and_short_rows(make_kb: Callable[..., KnowledgeBase]) -> None:
    text = HEADER + (
        "# a comment line\n"
        "\n"
        "KAZ\thead_of_state\tKassym-Jomart Tokayev\tTokayev\t2019-03-20\t"
        "  # acting until 2019-06-12\n"
        "KAZ\thead_of_government\tOlzhas Bektenov\tBektenov\t2024-02-06\n"
    )
    kb = make_kb(text)
    person = kb.person("person:kassym-jomart-tokayev")
    assert person is not None
    assert person.positions[0].note == "acting until 2019-06-12"
    assert person.positions[0].end is None
    assert kb.resolve_person("Bektenov", D("2025-01-01")) is not None


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("PAK\thead_of_government\tX Y\t\t2024-13-01\t", "not a date"),
        ("PAK\thead_of_government\tX Y\t\t20240304\t", "not a date"),
        ("PAK\thead_of_government\tX Y\t\t2024-03-04\t2023", "before start"),
        ("PAK\tpresident\tX Y\t\t2024-03-04\t", "unknown role"),
        ("QQQ\thead_of_government\tX Y\t\t2024-03-04\t", "unknown country"),
        ("PAK\thead_of_government\tX Y", "columns"),
        ("PAK\thead_of_government\tX Y\t\t2024\t\textra", "columns"),
        ("PAK\thead_of_government\t\t\t2024\t", "empty name"),
    ],
)
def test_people_malformed_row_raises_with_line(
    make_kb: Callable[..., KnowledgeBase], row: str, reason: str
) -> None:
    text = (
        HEADER
        + "PAK\thead_of_state\tAsif Ali Zardari\tZardari\t2024-03-10\t\n# note\n"
        + row
        + "\n"
    )
    with pytest.raises(DataError) as info:
        make_kb(text)
    assert info.value.key == "data_file"
    assert info.value.fields["line"] == 4
    assert info.value.fields["path"].endswith("test.tsv")
    assert reason in str(info.value)


def test_people_conflicting_duplicate_rows(make_kb: Callable[..., KnowledgeBase]) -> None:
    text = HEADER + (
        "PAK\thead_of_government\tNawaz Sharif\tSharif\t2013-06-05\t2017-07-28\n"
        "PAK\thead_of_government\tNawaz Sharif\tNawaz\t2013-06-05\t2017-07-28\n"
        "PAK\thead_of_government\tNawaz Sharif\t\t2013-06-05\t2018\n"
    )
    with pytest.raises(DataError) as info:
        make_kb(text)
    assert info.value.fields["line"] == 4 and "different end" in str(info.value)


def test_people_agreeing_duplicates_merge_aliases(make_kb: Callable[..., KnowledgeBase]) -> None:
    text = HEADER + (
        "PAK\thead_of_government\tNawaz Sharif\tSharif\t2013-06-05\t2017-07-28\n"
        "PAK\thead_of_government\tNawaz Sharif\tNawaz\t2013-06-05\t2017-07-28\n"
    )
    person = make_kb(text).person("person:nawaz-sharif")
    assert person is not None and len(person.positions) == 1
    assert {"Sharif", "Nawaz"} <= set(person.aliases)


def test_people_shipped_files_load(kb: KnowledgeBase) -> None:
    people = list(kb.people())
    assert len(people) > 500
    assert all(p.positions for p in people)
