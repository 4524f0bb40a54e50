"""Build a `KnowledgeBase` from the shipped data files and the user's people files.

`load_kb(options)` -> KnowledgeBase; `data_dir()` -> the folder of the shipped data. A leaf of
the kb package: kb/__init__.py and kb/wikidata.py both import it, it imports neither.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from tacitus.config import KbOptions
from tacitus.kb.base import KnowledgeBase
from tacitus.kb.files import fail
from tacitus.kb.loader import read_static
from tacitus.kb.people import build_people, build_vacancies, merge_rows, read_people_file

USER_PEOPLE = "user_people.tsv"


def data_dir() -> Path:
    """The folder of the shipped KB data files."""
    return Path(__file__).parent / "data"


def load_kb(options: KbOptions | None = None, data: Path | None = None) -> KnowledgeBase:
    """Read the KB data (and the user people file, if configured) into a KnowledgeBase;
    `data`: a folder laid out like the shipped data/ (a saved copy) to read instead.

    Raises DataError (key "data_file": path, line, reason) on any malformed file.
    """
    paused = gc.isenabled()
    gc.disable()  # tens of thousands of long-lived records, no cycles: collecting is wasted work
    try:
        return _load(options or KbOptions(), data or data_dir())
    finally:
        if paused:
            gc.enable()


def _load(options: KbOptions, data: Path) -> KnowledgeBase:
    static = read_static(data)
    codes = set(static.countries) | set(static.org_names)
    people_dir = Path(options.people_dir).expanduser() if options.people_dir else data / "people"
    if options.people_dir and not people_dir.is_dir():
        raise fail(people_dir, 0, "people_dir is not a folder")
    shipped = []
    for path in sorted(people_dir.glob("*.tsv")):
        shipped += read_people_file(path, static.person_roles, codes)
    overlay = []
    if options.user_people:
        user = Path(options.user_people).expanduser()
        if user.is_file():
            overlay = read_people_file(user, static.person_roles, codes)
    rows = merge_rows(shipped, overlay)
    return KnowledgeBase(static, build_people(rows), build_vacancies(rows))


def save_kb_files(options: KbOptions, target: Path, data: Path | None = None) -> None:
    """Copy every file a KB is built from into `target`, laid out like data/: the static
    files, people/*.tsv (from `options.people_dir` when set) and the user's people file as
    user_people.tsv, so that `load_kb(saved_kb_options(target), target)` builds the same KB."""
    data = data or data_dir()
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(data.iterdir()):
        if path.is_file():
            shutil.copyfile(path, target / path.name)
    people = Path(options.people_dir).expanduser() if options.people_dir else data / "people"
    (target / "people").mkdir(exist_ok=True)
    for path in sorted(people.glob("*.tsv")):
        shutil.copyfile(path, target / "people" / path.name)
    user = Path(options.user_people).expanduser() if options.user_people else None
    if user is not None and user.is_file():
        shutil.copyfile(user, target / USER_PEOPLE)


def saved_kb_options(folder: Path) -> KbOptions:
    """The KbOptions that read back what `save_kb_files` wrote into `folder`."""
    user = folder / USER_PEOPLE
    return KbOptions(user_people=str(user) if user.is_file() else "", people_dir="")
