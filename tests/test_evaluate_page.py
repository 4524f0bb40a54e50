"""The evaluation page keeps what people wrote around its generated block."""

from __future__ import annotations

from tacitus.evaluate import BEGIN_MARK, END_MARK, update_page


def test_evaluate_page_replaces_only_the_block():
    page = f"# Evaluation\n\nintro\n\n{BEGIN_MARK}\nold tables\n{END_MARK}\n\n## History\nnotes\n"
    updated = update_page(page, "new tables")
    assert "old tables" not in updated and "new tables" in updated
    assert updated.startswith("# Evaluation\n\nintro") and updated.endswith("## History\nnotes\n")


def test_evaluate_page_without_markers_keeps_old_text_after():
    updated = update_page("hand-written notes\n", "tables")
    assert updated.index("tables") < updated.index("hand-written notes")
    assert BEGIN_MARK in updated and END_MARK in updated
