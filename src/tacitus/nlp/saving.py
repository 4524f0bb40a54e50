"""Components whose data are package files, loaded and saved the spaCy way.

A component is made empty by its factory; `initialize()` reads its data from the installed
package (as `tacitus.pipeline.build_nlp` does), `to_disk(path)` copies the files it was built
from into the saved pipeline, and `from_disk(path)` reads those copies back, so a pipeline
saved with `nlp.to_disk` and loaded with `spacy.load` in another process (or on another
machine) carries its own lexicon, cue tables and knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from tacitus.datafiles import copy_data_files
from tacitus.errors import ModelError


class SavedData:
    """Mix-in: `data_files` ((package, name) pairs) are what `load(folder)` reads."""

    data_files: tuple[tuple[str, str], ...] = ()
    name = "tacitus component"

    def __init__(self) -> None:
        self.folder: Path | None = None  # where the data were read from (None: the package)
        self.loaded = False

    def load(self, folder: Path | None) -> None:
        """Read the component's data from the package (None) or a saved folder."""
        raise NotImplementedError

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Read the data from the installed package."""
        self.folder = None
        self.load(None)
        self.loaded = True

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Copy the data files into `path` (a saved pipeline's folder for this component)."""
        self.require_loaded()
        target = Path(path)
        target.mkdir(parents=True, exist_ok=True)
        if self.folder is None or self.folder.resolve() != target.resolve():
            copy_data_files(self.data_files, target, self.folder)
        self.save_extra(target)

    def save_extra(self, path: Path) -> None:
        """Write what is not a package file (nothing by default)."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SavedData:
        """Read the data saved in `path` by `to_disk`."""
        self.folder = Path(path)
        self.load(self.folder)
        self.loaded = True
        return self

    def require_loaded(self) -> None:
        if not self.loaded:
            raise ModelError("component_empty", name=self.name)
