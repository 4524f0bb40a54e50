"""The dashboard: `tacitus serve` runs `create_app(db)` (FastAPI, server-rendered Jinja2
pages, plotly charts served from the installed plotly package) over a store opened
read-only. app.py builds the app (security headers, error handlers); site.py holds what
every request shares; pages.py and api.py are the routes; data.py and charts.py read and
draw; highlight.py marks an article's evidence; kbview.py searches the knowledge base;
params.py checks every query value.
"""

from tacitus.web.app import create_app

__all__ = ["create_app"]
