"""The Spark engine's start-up checks: pyspark and Java found and versioned, or one clear
message and nothing written. No JVM is started here: fake `java` scripts stand in."""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import EngineError
from tacitus.spark.runtime import (
    check_runtime,
    java_range,
    local_master,
    parse_java_version,
)

runner = CliRunner()


def fake_java(folder, version_line: str, code: int = 0):
    """A JAVA_HOME whose bin/java prints `version_line` on stderr, as java -version does."""
    home = folder / "jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\nexit {code}\n", encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return home


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_392"', 8),
        ('openjdk version "21" 2023-09-19', 21),
        ('openjdk version "11.0.2+9"', 11),
        ("no version here", None),
    ],
)
def test_runtime_parse_java_version_reads_old_and_new_schemes(output, major):
    assert parse_java_version(output) == major


def test_runtime_java_range_follows_the_pyspark_major_version():
    assert java_range("3.5.1") == (8, 17)
    assert java_range("4.0.0")[0] == 17


def test_runtime_local_master_counts_workers():
    assert local_master(3) == "local[3]"
    assert local_master(0) == f"local[{os.cpu_count() or 1}]"


def test_runtime_accepts_a_supported_java(tmp_path):
    home = fake_java(tmp_path, 'openjdk version "17.0.15" 2025-04-15')
    runtime = check_runtime({"JAVA_HOME": str(home), "PATH": ""})
    assert runtime.java_version == 17 and runtime.java.startswith(str(home))


def test_runtime_wrong_java_says_what_to_install(tmp_path):
    home = fake_java(tmp_path, 'java version "1.8.0_392"')
    with pytest.raises(EngineError) as caught:
        check_runtime({"JAVA_HOME": str(home), "PATH": ""})
    message = str(caught.value)
    assert "Java 8" in message and "17" in message and "JAVA_HOME" in message


def test_runtime_no_java_says_what_to_install(tmp_path):
    with pytest.raises(EngineError) as caught:
        check_runtime({"PATH": str(tmp_path)})
    assert caught.value.key == "java_missing"
    assert "openjdk-17" in str(caught.value)


def test_runtime_java_home_without_java_is_reported(tmp_path):
    with pytest.raises(EngineError) as caught:
        check_runtime({"JAVA_HOME": str(tmp_path / "nowhere"), "PATH": ""})
    assert "JAVA_HOME=" in str(caught.value)


def test_runtime_java_that_fails_is_reported(tmp_path):
    home = fake_java(tmp_path, "Error: could not create the Java virtual machine", code=1)
    with pytest.raises(EngineError) as caught:
        check_runtime({"JAVA_HOME": str(home), "PATH": ""})
    assert caught.value.key == "java_broken"


def test_runtime_cli_wrong_java_one_message_nothing_written(tmp_path, monkeypatch):
    home = fake_java(tmp_path, 'openjdk version "11.0.22" 2024-01-16')
    monkeypatch.setenv("JAVA_HOME", str(home))
    source = tmp_path / "news.txt"
    source.write_text("Egypt held talks with Jordan on Monday.", encoding="utf-8")
    out = tmp_path / "coded"
    result = runner.invoke(app, ["code", str(source), "--engine", "spark", "--out", str(out)])
    assert result.exit_code != 0
    assert isinstance(result.exception, EngineError)
    assert "Java 11" in str(result.exception)
    assert not out.exists()


def test_runtime_cli_spark_needs_out(tmp_path):
    source = tmp_path / "news.txt"
    source.write_text("Egypt held talks with Jordan on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(source), "--engine", "spark"])
    assert isinstance(result.exception, EngineError)
    assert "--out" in str(result.exception)


def test_runtime_cli_out_belongs_to_spark(tmp_path):
    source = tmp_path / "news.txt"
    source.write_text("Egypt held talks with Jordan on Monday.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(source), "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, EngineError)
    assert "--engine spark" in str(result.exception)


def test_runtime_class_archive_is_written_once_then_started_from(tmp_path):
    from tacitus.config import load_options
    from tacitus.spark.job import driver_java_options

    archive = tmp_path / "cache" / "spark.jsa"
    options = load_options().with_values("spark", class_archive=str(archive))
    first = driver_java_options(options)
    assert f"-XX:ArchiveClassesAtExit={archive}" in first and archive.parent.is_dir()
    assert "-Xlog:cds=off" in first and first.startswith(options.spark.java_options)
    archive.write_bytes(b"archive")
    assert f"-XX:SharedArchiveFile={archive}" in driver_java_options(options)
    assert driver_java_options(load_options()) == load_options().spark.java_options
