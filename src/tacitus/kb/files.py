"""Low-level readers for KB data files: YAML lists with line numbers, TSV rows with comments.

Every malformed file raises `DataError("data_file", path=, line=, reason=)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from tacitus.errors import DataError

LINE_KEY = "__line__"
_COMMENT = re.compile(r"(?:^|(?<=\s))#")

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe YAML loader that records each mapping's line number under LINE_KEY."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def fail(path: Path | str, line: int | str, reason: str) -> DataError:
    """The error for a malformed data file (raise the result)."""
    return DataError("data_file", path=str(path), line=line, reason=reason)


def read_yaml_list(path: Path) -> list[dict[str, Any]]:
    """A YAML file holding a list of mappings -> that list (each with its LINE_KEY)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise fail(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise fail(path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    except ValueError as exc:  # an unquoted value YAML reads as a bad date: 1991-13-01
        raise fail(path, 0, f"not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise fail(path, 1, "expected a list of mappings")
    return data


def split_comment(line: str) -> tuple[str, str]:
    """'a\tb  # note' -> ('a\tb', 'note'); a '#' only starts a comment at the line start or
    after whitespace."""
    match = _COMMENT.search(line)
    if match is None:
        return line, ""
    return line[: match.start()], line[match.end() :].strip()


def read_tsv(
    path: Path, columns: Sequence[str], *, optional_tail: int = 0, text: str | None = None
) -> Iterator[tuple[int, list[str], str]]:
    """Yield (line number, cells, trailing comment) for each data row of a TSV file.

    The first non-comment line must be the header `columns`. A row has len(columns) cells,
    or up to `optional_tail` fewer (missing trailing cells read as ""). Cells are stripped of
    spaces. Blank lines and lines starting with '#' are skipped.
    """
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise fail(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        body, comment = split_comment(raw.lstrip("\ufeff"))
        if not body.strip():
            continue
        # whitespace before a trailing comment separates it from the row, not cells
        body = body.rstrip(" \t") if comment else body.rstrip(" ")
        cells = [cell.strip(" ") for cell in body.split("\t")]
        if not header_seen:
            if [cell.strip() for cell in cells] != list(columns):
                raise fail(path, number, f"expected the header line {'<TAB>'.join(columns)}")
            header_seen = True
            continue
        if not len(columns) - optional_tail <= len(cells) <= len(columns):
            raise fail(
                path,
                number,
                f"expected {len(columns)} tab-separated columns "
                f"({', '.join(columns)}), found {len(cells)}",
            )
        cells += [""] * (len(columns) - len(cells))
        yield number, cells, comment
    if not header_seen:
        raise fail(path, 1, f"missing the header line {'<TAB>'.join(columns)}")
