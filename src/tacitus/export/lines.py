"""Writing an export file line by line: one writer shared by the GDELT and PLOVER exports."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_lines(out: str | os.PathLike[str], lines: Iterable[str]) -> int:
    """Write `lines` (without their line ends) to `out` as UTF-8 with \\n ends; returns
    how many were written. Parent folders are created."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")
            count += 1
    return count
