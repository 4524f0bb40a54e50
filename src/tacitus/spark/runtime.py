"""What the Spark engine needs before it touches anything: pyspark, a Java it runs on, a session.

`check_runtime()` finds pyspark and the java that Spark would start (`$JAVA_HOME/bin/java`, else
`java` on PATH), reads its version and raises EngineError with one message saying what to
install when either is missing or the Java is one this pyspark cannot run on. It starts no JVM
and writes nothing, so a job that fails here leaves no output behind.
`start_session(master, workers)` then starts (or joins) a SparkSession set up for tacitus.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from tacitus.errors import EngineError

# Java versions each pyspark major version runs on: (lowest, highest or None for no limit).
# Spark 3.5 supports Java 8, 11 and 17; Spark 4 needs 17 or newer (17, 21 and 25 tested here).
JAVA_RANGES: dict[int, tuple[int, int | None]] = {3: (8, 17), 4: (17, None)}
_VERSION = re.compile(r'version "([^"]+)"')


@dataclass(frozen=True)
class Runtime:
    """The pyspark and Java a job will run with."""

    spark_version: str
    java: str
    java_version: int


def pyspark_version() -> str:
    """The installed pyspark's version; EngineError('spark_missing') when it is not installed."""
    try:
        return metadata.version("pyspark")
    except metadata.PackageNotFoundError:
        raise EngineError("spark_missing", need="17") from None


def java_range(spark_version: str) -> tuple[int, int | None]:
    """The Java versions (lowest, highest) the given pyspark version runs on."""
    major = int(spark_version.split(".")[0])
    return JAVA_RANGES.get(major, JAVA_RANGES[max(JAVA_RANGES)])


def describe_range(low: int, high: int | None) -> str:
    """'17 or newer', '8 to 17'."""
    return f"{low} or newer" if high is None else f"{low} to {high}"


def find_java(env: dict[str, str] | None = None) -> tuple[str | None, str]:
    """(path of the java Spark would start, where it was looked for)."""
    env = dict(os.environ if env is None else env)
    home = env.get("JAVA_HOME", "").strip()
    if home:
        candidate = os.path.join(home, "bin", "java")
        return (candidate if os.access(candidate, os.X_OK) else None), f"JAVA_HOME={home}"
    return shutil.which("java", path=env.get("PATH")), "no JAVA_HOME, java not on PATH"


def parse_java_version(output: str) -> int | None:
    """The major version in `java -version` output: '"1.8.0_392"' -> 8, '"17.0.15"' -> 17."""
    match = _VERSION.search(output)
    if not match:
        return None
    parts = re.split(r"[._+-]", match.group(1))
    try:
        major = int(parts[0])
        return int(parts[1]) if major == 1 and len(parts) > 1 else major
    except ValueError:
        return None


def check_runtime(env: dict[str, str] | None = None) -> Runtime:
    """pyspark installed and a Java it runs on, or EngineError saying what to install."""
    spark = pyspark_version()
    low, high = java_range(spark)
    need = describe_range(low, high)
    java, where = find_java(env)
    if java is None:
        raise EngineError("java_missing", need=need, where=where)
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60,
            env=dict(os.environ if env is None else env),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineError("java_broken", path=java, reason=str(exc), need=need) from exc
    version = parse_java_version(done.stderr + done.stdout)
    if done.returncode != 0 or version is None:
        reason = (done.stderr or done.stdout).strip().splitlines()[:1] or ["no version printed"]
        raise EngineError("java_broken", path=java, reason=reason[0][:200], need=need)
    if version < low or (high is not None and version > high):
        raise EngineError("java_version", spark=spark, need=need, path=java, found=version)
    return Runtime(spark_version=spark, java=java, java_version=version)


def local_master(workers: int) -> str:
    """local[N] for N workers (0 = one per core)."""
    count = workers if workers > 0 else (os.cpu_count() or 1)
    return f"local[{count}]"


def start_session(master: str, *, app_name: str = "tacitus", conf: dict[str, str] | None = None
                  ) -> Any:
    """A SparkSession on `master`, set up for tacitus: Python workers on this interpreter
    (local masters), reused between tasks (so each builds its pipeline once), no web UI, few
    shuffle partitions, Parquet timestamps as plain microseconds."""
    from pyspark.sql import SparkSession

    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.sources.partitionOverwriteMode": "static",
        "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs": "false",
        "spark.hadoop.parquet.enable.summary-metadata": "false",
    }
    if master.startswith("local"):
        # PySpark starts its Python workers with $PYSPARK_PYTHON (default: python3, which
        # need not have tacitus): on this machine they must run this very interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings["spark.pyspark.python"] = sys.executable
        settings["spark.pyspark.driver.python"] = sys.executable
        settings["spark.driver.host"] = "127.0.0.1"
        settings["spark.driver.bindAddress"] = "127.0.0.1"
    settings.update(conf or {})
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark on pandas 3
        try:
            session = builder.getOrCreate()
        except Exception as exc:
            reason = (str(exc) or type(exc).__name__).strip().splitlines()[0][:300]
            raise EngineError("spark_failed", reason=f"could not start Spark ({reason})") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session
