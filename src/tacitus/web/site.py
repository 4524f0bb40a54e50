"""What every dashboard request shares: the `Site` (store path, templates, the vocabulary and
knowledge base loaded once), template filters, and error responses (a page, or JSON under
/api/).

Nothing here knows the routes; app.py builds the application from pages.py and api.py.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from tacitus.about import __version__
from tacitus.web.charts import json_script, layout_graph
from tacitus.web.params import Vocabulary
from tacitus.web.reading import StoreReader

# Network layouts a Site remembers.
LAYOUTS = 64


def safe_href(url: Any) -> str | None:
    """`url` when it is an absolute http(s) URL with a host, else None (so javascript:,
    data: and relative URLs from stored articles never become links)."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ord(c) < 0x21 or c in "\"'<>\\`" for c in text):
        return None
    return text


def path_part(value: Any) -> str:
    """A value as one URL path segment (every reserved character percent-encoded)."""
    return quote(str(value), safe="")


def number(value: Any, digits: int = 2) -> str:
    """A float with `digits` decimals, an int as is, None/NaN as an en dash."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _environment() -> jinja2.Environment:
    templates = resources.files("tacitus.web").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_href=safe_href, path_part=path_part, number=number)
    env.globals.update(version=__version__, json_script=json_script)
    return env


@dataclass
class Site:
    """What every request needs: the store path and its shared read-only connection
    (`reader.connection()`), the templates, and the vocabulary and knowledge base, each
    loaded once on first use."""

    db: Path
    options: Any = None  # tacitus.config.Options (--config); None: the shipped settings
    env: jinja2.Environment = field(default_factory=_environment)
    reader: StoreReader = field(init=False)
    _vocabulary: Vocabulary | None = None
    _kb: Any = None
    _kb_names: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _layouts: OrderedDict[tuple[Any, ...], dict[str, tuple[float, float]]] = field(
        default_factory=OrderedDict)

    def __post_init__(self) -> None:
        self.reader = StoreReader(self.db)

    def vocabulary(self) -> Vocabulary:
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary.load()
            return self._vocabulary

    def kb(self) -> Any:
        with self._lock:
            if self._kb is None:
                from tacitus.config import KbOptions, load_options
                from tacitus.kb import load_kb

                options = (self.options or load_options(None)).kb
                self._kb = load_kb(KbOptions(user_people=options.people_overlay(),
                                             people_dir=options.people_dir))
            return self._kb

    def layout(self, edges: Any) -> dict[str, tuple[float, float]]:
        """Node positions for a relation graph (`charts.layout_graph`), remembered for the
        last LAYOUTS graphs: the same pairs and counts draw the same picture, and laying out
        200 countries takes about 0.1 s."""
        key = tuple(edges[["source_country", "target_country", "events"]]
                    .itertuples(index=False, name=None))
        with self._lock:
            if key in self._layouts:
                self._layouts.move_to_end(key)
                return self._layouts[key]
        positions = layout_graph(edges)
        with self._lock:
            self._layouts[key] = positions
            while len(self._layouts) > LAYOUTS:
                self._layouts.popitem(last=False)
        return positions

    def kb_names(self) -> Any:
        """The knowledge base's people with their names folded (`kbview.name_index`),
        built once."""
        kb = self.kb()
        with self._lock:
            if self._kb_names is None:
                from tacitus.web.kbview import name_index

                self._kb_names = name_index(kb)
            return self._kb_names

    def render(self, request: Request, template: str, status: int = 200,
               headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        """A page from `template` with `context` (and the request) as its variables."""
        page = self.env.get_template(template).render(request=request, **context)
        return HTMLResponse(page, status_code=status, headers=headers)


def site_of(request: Request) -> Site:
    """The Site of the app serving `request`."""
    return request.app.state.site


def wants_json(request: Request) -> bool:
    """True for API paths, which answer errors as JSON."""
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, title: str, problems: list[str],
                   headers: dict[str, str] | None = None) -> Response:
    """An error as JSON under /api/, else as a page; `problems` say what is wrong."""
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "title": title,
                                       "problems": problems}},
                            status_code=status, headers=headers)
    return site_of(request).render(request, "error.html", status=status, headers=headers,
                                   title=title, problems=problems)
