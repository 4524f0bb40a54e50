"""The dashboard: `tacitus serve` runs `create_app(db)` (FastAPI, server-rendered Jinja2
pages, plotly charts served from the installed plotly package) over a store opened
read-only. Pages: app.py (app, security headers, errors), pages.py, api.py; data.py and
charts.py read and draw; highlight.py marks an article's evidence; params.py checks every
query value.
"""

from tacitus.web.app import create_app

__all__ = ["create_app"]
