"""The coder's version stamp: what a stored article's coding depends on, as one short hash.

`coder_stamp(options)` hashes the tacitus version, the spaCy pipeline's name and version, every
package data file the coder reads (the trigger lexicon and code tables, the knowledge base, the
nlp word lists, the gazetteer tables), the user's people file and the coding settings. Two
runs with the same stamp code an article alike; `tacitus recode` re-codes the stored articles
whose stamp differs from the current one. Reads files only; imports nothing above config.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from importlib import metadata, resources
from pathlib import Path

from tacitus.about import __version__
from tacitus.config import Options

# Packages whose data files shape what the coder outputs.
DATA_PACKAGES = ("tacitus.ontology", "tacitus.kb", "tacitus.nlp", "tacitus.geo")
DATA_SUFFIXES = frozenset({".tsv", ".yaml", ".yml", ".json", ".jsonl", ".cfg"})


def coder_stamp(options: Options) -> str:
    """A 16-hex-digit hash of everything the coding of an article depends on."""
    digest = hashlib.sha256()
    settings = {
        "nlp": options.nlp.model,
        "coder": asdict(options.coder),
        "events": asdict(options.events),
        "geo": {k: v for k, v in asdict(options.geo).items() if "dir" not in k},
    }
    digest.update(f"tacitus {__version__}\n{_model_version(options.nlp.model)}\n".encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for package in DATA_PACKAGES:
        for name, data in sorted(_data_files(package)):
            digest.update(f"\n{package}/{name}\n".encode())
            digest.update(data)
    user = options.kb.people_overlay()
    if user and Path(user).expanduser().is_file():
        digest.update(b"\nuser people\n" + Path(user).expanduser().read_bytes())
    return digest.hexdigest()[:16]


def _data_files(package: str) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of the data files under a package."""
    root = resources.files(package)
    found: list[tuple[str, bytes]] = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            name = f"{prefix}{entry.name}"
            if entry.is_dir() and entry.name != "__pycache__":
                stack.append((entry, name + "/"))
            elif Path(entry.name).suffix in DATA_SUFFIXES:
                found.append((name, entry.read_bytes()))
    return found


def _model_version(name: str) -> str:
    """The installed version of the spaCy pipeline package `name` ("" when not found)."""
    for candidate in (name, name.replace("_", "-")):
        try:
            return f"{name} {metadata.version(candidate)}"
        except metadata.PackageNotFoundError:
            continue
    return name
