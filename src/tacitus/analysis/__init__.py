"""Analysis of stored events: dyad time series and the country relation network.

DataFrames in (events from `tacitus.store.queries.events`), DataFrames out; nothing here
reads or writes files, so the dashboard and notebooks call these on whatever they queried.
"""

from tacitus.analysis.dyads import dyad_series, dyad_summary, reciprocity
from tacitus.analysis.network import network_series, relation_edges, relation_nodes

__all__ = ["dyad_series", "dyad_summary", "network_series", "reciprocity", "relation_edges",
           "relation_nodes"]
