"""CAMEO + PLOVER code tables and the trigger lexicon, loaded from package data.

`load_ontology()` -> `Ontology` (codes by CAMEO code, plus the trigger `Lexicon`).
"""

from tacitus.ontology.lexicon import Lexicon, TriggerPattern, load_lexicon
from tacitus.ontology.tables import (
    ONTOLOGY_FILES,
    CameoCode,
    Ontology,
    load_codes,
    load_ontology,
)

__all__ = [
    "ONTOLOGY_FILES",
    "CameoCode",
    "Lexicon",
    "Ontology",
    "TriggerPattern",
    "load_codes",
    "load_lexicon",
    "load_ontology",
]
