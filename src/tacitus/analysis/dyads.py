"""Dyad time series: coded events in, one row per directed country pair and period out.

In: an events DataFrame (`tacitus.store.queries.events(db, grouped=True)` or any frame with
source_country, target_country, date, goldstein, quad_class, and optionally happened and a
weight column). Out: per pair and period the number of events, their mean and total Goldstein
score, counts per QuadClass (q1 verbal cooperation .. q4 material conflict) and the
cooperation-minus-conflict balance; periods with no events are filled with zeros so a series
plots as a continuous line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tacitus.analysis.frames import Freq, period_start, prepare, weight_column

COLUMNS = ["source_country", "target_country", "period", "events", "goldstein_mean",
           "goldstein_sum", "q1", "q2", "q3", "q4", "cooperation", "conflict", "balance"]


def _aggregate(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = frame.groupby(keys, sort=True)
    out = grouped.agg(events=("w", "sum"), goldstein_sum=("gw", "sum"),
                      **{f"q{q}": (f"q{q}", "sum") for q in range(1, 5)}).reset_index()
    out["goldstein_mean"] = out["goldstein_sum"] / out["events"].where(out["events"] > 0)
    out["cooperation"] = out["q1"] + out["q2"]
    out["conflict"] = out["q3"] + out["q4"]
    out["balance"] = (out["cooperation"] - out["conflict"]) / out["events"].where(
        out["events"] > 0)
    return out


def _weighted(frame: pd.DataFrame, weight: str | None) -> pd.DataFrame:
    frame = frame.assign(w=weight_column(frame, weight))
    frame["gw"] = frame["goldstein"].fillna(0.0) * frame["w"]
    for q in range(1, 5):
        frame[f"q{q}"] = np.where(frame["quad_class"] == q, frame["w"], 0.0)
    return frame


def dyad_series(
    events: pd.DataFrame,
    freq: Freq = "week",
    *,
    dyads: list[tuple[str, str]] | None = None,
    weight: str | None = None,
    fill: bool = True,
    happened_only: bool = True,
) -> pd.DataFrame:
    """Per directed pair and period: events, goldstein_mean/sum, q1..q4, cooperation,
    conflict and balance ((cooperation - conflict) / events, -1..1).

    `dyads` keeps only those (source, target) pairs; `weight` counts each event by a column
    (e.g. "num_articles") instead of once; `fill` adds zero rows for empty periods between a
    pair's first and the frame's last period.
    """
    frame = prepare(events, happened_only=happened_only)
    if dyads is not None:
        wanted = pd.MultiIndex.from_tuples(dyads)
        pairs = pd.MultiIndex.from_frame(frame[["source_country", "target_country"]])
        frame = frame[pairs.isin(wanted)]
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = _weighted(frame, weight)
    frame["period"] = period_start(frame["date"], freq)
    out = _aggregate(frame, ["source_country", "target_country", "period"])
    if fill:
        out = _fill(out, freq)
    counts = ["events", "q1", "q2", "q3", "q4", "cooperation", "conflict"]
    if weight is None:
        out[counts] = out[counts].astype("int64")
    return out[COLUMNS].sort_values(["source_country", "target_country", "period"],
                                    ignore_index=True)


def _fill(out: pd.DataFrame, freq: str) -> pd.DataFrame:
    last = out["period"].max()
    pieces = []
    for (source, target), rows in out.groupby(["source_country", "target_country"]):
        index = pd.Series(pd.date_range(rows["period"].min(), last, freq="D"))
        periods = pd.Index(period_start(index, freq).unique(), name="period")
        full = rows.set_index("period").reindex(periods)
        full["source_country"], full["target_country"] = source, target
        zero = ["events", "goldstein_sum", "q1", "q2", "q3", "q4", "cooperation", "conflict"]
        full[zero] = full[zero].fillna(0)
        pieces.append(full.reset_index())
    return pd.concat(pieces, ignore_index=True)


def dyad_summary(events: pd.DataFrame, *, top: int | None = None, weight: str | None = None,
                 happened_only: bool = True) -> pd.DataFrame:
    """One row per directed pair over the whole frame, most events first (same columns as
    `dyad_series` without `period`, plus first and last event dates)."""
    frame = prepare(events, happened_only=happened_only)
    columns = [c for c in COLUMNS if c != "period"] + ["first", "last"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = _weighted(frame, weight)
    out = _aggregate(frame, ["source_country", "target_country"])
    span = frame.groupby(["source_country", "target_country"])["date"].agg(["min", "max"])
    out = out.merge(span.rename(columns={"min": "first", "max": "last"}).reset_index())
    out = out.sort_values(["events", "source_country", "target_country"],
                          ascending=[False, True, True], ignore_index=True)
    if top is not None:
        out = out.head(top)
    return out[columns]


def reciprocity(series: pd.DataFrame) -> pd.DataFrame:
    """Pair each directed series row with its reverse (A->B with B->A in the same period):
    columns source_country, target_country, period, goldstein_mean, reverse_goldstein_mean,
    events, reverse_events."""
    keep = ["source_country", "target_country", "period", "events", "goldstein_mean"]
    left = series[keep]
    right = left.rename(columns={"source_country": "target_country",
                                 "target_country": "source_country",
                                 "events": "reverse_events",
                                 "goldstein_mean": "reverse_goldstein_mean"})
    out = left.merge(right, on=["source_country", "target_country", "period"], how="left")
    out["reverse_events"] = out["reverse_events"].fillna(0).astype("int64")
    return out
