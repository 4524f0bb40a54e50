"""CSV and Parquet export: one file per table, rows and types kept."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tacitus.errors import InputError
from tacitus.export import export
from tacitus.export.tabular import TABLES


def test_tabular_parquet_per_table(db, tmp_path):
    report = export(db, tmp_path / "pq", "parquet")
    assert set(report.files) == set(TABLES)
    events = pq.read_table(report.files["events"])
    assert events.num_rows == report.rows["events"] == 6
    assert str(events.schema.field("source_sectors").type) == "list<element: string>"
    articles = pq.read_table(report.files["articles"])
    assert "minhash" not in articles.column_names and "text" in articles.column_names
    assert pq.read_table(report.files["copies"]).num_rows == 1


def test_tabular_csv_per_table(db, tmp_path):
    report = export(db, tmp_path / "csv", "csv")
    events = pd.read_csv(report.files["events"])
    assert len(events) == 6
    assert set(events["source_sectors"]) == {"GOV"}
    groups = pd.read_csv(report.files["event_groups"])
    assert groups["num_articles"].max() == 3
    quotes = pd.read_csv(report.files["quotes"])
    assert len(quotes) == report.rows["quotes"] == 6


def test_tabular_unknown_format(db, tmp_path):
    with pytest.raises(InputError):
        export(db, tmp_path / "x", "xml")
