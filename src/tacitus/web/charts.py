"""Plotly figures for the dashboard: DataFrames in, figure JSON out (drawn in the browser
by the plotly.js that ships inside the plotly package, served by the app itself).

`quad_chart` stacks events per QuadClass and period; `dyad_chart` adds the mean Goldstein
score on a second axis; `network_chart` lays the country relation graph out with networkx
(edge colour = mean Goldstein, width = number of events). `json_script` embeds a figure in a
page as an inert JSON block that cannot end the element it sits in.

Figures are written as plain plotly.js JSON ({"data", "layout", "config"}) rather than built
through plotly's Python graph objects: those validate every property of every trace (about
a millisecond per network edge) and embed the 7 kB plotly_white template in every figure;
the few style settings used here are in STYLE.
"""

from __future__ import annotations

import bisect
import json
import math
from html import escape
from typing import Any
from urllib.parse import quote

import networkx as nx
import pandas as pd
from markupsafe import Markup
from plotly.colors import get_colorscale, unlabel_rgb

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
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
         "automargin": True, "ticks": ""}
# The look of every figure (what plotly's "plotly_white" template sets and these use).
STYLE = {
    "font": {"color": "#2a3f5f"}, "paper_bgcolor": "white", "plot_bgcolor": "white",
    "hoverlabel": {"align": "left"},
}


def _figure(data: list[dict[str, Any]], height: int = 340, **layout: Any) -> dict[str, Any]:
    """A figure from traces and layout settings laid over STYLE."""
    axes = {name: {**_AXIS, **layout.pop(name, {})} for name in ("xaxis", "yaxis")}
    full = {**STYLE, "height": height, "margin": {"l": 50, "r": 20, "t": 40, "b": 40},
            "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom",
                       "traceorder": "normal"}, **axes, **layout}
    return {"data": data, "layout": full, "config": dict(_CONFIG)}


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


def _bars(series: pd.DataFrame, periods: list[str], **axes: str) -> list[dict[str, Any]]:
    """One bar trace per QuadClass (q1..q4 columns of `series`)."""
    return [{"type": "bar", "x": periods,
             "y": series[f"q{quad}"].tolist() if len(series) else [],
             "name": f"{quad} {name}", "marker": {"color": colour}, **axes}
            for quad, (name, colour) in QUADS.items()]


def quad_chart(series: pd.DataFrame, period: str = "week") -> dict[str, Any]:
    """Stacked bars: events per period (`period` column, starts of days, weeks, months or
    years) and QuadClass (q1..q4 columns); empty periods shown as such."""
    series = fill_periods(series, period)
    periods = _labels(series, period) if len(series) else []
    return _figure(_bars(series, periods), barmode="stack",
                   yaxis={"title": {"text": "events"}},
                   xaxis={"type": "category", "title": {"text": f"{period} starting"}})


def dyad_chart(series: pd.DataFrame, period: str = "month") -> dict[str, Any]:
    """Events per QuadClass (stacked bars) and the mean Goldstein score (line, right axis)
    per period; `series` has period, q1..q4 and goldstein_mean columns."""
    series = fill_periods(series, period)
    periods = _labels(series, period) if len(series) else []
    line = {"type": "scatter", "x": periods, "name": "mean Goldstein",
            "y": [_number(v) for v in series["goldstein_mean"]] if len(series) else [],
            "mode": "lines+markers", "line": {"color": "#1f3b73", "width": 2},
            "xaxis": "x", "yaxis": "y2"}
    return _figure(
        [*_bars(series, periods, xaxis="x", yaxis="y"), line], barmode="stack",
        xaxis={"type": "category", "title": {"text": f"{period} starting"}, "anchor": "y",
               "domain": [0.0, 0.94]},
        yaxis={"title": {"text": "events"}, "anchor": "x"},
        yaxis2={**_AXIS, "title": {"text": "mean Goldstein"}, "range": [-10.5, 10.5],
                "tickvals": [-10, -5, 0, 5, 10], "zeroline": True, "anchor": "x",
                "overlaying": "y", "side": "right", "showgrid": False})


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def goldstein_colours(values: list[float | None]) -> list[str]:
    """Colours for mean Goldstein scores: red (-10) through yellow to green (+10), as
    plotly's sample_colorscale gives them on GOLDSTEIN_SCALE (which validates every colour
    it makes, a quarter of a millisecond each; this interpolates the scale's stops)."""
    stops = get_colorscale(GOLDSTEIN_SCALE)
    places = [float(place) for place, _ in stops]
    rgbs = [unlabel_rgb(colour) for _, colour in stops]
    out = []
    for value in values:
        score = 0.0 if value is None or not math.isfinite(value) else value
        point = (max(-10.0, min(10.0, score)) + 10.0) / 20.0
        high = min(max(bisect.bisect_left(places, point), 1), len(places) - 1)
        low = high - 1
        share = (point - places[low]) / (places[high] - places[low])
        channels = (round(255.0 * (a / 255.0 + share * (b / 255.0 - a / 255.0)))
                    for a, b in zip(rgbs[low], rgbs[high], strict=True))
        out.append("rgb({}, {}, {})".format(*channels))
    return out


