"""The one TSV table reader: comments, header, cell counts."""

from __future__ import annotations

import pytest

from tacitus.datafiles import read_rows
from tacitus.errors import DataError


def test_datafiles_skip_comments_and_header():
    rows = read_rows("tacitus.ontology", "intent.tsv", 2)
    assert rows and all(len(cells) == 2 for _, cells in rows)
    assert ["prefix", "intent_code"] not in [cells for _, cells in rows]
    assert ("04", "036") in [tuple(cells) for _, cells in rows]


def test_datafiles_wrong_cell_count_names_file_and_line():
    with pytest.raises(DataError, match=r"intent\.tsv, line \d+"):
        read_rows("tacitus.ontology", "intent.tsv", 3)
