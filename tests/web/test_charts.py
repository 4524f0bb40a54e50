"""Figures: QuadClass bars with empty periods filled, the dyad chart's two axes, the
network's layout and colours."""

from __future__ import annotations

import json

import pandas as pd

from tacitus.web.charts import (
    dyad_chart,
    fill_periods,
    goldstein_colour,
    goldstein_colours,
    layout_graph,
    network_chart,
    quad_chart,
)


def _series(periods, **columns):
    frame = pd.DataFrame({"period": pd.to_datetime(periods)})
    for quad in range(1, 5):
        frame[f"q{quad}"] = columns.get(f"q{quad}", [0] * len(periods))
    return frame


def test_charts_fill_periods_adds_empty_months():
    filled = fill_periods(_series(["2025-01-01", "2025-04-01"], q1=[2, 3]), "month")
    assert [str(p)[:10] for p in filled["period"]] == [
        "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]
    assert filled["q1"].tolist() == [2, 0, 0, 3]


def test_charts_quad_chart_has_four_stacked_traces():
    figure = quad_chart(_series(["2025-09-01", "2025-09-15"], q4=[1, 2]), "week")
    assert [t["name"] for t in figure["data"]] == [
        "1 verbal cooperation", "2 material cooperation", "3 verbal conflict",
        "4 material conflict"]
    assert figure["data"][3]["x"] == ["2025-09-01", "2025-09-08", "2025-09-15"]
    assert figure["data"][3]["y"] == [1, 0, 2]
    assert figure["layout"]["barmode"] == "stack" and figure["config"]["displaylogo"] is False


def test_charts_quad_chart_empty():
    figure = quad_chart(_series([]), "week")
    assert all(trace["x"] == [] for trace in figure["data"])


def test_charts_dyad_chart_goldstein_on_second_axis():
    series = _series(["2025-09-01", "2025-11-01"], q1=[1, 1])
    series["goldstein_mean"] = [4.0, float("nan")]
    figure = dyad_chart(series, "month")
    line = figure["data"][-1]
    assert line["name"] == "mean Goldstein" and line["yaxis"] == "y2"
    assert line["y"] == [4.0, None, None]  # the empty month and the NaN draw no point
    assert figure["layout"]["yaxis2"]["range"] == [-10.5, 10.5]


def test_charts_goldstein_colour_runs_red_to_green():
    assert goldstein_colour(-10) == "rgb(165, 0, 38)"
    assert goldstein_colour(10) == "rgb(0, 104, 55)"
    assert goldstein_colour(None) == goldstein_colour(0.0) == goldstein_colour(float("nan"))
    assert goldstein_colour(50) == goldstein_colour(10)


EDGES = pd.DataFrame({"source_country": ["PAK", "IND", "CHN"],
                      "target_country": ["RUS", "RUS", "IND"], "events": [4, 1, 2],
                      "goldstein_mean": [3.0, -8.0, None]})


def test_charts_layout_is_reproducible():
    assert layout_graph(EDGES) == layout_graph(EDGES)
    assert set(layout_graph(EDGES)) == {"PAK", "RUS", "IND", "CHN"}


def test_charts_network_edges_width_colour_and_node_links():
    figure = network_chart(EDGES)
    lines = [t for t in figure["data"] if t.get("mode") == "lines"]
    assert [t["line"]["width"] for t in lines] == [10.0, 3.25, 5.5]
    assert lines[1]["line"]["color"] == goldstein_colour(-8.0)
    nodes = next(t for t in figure["data"] if t.get("mode") == "markers+text")
    assert nodes["customdata"] == ["/countries/CHN", "/countries/IND", "/countries/PAK",
                                   "/countries/RUS"]
    hover = next(t for t in figure["data"] if t.get("marker", {}).get("symbol") == "diamond")
    assert hover["hovertext"][0] == "PAK → RUS: 4 events, mean Goldstein 3.0"


def test_charts_goldstein_colours_match_plotlys_sampling():
    from plotly.colors import sample_colorscale

    scores = [-10 + 20 * i / 400 for i in range(401)]
    assert goldstein_colours(scores) == sample_colorscale(
        "RdYlGn", [(s + 10) / 20 for s in scores])


def test_charts_network_pairs_drawn_alike_share_one_trace():
    edges = pd.DataFrame({"source_country": ["PAK", "IND"], "target_country": ["RUS", "CHN"],
                          "events": [3, 3], "goldstein_mean": [1.0, 1.0]})
    figure = network_chart(edges)
    lines = [t for t in figure["data"] if t.get("mode") == "lines"]
    assert len(lines) == 1 and lines[0]["x"].count(None) == 1  # two segments, one gap
    bar = figure["data"][-1]["marker"]
    assert bar["colorscale"][0] == [0.0, "rgb(165,0,38)"]  # stops, not a name plotly.js lacks
    json.dumps(figure, allow_nan=False)  # plain JSON, as the page embeds it


def test_charts_site_remembers_layouts_by_pairs_and_counts(tmp_path, monkeypatch):
    from tacitus.web import site as site_module

    site = site_module.Site(db=tmp_path / "none.duckdb")
    first = site.layout(EDGES)
    assert first == layout_graph(EDGES) and site.layout(EDGES.copy()) is first
    more = EDGES.assign(events=[4, 1, 3])  # another count: another graph
    assert site.layout(more) is not first
    monkeypatch.setattr(site_module, "LAYOUTS", 1)
    site.layout(EDGES.assign(events=[5, 1, 2]))  # a third graph: only it is kept
    assert len(site._layouts) == 1 and site.layout(EDGES) is not first
