"""Write src/tacitus/ontology/cameo.tsv from the reference facts in ../shared/reference.

Run once when the reference changes: python scripts/make_cameo_table.py ../shared/reference
The output is the project's own table; tests/ontology compares it with the reference.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tacitus.ontology.tables import FLAG_COLUMNS, RULE_COLUMNS

OUT = Path(__file__).resolve().parents[1] / "src/tacitus/ontology/cameo.tsv"
ROOT_PLOVER_02 = ("REQUEST", "", "")  # CAMEO 02 appeals: PLOVER folds them into REQUEST


def quad_class(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def rule_flags() -> dict[str, list[str]]:
    """{code: its rule cells (symmetric ... asks, tables.RULE_COLUMNS)} of the current table."""
    if not OUT.is_file():
        return {}
    lines = OUT.read_text(encoding="utf-8").splitlines()
    return {row[0]: row[7:] for row in (line.split("\t") for line in lines[1:]) if row}


def main(reference: Path) -> None:
    flags = rule_flags()
    names = dict(
        line.rstrip("\n").split("\t", 1)
        for line in (reference / "gdelt-cameo-eventcodes.tsv").read_text().splitlines()[1:]
    )
    weights = dict(
        line.strip().split("\t")
        for line in (reference / "gdelt-cameo-goldstein.tsv").read_text().splitlines()[1:]
    )
    crosswalk: dict[str, tuple[str, str, str]] = {}
    for line in (reference / "cameo-to-plover-2021.txt").read_text().splitlines():
        match = re.match(r"^(\d+):\s*([^#]*)", line)
        if not match or match.group(1) in crosswalk:
            continue
        parts = [p.strip() for p in match.group(2).split(",")] + ["", ""]
        context = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        crosswalk[match.group(1)] = (parts[0], parts[1].strip(), context)
    rows = [
        "code\tname\tgoldstein\tquad_class\tplover\tplover_mode\tplover_context"
        + "".join(f"\t{column}" for column in RULE_COLUMNS)
    ]
    for code, name in names.items():
        plover = crosswalk.get(code) or crosswalk.get(code[:3])
        if plover is None:
            plover = ROOT_PLOVER_02 if code.startswith("02") else ("", "", "")
        rows.append(
            "\t".join(
                [
                    code,
                    name.strip(),
                    weights[code],
                    str(quad_class(int(code[:2]))),
                    *plover,
                    *flags.get(code, ["0"] * len(FLAG_COLUMNS) + [""]),
                ]
            )
        )
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows) - 1} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"))
