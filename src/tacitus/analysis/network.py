"""Relation network: coded events in, country-pair edges and country nodes out.

In: an events DataFrame (as for dyads.py). Out: `relation_edges` gives one weighted edge per
country pair (directed, or both directions merged) with the number of events, mean Goldstein
score (-10 conflict .. +10 cooperation), the shares of cooperative and conflictual events
and a signed weight; `relation_nodes` gives each country's degree and strength; and
`network_series` gives the edges per period, for a dashboard that animates the network.
"""

from __future__ import annotations

import pandas as pd

from tacitus.analysis.frames import Freq, period_start, prepare, weight_column

EDGE_COLUMNS = ["source", "target", "events", "goldstein_mean", "cooperation_share",
                "conflict_share", "weight"]


def _edges(frame: pd.DataFrame, keys: list[str], directed: bool) -> pd.DataFrame:
    frame = frame.copy()
    if not directed:
        pair = frame[["source_country", "target_country"]]
        frame["source_country"] = pair.min(axis=1)
        frame["target_country"] = pair.max(axis=1)
    frame["coop"] = frame["quad_class"].isin([1, 2]) * frame["w"]
    frame["conf"] = frame["quad_class"].isin([3, 4]) * frame["w"]
    frame["gw"] = frame["goldstein"].fillna(0.0) * frame["w"]
    out = frame.groupby([*keys, "source_country", "target_country"]).agg(
        events=("w", "sum"), gw=("gw", "sum"), coop=("coop", "sum"), conf=("conf", "sum"),
    ).reset_index()
    out["goldstein_mean"] = out["gw"] / out["events"]
    out["cooperation_share"] = out["coop"] / out["events"]
    out["conflict_share"] = out["conf"] / out["events"]
    # Signed strength of the relation: mean Goldstein scaled to -1..1, times the events.
    out["weight"] = out["goldstein_mean"] / 10.0 * out["events"]
    out = out.rename(columns={"source_country": "source", "target_country": "target"})
    return out[[*keys, *EDGE_COLUMNS]]


def relation_edges(
    events: pd.DataFrame,
    *,
    directed: bool = True,
    min_events: int = 1,
    weight: str | None = None,
    happened_only: bool = True,
) -> pd.DataFrame:
    """One edge per (source, target) country pair (unordered when `directed` is False),
    heaviest first; pairs with fewer than `min_events` events are left out."""
    frame = prepare(events, happened_only=happened_only)
    if frame.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS)
    frame = frame.assign(w=weight_column(frame, weight))
    out = _edges(frame, [], directed)
    out = out[out["events"] >= min_events]
    order = out["weight"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order].reset_index(drop=True)


def relation_nodes(edges: pd.DataFrame) -> pd.DataFrame:
    """Per country: degree (partners), events, strength (sum of signed edge weights) and
    mean Goldstein over its edges' events; from `relation_edges` output."""
    columns = ["country", "degree", "events", "strength", "goldstein_mean"]
    if edges.empty:
        return pd.DataFrame(columns=columns)
    ends = pd.concat([
        edges[["source", "target", "events", "weight", "goldstein_mean"]].rename(
            columns={"source": "country", "target": "partner"}),
        edges[["target", "source", "events", "weight", "goldstein_mean"]].rename(
            columns={"target": "country", "source": "partner"}),
    ])
    ends["gw"] = ends["goldstein_mean"] * ends["events"]
    out = ends.groupby("country").agg(degree=("partner", "nunique"), events=("events", "sum"),
                                      strength=("weight", "sum"), gw=("gw", "sum"))
    out["goldstein_mean"] = out["gw"] / out["events"]
    out = out.reset_index().sort_values(["events", "country"], ascending=[False, True])
    return out[columns].reset_index(drop=True)


def network_series(
    events: pd.DataFrame,
    freq: Freq = "month",
    *,
    directed: bool = True,
    weight: str | None = None,
    happened_only: bool = True,
) -> pd.DataFrame:
    """The edges of each period (`period` column first), oldest period first."""
    frame = prepare(events, happened_only=happened_only)
    if frame.empty:
        return pd.DataFrame(columns=["period", *EDGE_COLUMNS])
    frame = frame.assign(w=weight_column(frame, weight))
    frame["period"] = period_start(frame["date"], freq)
    out = _edges(frame, ["period"], directed)
    return out.sort_values(["period", "events"], ascending=[True, False], ignore_index=True)
