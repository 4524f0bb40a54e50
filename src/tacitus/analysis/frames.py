"""Shared checks for the analysis functions: the event columns they need, periods."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from tacitus.errors import InputError

Freq = Literal["day", "week", "month", "quarter", "year"]
# Pandas period codes; weeks start on Monday as in the store's dyad series.
PERIODS: dict[str, str] = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q",
                           "year": "Y"}
NEEDED = ("source_country", "target_country", "date", "goldstein", "quad_class")


def prepare(events: pd.DataFrame, *, happened_only: bool = True,
            domestic: bool = False) -> pd.DataFrame:
    """A copy of `events` with the needed columns checked, dates parsed, rows without a
    country pair or date dropped, and (by default) only events that happened and only
    pairs of two different countries kept."""
    missing = [c for c in NEEDED if c not in events.columns]
    if missing:
        raise InputError("frame_columns", columns=", ".join(missing))
    frame = events.copy()
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    frame = frame.dropna(subset=["source_country", "target_country", "date"])
    if happened_only and "happened" in frame.columns:
        frame = frame[frame["happened"].fillna(False).astype(bool)]
    if not domestic:
        frame = frame[frame["source_country"] != frame["target_country"]]
    frame["goldstein"] = pd.to_numeric(frame["goldstein"], errors="coerce")
    frame["quad_class"] = pd.to_numeric(frame["quad_class"], errors="coerce")
    return frame


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """Each date's period start (Monday for weeks) as a Timestamp."""
    if freq not in PERIODS:
        raise InputError("bad_series", value=freq, choices=", ".join(PERIODS))
    return dates.dt.to_period(PERIODS[freq]).dt.start_time


def weight_column(frame: pd.DataFrame, weight: str | None) -> pd.Series:
    """Per-event weights: 1 each, or a count column such as num_articles / num_mentions."""
    if weight is None:
        return pd.Series(1.0, index=frame.index)
    if weight not in frame.columns:
        raise InputError("frame_columns", columns=weight)
    return pd.to_numeric(frame[weight], errors="coerce").fillna(1.0)
