"""A store that cannot be opened says why and what to do: damaged file or log, another
DuckDB file, a lock held by another process, a missing file or folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import StoreError
from tacitus.store import Store, queries

from .records import meeting


def _good_store(path: Path, articles: int = 30) -> Path:
    with Store(path) as store:
        store.write([meeting(f"a{i}", text=f"Story number {i} about the talks. " * 30)
                     for i in range(articles)])
    return path


def _flip_bytes(path: Path, start: int, step: int = 97) -> None:
    data = bytearray(path.read_bytes())
    for i in range(start, len(data), step):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(b"these are not the bytes of a database\n" * 300)


def _checksums(path: Path) -> None:
    _good_store(path)
    _flip_bytes(path, 4096)  # DuckDB: "... checksum ... in block at location 4096"


def _truncated(path: Path) -> None:
    _good_store(path)
    data = path.read_bytes()
    # A third: DuckDB reads what a query needs, so a file cut late can still answer queries
    # whose blocks lie before the cut (the events table, at half).
    path.write_bytes(data[: len(data) // 3])


DAMAGE = {"garbage": _garbage, "checksums": _checksums, "truncated": _truncated}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damage_is_reported_as_damage_not_as_a_lock(tmp_path, damage):
    path = tmp_path / "corpus.duckdb"
    DAMAGE[damage](path)
    for opening in (lambda: Store(path), lambda: queries.events(path),
                    lambda: queries.summary(path)):
        with pytest.raises(StoreError) as raised:
            opening()
        message = str(raised.value)
        assert raised.value.key == "store_damaged", message
        assert "is damaged" in message and "in use" not in message
        assert "restore it from a backup" in message and "tacitus ingest" in message


def test_damage_of_the_write_ahead_log_names_the_log(tmp_path):
    path = tmp_path / "corpus.duckdb"
    script = (
        "import duckdb, os\n"
        f"con = duckdb.connect({str(path)!r})\n"
        "con.execute('PRAGMA disable_checkpoint_on_shutdown')\n"
        "con.execute('CREATE TABLE t AS SELECT range AS x FROM range(1000)')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    wal = Path(f"{path}.wal")
    assert wal.is_file()
    _flip_bytes(wal, 100, step=7)
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert raised.value.key == "store_wal"
    assert f"{path}.wal is damaged" in str(raised.value)


def test_damage_lock_held_by_another_process_is_a_lock(tmp_path):
    path = _good_store(tmp_path / "busy.duckdb", articles=1)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys; con = duckdb.connect({str(path)!r}); print('held', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError) as raised:
            Store(path)
        assert raised.value.key == "store_locked"
        assert f"in use by another process (PID {holder.pid})" in str(raised.value)
    finally:
        holder.communicate("")


def test_damage_a_duckdb_file_that_is_no_store(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE prices (day DATE, value DOUBLE)")
    with pytest.raises(StoreError) as raised:
        queries.events(path)
    assert raised.value.key == "store_foreign" and "no events table" in str(raised.value)


def test_damage_missing_folder_is_an_error_not_a_mkdir(tmp_path):
    path = tmp_path / "nowhere" / "deeper" / "corpus.duckdb"
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert raised.value.key == "store_folder"
    assert f"the folder {path.parent} does not exist" in str(raised.value)
    assert not (tmp_path / "nowhere").exists()


def test_damage_missing_file_explains_the_default_store(tmp_path):
    with pytest.raises(StoreError) as raised:
        queries.dyads(tmp_path / "absent.duckdb")
    message = str(raised.value)
    assert "no such file" in message and "tacitus ingest FILES --db" in message
    assert "./tacitus.duckdb" in message


def test_damage_an_empty_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "touched.duckdb"
    path.write_bytes(b"")
    with Store(path) as store:
        assert store.write([meeting("a1")]).articles == 1
    assert queries.summary(path)["articles"] == 1


def test_damage_cli_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    from tacitus.cli import main

    path = tmp_path / "corpus.duckdb"
    _checksums(path)
    for args in (["events", "--db", str(path)], ["export", "--format", "gdelt",
                                                 str(tmp_path / "out.tsv"), "--db", str(path)]):
        monkeypatch.setattr(sys, "argv", ["tacitus", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        err = capsys.readouterr().err
        assert stopped.value.code == 2
        assert len(err.strip().splitlines()) == 1
        assert err.startswith(f"error: database {path} is damaged")


def test_damage_cli_ingest_into_a_missing_folder(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("The two delegations met to discuss energy and trade.", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(source), "--db",
                                      str(tmp_path / "missing" / "c.duckdb"), "--quiet"])
    assert isinstance(result.exception, StoreError)
    assert result.exception.key == "store_folder"
    assert not (tmp_path / "missing").exists()
    assert os.listdir(tmp_path) == ["a.txt"]
