"""`tacitus serve`: binds 127.0.0.1 by default, checks the store first, warns when exposed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tacitus.cli import app


@pytest.fixture
def served(monkeypatch):
    calls = []

    def run(application, **kwargs):
        calls.append((application, kwargs))

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", run)
    return calls


def test_cli_web_serve_defaults_to_loopback(web_db, served):
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db)])
    assert result.exit_code == 0, result.output
    (application, kwargs), = served
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8000
    assert application.state.site.db == web_db
    assert "9 events" in result.output and "warning" not in result.output


def test_cli_web_serve_elsewhere_warns(web_db, served):
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db), "--host", "0.0.0.0",
                                      "--port", "8123"])
    assert result.exit_code == 0
    assert served[0][1] == {"host": "0.0.0.0", "port": 8123, "log_level": "warning"}
    assert "anyone who can reach this address can read the store" in " ".join(
        result.output.split())


def test_cli_web_serve_missing_store_fails(tmp_path, served):
    from tacitus.errors import StoreError

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, StoreError) and not served
    assert "no such file" in str(result.exception)


def test_cli_web_serve_bad_port(web_db, served):
    result = CliRunner().invoke(app, ["serve", "--db", str(web_db), "--port", "70000"])
    assert result.exit_code == 2 and not served
