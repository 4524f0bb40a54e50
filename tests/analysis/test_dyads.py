"""Dyad series: counts, Goldstein, QuadClass per pair and period, gaps filled."""

from __future__ import annotations

import pandas as pd
import pytest

from tacitus.analysis import dyad_series, dyad_summary, reciprocity
from tacitus.errors import InputError


def events(*rows):
    """rows: (source, target, date, goldstein, quad_class[, happened[, num_articles]])."""
    records = []
    for row in rows:
        source, target, date, goldstein, quad, *rest = row
        records.append({"source_country": source, "target_country": target, "date": date,
                        "goldstein": goldstein, "quad_class": quad,
                        "happened": rest[0] if rest else True,
                        "num_articles": rest[1] if len(rest) > 1 else 1})
    return pd.DataFrame(records)


FRAME = events(
    ("PAK", "RUS", "2025-09-01", 1.0, 1),
    ("PAK", "RUS", "2025-09-03", 8.0, 1, True, 4),
    ("PAK", "RUS", "2025-09-20", -2.0, 3),
    ("PAK", "RUS", "2025-09-21", -10.0, 4, False),  # negated: left out
    ("RUS", "PAK", "2025-09-02", 4.0, 1),
    ("IND", "RUS", "2025-09-02", 1.0, 1),
    ("PAK", "PAK", "2025-09-02", -5.0, 4),           # domestic: left out
    ("CHN", None, "2025-09-02", 1.0, 1),             # no target: left out
)


def test_dyads_weekly_series_with_filled_gaps():
    out = dyad_series(FRAME, "week", dyads=[("PAK", "RUS")])
    assert [str(p.date()) for p in out["period"]] == ["2025-09-01", "2025-09-08",
                                                      "2025-09-15"]
    assert list(out["events"]) == [2, 0, 1]
    assert out.loc[0, "goldstein_mean"] == 4.5 and pd.isna(out.loc[1, "goldstein_mean"])
    assert list(out["q1"]) == [2, 0, 0] and list(out["q3"]) == [0, 0, 1]
    assert out.loc[0, "balance"] == 1.0 and out.loc[2, "balance"] == -1.0


@pytest.mark.parametrize(("freq", "periods"), [("day", 20), ("month", 1), ("year", 1)])
def test_dyads_frequencies(freq, periods):
    out = dyad_series(FRAME, freq, dyads=[("PAK", "RUS")])
    assert len(out) == periods and out["events"].sum() == 3


def test_dyads_weighted_by_articles_and_unfilled():
    out = dyad_series(FRAME, "month", weight="num_articles", fill=False)
    pak = out[(out.source_country == "PAK") & (out.target_country == "RUS")].iloc[0]
    assert pak["events"] == 6.0  # 1 + 4 + 1
    assert pak["goldstein_mean"] == pytest.approx((1.0 + 32.0 - 2.0) / 6)
    assert set(zip(out.source_country, out.target_country, strict=True)) == {
        ("PAK", "RUS"), ("RUS", "PAK"), ("IND", "RUS")}


def test_dyads_summary_top_and_reciprocity():
    summary = dyad_summary(FRAME, top=2)
    assert summary.loc[0, "source_country"] == "PAK" and len(summary) == 2
    assert str(summary.loc[0, "first"].date()) == "2025-09-01"
    paired = reciprocity(dyad_series(FRAME, "month"))
    row = paired[(paired.source_country == "PAK") & (paired.target_country == "RUS")].iloc[0]
    assert (row["reverse_events"], row["reverse_goldstein_mean"]) == (1, 4.0)


def test_dyads_empty_and_bad_input():
    assert dyad_series(FRAME.iloc[0:0]).empty
    with pytest.raises(InputError):
        dyad_series(FRAME.drop(columns=["goldstein"]))
    with pytest.raises(InputError):
        dyad_series(FRAME, "fortnight")


def test_dyads_from_a_store_query(tmp_path):
    from store.records import meeting
    from tacitus.store import Store, queries

    db = tmp_path / "a.duckdb"
    with Store(db) as store:
        store.write([meeting("p1", date="2025-09-01"), meeting("i1", "IND", "RUS", "057"),
                     meeting("p2", "PAK", "RUS", "112", "2025-09-15")])
    out = dyad_series(queries.events(db, grouped=True), "week", weight="num_articles")
    pak = out[out.source_country == "PAK"]
    assert list(pak["events"]) == [1.0, 0.0, 1.0]
    assert list(pak["goldstein_mean"].fillna(0)) == [1.0, 0.0, -2.0]
