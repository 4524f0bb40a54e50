"""Relation network: edges per country pair, nodes, and edges per period."""

from __future__ import annotations

import pytest

from tacitus.analysis import network_series, relation_edges, relation_nodes

from .test_dyads import FRAME, events


def test_network_directed_edges():
    edges = relation_edges(FRAME)
    pak = edges[(edges.source == "PAK") & (edges.target == "RUS")].iloc[0]
    assert pak["events"] == 3
    assert pak["goldstein_mean"] == pytest.approx(7.0 / 3)
    assert pak["cooperation_share"] == pytest.approx(2 / 3)
    assert pak["conflict_share"] == pytest.approx(1 / 3)
    assert pak["weight"] == pytest.approx(0.7)
    assert list(edges["weight"].abs()) == sorted(edges["weight"].abs(), reverse=True)


def test_network_undirected_merges_both_directions():
    edges = relation_edges(FRAME, directed=False)
    pair = edges[(edges.source == "PAK") & (edges.target == "RUS")].iloc[0]
    assert pair["events"] == 4 and pair["goldstein_mean"] == pytest.approx(11.0 / 4)
    assert len(edges[(edges.source == "RUS") & (edges.target == "PAK")]) == 0


def test_network_min_events_and_nodes():
    edges = relation_edges(FRAME, min_events=2)
    assert list(zip(edges.source, edges.target, strict=True)) == [("PAK", "RUS")]
    nodes = relation_nodes(relation_edges(FRAME)).set_index("country")
    assert nodes.loc["RUS", "degree"] == 2 and nodes.loc["RUS", "events"] == 5
    assert nodes.loc["IND", "degree"] == 1


def test_network_series_per_month():
    frame = events(("PAK", "RUS", "2025-08-30", 1.0, 1), ("PAK", "RUS", "2025-09-02", -4.0, 3),
                   ("IND", "CHN", "2025-09-05", -4.0, 3))
    out = network_series(frame, "month")
    assert [str(p.date()) for p in out["period"]] == ["2025-08-01", "2025-09-01",
                                                      "2025-09-01"]
    assert list(out["conflict_share"]) == [0.0, 1.0, 1.0]


def test_network_empty():
    assert relation_edges(FRAME.iloc[0:0]).empty
    assert relation_nodes(relation_edges(FRAME.iloc[0:0])).empty
