"""Actor knowledge: countries, regions, IGOs, armed groups, parties, media, people, roles.

`load_kb(options)` reads the package data (data/, format in README.md) plus the optional user
people file and returns a `KnowledgeBase`; build one and pass it around (nothing is cached
globally). `import_wikidata(path, out_path)` merges a Wikidata export into a people file.
"""

from __future__ import annotations

from tacitus.kb.base import KnowledgeBase
from tacitus.kb.load import data_dir, load_kb, save_kb_files, saved_kb_options
from tacitus.kb.records import Country, Entry, Person, PersonMatch, Position, Seat, Term
from tacitus.kb.wikidata import ImportReport, import_wikidata

__all__ = [
    "Country",
    "Entry",
    "ImportReport",
    "KnowledgeBase",
    "Person",
    "PersonMatch",
    "Position",
    "Seat",
    "Term",
    "data_dir",
    "import_wikidata",
    "load_kb",
    "save_kb_files",
    "saved_kb_options",
]
