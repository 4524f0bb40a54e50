"""Plotly figures for the dashboard: DataFrames in, figure JSON out (drawn in the browser
by the plotly.js that ships inside the plotly package, served by the app itself).

`quad_chart` stacks events per QuadClass and period; `dyad_chart` adds the mean Goldstein
score on a second axis; `network_chart` lays the country relation graph out with networkx
(edge colour = mean Goldstein, width = number of events). `json_script` embeds a figure in a
page as an inert JSON block that cannot end the element it sits in.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any
from urllib.parse import quote

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

QUADS = {
    1: ("verbal cooperation", "#74c476"),
    2: ("material cooperation", "#238b45"),
    3: ("verbal conflict", "#fd8d3c"),
    4: ("material conflict", "#cb181d"),
}
GOLDSTEIN_SCALE = "RdYlGn"
_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
_CONFIG = {"displaylogo": False, "responsive": True}
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
            0x2028: "\\u2028", 0x2029: "\\u2029"}


def _layout(fig: go.Figure, height: int = 340, **extra: Any) -> dict[str, Any]:
    fig.update_layout(template="plotly_white", height=height, margin={"l": 50, "r": 20,
                      "t": 30, "b": 40}, legend={"orientation": "h", "y": -0.18}, **extra)
    return {**json.loads(fig.to_json()), "config": _CONFIG}


def fill_periods(series: pd.DataFrame, period: str) -> pd.DataFrame:
    """`series` (one row per `period` start) with a row of zero counts for every missing
    period between its first and last, so that gaps in time show as gaps."""
    if series.empty:
        return series
    starts = pd.to_datetime(series["period"])
    every = pd.date_range(starts.min(), starts.max(), freq=_FREQ[period])
    full = series.assign(period=starts).set_index("period").reindex(every)
    counts = [c for c in full.columns if c.startswith("q") or c == "events"]
    full[counts] = full[counts].fillna(0).astype("int64")
    return full.rename_axis("period").reset_index()


def _labels(series: pd.DataFrame, period: str) -> list[str]:
    shown = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[period]
    return [pd.Timestamp(p).strftime(shown) for p in series["period"]]


def quad_chart(series: pd.DataFrame, period: str = "week") -> dict[str, Any]:
    """Stacked bars: events per period (`period` column, starts of days, weeks, months or
    years) and QuadClass (q1..q4 columns); empty periods shown as such."""
    series = fill_periods(series, period)
    fig = go.Figure()
    periods = _labels(series, period) if len(series) else []
    for quad, (name, colour) in QUADS.items():
        values = series[f"q{quad}"].tolist() if len(series) else []
        fig.add_trace(go.Bar(x=periods, y=values, name=f"{quad} {name}",
                             marker_color=colour))
    return _layout(fig, barmode="stack", yaxis_title="events", xaxis_type="category",
                   xaxis_title=f"{period} starting")


def dyad_chart(series: pd.DataFrame, period: str = "month") -> dict[str, Any]:
    """Events per QuadClass (stacked bars) and the mean Goldstein score (line, right axis)
    per period; `series` has period, q1..q4 and goldstein_mean columns."""
    series = fill_periods(series, period)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    periods = _labels(series, period) if len(series) else []
    for quad, (name, colour) in QUADS.items():
        fig.add_trace(go.Bar(x=periods, y=series[f"q{quad}"].tolist(),
                             name=f"{quad} {name}", marker_color=colour), secondary_y=False)
    fig.add_trace(go.Scatter(x=periods, y=[_number(v) for v in series["goldstein_mean"]],
                             name="mean Goldstein", mode="lines+markers",
                             line={"color": "#1f3b73", "width": 2}), secondary_y=True)
    fig.update_yaxes(title_text="events", secondary_y=False)
    fig.update_yaxes(title_text="mean Goldstein", range=[-10.5, 10.5], secondary_y=True,
                     zeroline=True)
    return _layout(fig, barmode="stack", xaxis_type="category",
                   xaxis_title=f"{period} starting")


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def goldstein_colour(value: float | None) -> str:
    """A colour for a mean Goldstein score: red (-10) through yellow to green (+10)."""
    score = 0.0 if value is None or not math.isfinite(value) else max(-10.0, min(10.0, value))
    return sample_colorscale(GOLDSTEIN_SCALE, [(score + 10.0) / 20.0])[0]


def layout_graph(edges: pd.DataFrame, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions for a relation graph (networkx spring layout, fixed seed, so the same
    edges always draw the same picture)."""
    graph = nx.Graph()
    for row in edges.itertuples(index=False):
        graph.add_edge(row.source_country, row.target_country,
                       weight=float(row.events))
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(graph, seed=seed, weight="weight",
                                 k=2.0 / math.sqrt(graph.number_of_nodes()))
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def network_chart(edges: pd.DataFrame, node_url: str = "/countries/") -> dict[str, Any]:
    """The directed country relation graph: one line per pair, coloured by mean Goldstein
    and as wide as its share of events; nodes sized by events, linking to their page.
    Country codes are HTML-escaped in labels (plotly reads a few tags in text)."""
    positions = layout_graph(edges)
    fig = go.Figure()
    most = float(edges["events"].max()) if len(edges) else 1.0
    mid_x, mid_y, hover = [], [], []
    for row in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = positions[row.source_country], positions[row.target_country]
        mean = _number(row.goldstein_mean)
        width = 1.0 + 9.0 * float(row.events) / most
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
                                 line={"color": goldstein_colour(mean), "width": width},
                                 showlegend=False))
        # Hover point three quarters of the way, nearer the target: shows the direction.
        mid_x.append(x0 + 0.75 * (x1 - x0))
        mid_y.append(y0 + 0.75 * (y1 - y0))
        hover.append(f"{escape(row.source_country)} → {escape(row.target_country)}: "
                     f"{int(row.events)} events, mean Goldstein "
                     f"{mean if mean is None else round(mean, 2)}")
    fig.add_trace(go.Scatter(
        x=mid_x, y=mid_y, mode="markers", hovertext=hover, hoverinfo="text",
        showlegend=False, marker={"size": 7, "symbol": "diamond", "color": "#555"}))
    totals: dict[str, float] = {}
    for row in edges.itertuples(index=False):
        for node in (row.source_country, row.target_country):
            totals[node] = totals.get(node, 0.0) + float(row.events)
    nodes = sorted(positions)
    biggest = max(totals.values(), default=1.0)
    fig.add_trace(go.Scatter(
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
        mode="markers+text", text=[escape(n) for n in nodes], textposition="top center",
        showlegend=False, customdata=[f"{node_url}{quote(n, safe='')}" for n in nodes],
        hovertext=[f"{escape(n)}: {int(totals[n])} events (click for its page)"
                   for n in nodes],
        hoverinfo="text",
        marker={"size": [12 + 18 * totals[n] / biggest for n in nodes], "color": "#dde6f5",
                "line": {"color": "#1f3b73", "width": 1.5}},
    ))
    # An invisible trace carries the colour bar: the Goldstein scale of the edges.
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker={"colorscale": GOLDSTEIN_SCALE, "cmin": -10, "cmax": 10, "color": [0],
                "showscale": True, "colorbar": {"title": {"text": "mean<br>Goldstein"}}}))
    hidden = {"showgrid": False, "zeroline": False, "showticklabels": False}
    return _layout(fig, height=560, xaxis=hidden, yaxis=hidden, hovermode="closest")


def json_script(value: Any, element_id: str) -> Markup:
    """`value` as `<script type="application/json" id=...>`: data, never run, with <, > and &
    escaped so no stored string can close the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    text = text.translate(_ESCAPES)
    safe_id = "".join(c for c in element_id if c.isalnum() or c in "-_")
    return Markup(f'<script type="application/json" class="figure" id="{safe_id}">'
                  f"{text}</script>")