def goldstein_colour(value: float | None) -> str:
    """A colour for a mean Goldstein score: red (-10) through yellow to green (+10)."""
    return goldstein_colours([value])[0]


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


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    """A layout position to 4 decimals (a ten-thousandth of the drawing: no visible change,
    a third of the figure's bytes)."""
    return round(point[0], 4), round(point[1], 4)


def network_chart(edges: pd.DataFrame, node_url: str = "/countries/",
                  positions: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """The directed country relation graph: one line per pair, coloured by mean Goldstein
    and as wide as its share of events (pairs drawn alike share a trace); nodes sized by
    events, linking to their page. `positions` (from `layout_graph`) saves laying the graph
    out again. Country codes are HTML-escaped in labels (plotly reads a few tags in text)."""
    positions = layout_graph(edges) if positions is None else positions
    rows = list(edges[["source_country", "target_country", "events", "goldstein_mean"]]
                .itertuples(index=False, name=None))
    most = float(edges["events"].max()) if len(edges) else 1.0
    means = [_number(mean) for *_, mean in rows]
    lines: dict[tuple[str, float], dict[str, Any]] = {}
    mid_x, mid_y, hover = [], [], []
    totals: dict[str, float] = {}
    for (source, target, count, _), mean, colour in zip(rows, means, goldstein_colours(means),
                                                        strict=True):
        (x0, y0), (x1, y1) = (_rounded(positions[side]) for side in (source, target))
        width = 1.0 + 9.0 * float(count) / most
        line = lines.setdefault((colour, width), {
            "type": "scatter", "x": [], "y": [], "mode": "lines", "hoverinfo": "skip",
            "line": {"color": colour, "width": width}, "showlegend": False})
        line["x"] += [x0, x1, None]
        line["y"] += [y0, y1, None]
        # Hover point three quarters of the way, nearer the target: shows the direction.
        mid_x.append(round(x0 + 0.75 * (x1 - x0), 4))
        mid_y.append(round(y0 + 0.75 * (y1 - y0), 4))
        hover.append(f"{escape(source)} → {escape(target)}: {int(count)} events, mean "
                     f"Goldstein {mean if mean is None else round(mean, 2)}")
        for node in (source, target):
            totals[node] = totals.get(node, 0.0) + float(count)
    for line in lines.values():  # no gap after the last segment
        del line["x"][-1], line["y"][-1]
    nodes = sorted(positions)
    biggest = max(totals.values(), default=1.0)
    data = [*lines.values(), {
        "type": "scatter", "x": mid_x, "y": mid_y, "mode": "markers", "hovertext": hover,
        "hoverinfo": "text", "showlegend": False,
        "marker": {"size": 7, "symbol": "diamond", "color": "#555"}}, {
        "type": "scatter", "x": [_rounded(positions[n])[0] for n in nodes],
        "y": [_rounded(positions[n])[1] for n in nodes], "mode": "markers+text",
        "text": [escape(n) for n in nodes], "textposition": "top center", "showlegend": False,
        "customdata": [f"{node_url}{quote(n, safe='')}" for n in nodes],
        "hovertext": [f"{escape(n)}: {int(totals.get(n, 0))} events (click for its page)"
                      for n in nodes],
        "hoverinfo": "text",
        "marker": {"size": [round(12 + 18 * totals.get(n, 0) / biggest, 2) for n in nodes],
                   "color": "#dde6f5", "line": {"color": "#1f3b73", "width": 1.5}}}, {
        # An invisible trace carries the colour bar: the Goldstein scale of the edges.
        "type": "scatter", "x": [None], "y": [None], "mode": "markers", "showlegend": False,
        "hoverinfo": "skip",
        "marker": {"colorscale": get_colorscale(GOLDSTEIN_SCALE), "cmin": -10, "cmax": 10,
                   "color": [0], "showscale": True,
                   "colorbar": {"title": {"text": "mean<br>Goldstein"}}}}]
    hidden = {"showgrid": False, "zeroline": False, "showticklabels": False,
              "showline": False}
    return _figure(data, height=560, xaxis=hidden, yaxis=hidden, hovermode="closest")


def json_script(value: Any, element_id: str) -> Markup:
    """`value` as `<script type="application/json" id=...>`: data, never run, with <, > and &
    escaped so no stored string can close the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)
    text = text.translate(_ESCAPES)
    safe_id = "".join(c for c in element_id if c.isalnum() or c in "-_")
    return Markup(f'<script type="application/json" class="figure" id="{safe_id}">'
                  f"{text}</script>")
