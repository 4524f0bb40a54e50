"""The import contracts (.importlinter) hold, and really fail when someone imports upwards.

Every import counts: at module level, inside a function, or under TYPE_CHECKING (grimp, the
graph builder import-linter uses, reads them all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "tacitus"
LINT = Path(sys.executable).parent / "lint-imports"


CYCLES = """
import json, sys

import grimp

graph = grimp.build_graph(sys.argv[1], cache_dir=None)
edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
index, low, stack, on_stack, found = {}, {}, [], set(), []


def visit(module):  # Tarjan's strongly connected components
    index[module] = low[module] = len(index)
    stack.append(module)
    on_stack.add(module)
    for other in sorted(edges[module]):
        if other not in index:
            visit(other)
            low[module] = min(low[module], low[other])
        elif other in on_stack:
            low[module] = min(low[module], index[other])
    if low[module] == index[module]:
        component = []
        while True:
            item = stack.pop()
            on_stack.discard(item)
            component.append(item)
            if item == module:
                break
        if len(component) > 1:
            found.append(sorted(component))


for module in sorted(edges):
    if module not in index:
        visit(module)
print(json.dumps(found))
"""


def cycles(src: Path) -> list[list[str]]:
    """Every import cycle among the modules of the tacitus package found under `src`
    (strongly connected components of more than one module), read in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-c", CYCLES, "tacitus"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout)


def copy_with(tmp_path: Path, relative: str, extra: str) -> Path:
    """A copy of the package whose file `relative` ends with the code `extra`."""
    target = tmp_path / "src"
    shutil.copytree(SOURCE, target / "tacitus", ignore=shutil.ignore_patterns("__pycache__"))
    module = target / "tacitus" / relative
    module.write_text(module.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return target


def lint(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts on the package found under `src`."""
    shutil.copy(ROOT / ".importlinter", cwd / ".importlinter")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_architecture_has_no_import_cycle():
    assert cycles(SOURCE.parent) == []


def test_architecture_contracts_hold_on_the_package(tmp_path):
    result = lint(SOURCE.parent, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


UPWARD = '''
def _upward():
    from tacitus.pipeline import Coder

    return Coder
'''


@pytest.mark.slow
def test_architecture_upward_import_inside_a_function_breaks_the_layers(tmp_path):
    src = copy_with(tmp_path, "nlp/coref.py", UPWARD)
    result = lint(src, tmp_path)
    assert result.returncode == 1
    assert "One-way layers" in result.stdout and "BROKEN" in result.stdout
    assert "tacitus.nlp.coref -> tacitus.pipeline" in result.stdout


def test_architecture_cycle_through_a_package_init_is_found(tmp_path):
    src = copy_with(tmp_path, "kb/load.py", "from tacitus.kb import import_wikidata  # noqa\n")
    assert ["tacitus.kb", "tacitus.kb.load", "tacitus.kb.wikidata"] in cycles(src)
