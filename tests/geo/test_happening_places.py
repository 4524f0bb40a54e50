"""Places decide whether two outlets' reports are one happening: team-written reports of
strikes on one town in two spellings, and on two towns, written into a fresh store."""

from __future__ import annotations

import pytest

from tacitus.evaluate_pairs import merged
from tacitus.model import Article
from tacitus.store.writer import Store


def _merged(coder, first: str, second: str, root: str = "19") -> bool:
    articles = [
        Article(id="p-a", text=first, source="First Wire", published="2025-09-01"),
        Article(id="p-b", text=second, source="Second Post", published="2025-09-01"),
    ]
    coded = list(coder.code(articles))
    with Store(":memory:") as store:
        for one in coded:
            store.write([one])
        pair = {"same": True, "root": root}
        return merged(store.con, pair, lambda c: store.rules.rule(c).family)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Russian missiles struck Zaporizhia on Monday, officials said.",
         "Russian missiles struck Kherson on Monday, officials said."),
        ("Government aircraft bombed rebel positions near Deir el-Zour on Monday.",
         "Government aircraft bombed rebel positions near Palmyra on Monday."),
        ("Israeli tanks shelled Rafah on Monday, medics said.",
         "Israeli tanks shelled Beit Lahia on Monday, medics said."),
    ],
)
def test_happening_places_strikes_on_two_towns_stay_apart(coder, first, second):
    assert not _merged(coder, first, second)


def test_happening_places_one_town_in_two_spellings_is_one_happening(coder):
    assert _merged(
        coder,
        "Russian missiles struck Zaporizhzhia on Monday, killing two people, officials said.",
        "Two people died when Russian missiles struck Zaporizhia on Monday, the governor said.",
    )
