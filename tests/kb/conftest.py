"""KB fixtures: the shipped KB once per session, and KBs over small people files in tmp."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tacitus.config import KbOptions
from tacitus.kb import KnowledgeBase, load_kb

HEADER = "country\trole\tname\taliases\tstart\tend\n"

# A small hand-made people file: real office holders with their real dates.
PEOPLE = (
    HEADER
    + "\n".join(
        "\t".join(row)
        for row in [
            (
                "PAK",
                "head_of_government",
                "Nawaz Sharif",
                "Sharif|Nawaz",
                "2013-06-05",
                "2017-07-28",
            ),
            (
                "PAK",
                "head_of_government",
                "Shehbaz Sharif",
                "Sharif|Shehbaz",
                "2022-04-11",
                "2023-08-14",
            ),
            ("PAK", "head_of_government", "Shehbaz Sharif", "Sharif|Shehbaz", "2024-03-04", ""),
            ("PAK", "head_of_government", "Imran Khan", "Khan|Imran", "2018-08-18", "2022-04-10"),
            ("PAK", "head_of_state", "Asif Ali Zardari", "Zardari", "2024-03-10", ""),
            ("PAK", "foreign_minister", "Ishaq Dar", "Dar", "2024-03-11", ""),
            ("PAK", "finance_minister", "Ishaq Dar", "Dar", "2013-06", "2017"),
            ("GBR", "mayor", "Sadiq Khan", "Khan", "2016-05-09", ""),
            ("USA", "head_of_state", "Donald Trump", "Trump", "2017-01-20", "2021-01-20"),
            ("USA", "head_of_government", "Donald Trump", "Trump", "2017-01-20", "2021-01-20"),
            ("USA", "head_of_state", "Donald Trump", "Trump", "2025-01-20", ""),
            ("USA", "vice_president", "Joe Biden", "Biden", "2009-01-20", "2017-01-20"),
            ("USA", "head_of_state", "Joe Biden", "Biden", "2021-01-20", "2025-01-20"),
            ("GBR", "head_of_government", "Keir Starmer", "Starmer", "2024-07-05", ""),
            ("KOR", "head_of_state", "Kim Dae-jung", "Kim", "1998", "2003-02-24"),
            ("PRK", "head_of_state", "Kim Jong Un", "Kim", "2011-12-17", ""),
            ("TUR", "head_of_state", "Recep Tayyip Erdoğan", "Erdoğan|Erdogan", "2014-08-28", ""),
        ]
    )
    + "\n"
)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The KB from the shipped data (people files included)."""
    return load_kb()


@pytest.fixture
def make_kb(tmp_path: Path) -> Callable[..., KnowledgeBase]:
    """Build a KB whose people are `people` (TSV text) and, optionally, a user overlay."""

    def build(people: str = PEOPLE, overlay: str | None = None) -> KnowledgeBase:
        folder = tmp_path / "people"
        folder.mkdir(exist_ok=True)
        (folder / "test.tsv").write_text(people, encoding="utf-8")
        user = ""
        if overlay is not None:
            (tmp_path / "user.tsv").write_text(overlay, encoding="utf-8")
            user = str(tmp_path / "user.tsv")
        return load_kb(KbOptions(user_people=user, people_dir=str(folder)))

    return build


@pytest.fixture(scope="session")
def people_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A KB whose only people are those of PEOPLE (built once)."""
    folder = tmp_path_factory.mktemp("people")
    (folder / "test.tsv").write_text(PEOPLE, encoding="utf-8")
    return load_kb(KbOptions(people_dir=str(folder)))


@pytest.fixture(scope="session")
def empty_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A KB with no people at all."""
    return load_kb(KbOptions(people_dir=str(tmp_path_factory.mktemp("nobody"))))
