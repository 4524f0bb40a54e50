"""GDELT 2.0 export: 61 columns, GDELT's types and formats, one row per event group."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tacitus.export import export
from tacitus.export.codes import gdelt_columns, gdelt_mentions_columns
from tacitus.export.gdelt import (
    action_geo,
    actor_fields,
    fraction_date,
    gdelt_rows,
    mention_row,
)

PANDAS_TYPES = {"int": "Int64", "float": "float64", "str": "string", "date": "string"}


def _read(path):
    columns = gdelt_columns()
    return pd.read_csv(path, sep="\t", header=None, names=[n for n, _ in columns],
                       dtype={n: PANDAS_TYPES[t] for n, t in columns}, keep_default_na=False,
                       na_values={n: [""] for n, t in columns if t in ("int", "float")},
                       quoting=3)


def test_gdelt_columns_are_gdelts_61():
    names = [n for n, _ in gdelt_columns()]
    assert len(names) == 61
    assert names[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert names[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                            "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                            "NumArticles", "AvgTone"]
    assert names[35] == "Actor1Geo_Type" and names[51] == "ActionGeo_Type"
    assert names[-2:] == ["DATEADDED", "SOURCEURL"]


def test_gdelt_every_row_has_61_fields_and_parses(db, tmp_path):
    out = tmp_path / "events.tsv"
    report = export(db, out, "gdelt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert report.rows["events"] == len(lines) == 4  # p1 group, i1, un1, s1; n1 negated
    assert all(len(line.split("\t")) == 61 for line in lines)
    frame = _read(out)
    assert len(frame) == 4
    dates = pd.to_datetime(frame["SQLDATE"], format="%Y%m%d")
    assert (dates.dt.year == frame["Year"]).all()
    assert (frame["MonthYear"] == frame["SQLDATE"].str[:6].astype(int)).all()
    assert frame["FractionDate"].between(2025, 2026).all()
    assert pd.to_datetime(frame["DATEADDED"].astype(str), format="%Y%m%d%H%M%S").notna().all()
    assert frame["GLOBALEVENTID"].is_unique


def test_gdelt_row_values_for_a_wire_story(db):
    rows = {r[5] + ">" + r[15]: r for r in gdelt_rows(db)}
    pak = rows["PAKGOV>RUSGOV"]
    assert pak[1:5] == ["20250901", "202509", "2025", "2025.6603"]
    assert pak[5:15] == ["PAKGOV", "PRIME MINISTER SHEHBAZ SHARIF", "PAK", "", "", "", "",
                         "GOV", "", ""]
    assert pak[25:32] == ["1", "040", "040", "04", "1", "1.0", "3"]
    assert pak[32:34] == ["3", "3"]  # NumSources, NumArticles: original, copy, near copy
    assert pak[51:59] == ["4", "Tianjin, China", "CH", "CH", "", "39.13", "117.2", ""]
    assert pak[60] == "https://news.example.com/p1"
    un = rows["CHNGOV>IGOUNO"]
    assert un[15:25] == ["IGOUNO", "UNITED NATIONS", "", "UNO", "", "", "", "IGO", "", ""]
    assert un[26:29] == ["112", "112", "11"]


def test_gdelt_unhappened_on_request(db):
    assert len(list(gdelt_rows(db, happened_only=False))) == 5


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2015, 2, 18), "2015.1315"), (dt.date(2025, 1, 1), "2025.0027"),
     (dt.date(2024, 12, 31), "2024.9890")],
)
def test_gdelt_fraction_date(day, expected):
    assert fraction_date(day) == expected


def test_gdelt_actor_and_geo_fields_with_gaps():
    assert actor_fields(None, None, None, None, None) == [""] * 10
    assert actor_fields("RUSMIL", None, "Russian troops", "RUS", ["MIL"])[:3] == [
        "RUSMIL", "RUSSIAN TROOPS", "RUS"]
    from tacitus.export.codes import load_countries

    countries = load_countries()
    assert action_geo(None, None, None, None, countries) == ["0"] + [""] * 7
    assert action_geo("Pakistan", "PAK", 30.0, 70.0, countries) == [
        "1", "Pakistan", "PK", "PK", "", "30.0", "70.0", "PK"]
    assert action_geo("Chicago", "USA", None, None, countries)[:3] == [
        "3", "Chicago, United States", "US"]


def test_gdelt_mentions_sixteen_columns_one_row_per_report(db, tmp_path):
    out = tmp_path / "mentions.tsv"
    report = export(db, out, "gdelt-mentions")
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert report.rows["mentions"] == len(lines) == 6  # p1 x3 (copy, near copy), i1, un1, s1
    assert all(len(fields) == 16 for fields in lines)
    assert [n for n, _ in gdelt_mentions_columns()][:3] == [
        "GlobalEventID", "EventTimeDate", "MentionTimeDate"]
    events = {r[0]: r for r in gdelt_rows(db)}
    pak = [f for f in lines if events[f[0]][5] == "PAKGOV"]
    assert len(pak) == 3 and len({f[0] for f in pak}) == 1
    assert {f[4] for f in pak} == {"Dawn Example", "Other Wire", "Evening Post"}
    first = next(f for f in pak if f[5].endswith("/p1"))
    assert first[3] == "1" and first[6] == "1"  # WEB, first sentence
    # Offsets of "Prime Minister Shehbaz Sharif" (0), the target and "met" in the article.
    assert first[7:10] == ["0", str(len("Prime Minister Shehbaz Sharif met ")),
                           str(len("Prime Minister Shehbaz Sharif "))]
    assert first[10:12] == ["1", "90"]
    assert int(first[12]) > 100 and first[13] == "-1.5" and first[14:] == ["", ""]
    assert dt.datetime.strptime(first[1], "%Y%m%d%H%M%S")
    with_negated = export(db, tmp_path / "all.tsv", "gdelt-mentions", happened_only=False)
    assert with_negated.rows["mentions"] == 7


def test_gdelt_mentions_in_raw_text_and_citation_only():
    base = {"group_id": 7, "event_added": None, "seen": dt.datetime(2025, 9, 1, 12, 30),
            "outlet": "Local Archive", "url": None, "doc": "letter-12", "sentence": 2,
            "source_start": 5, "target_start": None, "trigger_start": 11, "confidence": 0.04,
            "chars": 300, "tone": None, "source_found_by": "coreference",
            "target_found_by": None}
    fields = mention_row(base)
    assert fields[:7] == ["7", "", "20250901123000", "2", "Local Archive", "letter-12", "3"]
    assert fields[7:12] == ["5", "-1", "11", "0", "10"]
    assert fields[13] == ""
