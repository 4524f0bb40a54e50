"""Spark engine scaling: the same corpus with 1 and 2 Spark workers beside the local engine.

Usage: .venv/bin/python bench/spark_scaling.py [--n 6000] [--max-load 0.7] [--wait 900]
                                               [--corpus DIR] [--runs spark1,spark2,local2]
                                               [--stages] [--class-archive FILE]

Runs, each as the CLI would in its own process on the synthetic corpus of
bench/ingest_corpus.py (half .txt files, half JSONL):
- spark1 / spark2: `tacitus code CORPUS --engine spark --workers N --out DIR` (read,
  de-duplicate, group, code, write the Parquet dataset);
- local2: `tacitus ingest CORPUS --processes 2 --db DB --json` (read, de-duplicate, group,
  code, write the DuckDB store): the same work on the local engine.
For each: wall seconds, seconds of Spark start-up (JVM) reported by the job, and the CPU seconds
of the whole process tree (JVM, Python workers; sampled from /proc every 0.2 s), so a busy
machine can be told apart from a slow engine. The machine is shared: before each run the script
waits (up to --wait seconds) for the 1-minute load average to fall below --max-load and
records the load average during the run. Prints one JSON object (stdout) and the
figures issue 10 asks for, floors included, as text (stderr). With --stages the Spark runs
also keep Spark's event log and the script lists each Spark job: when it started and ended
(seconds after the application started, so the first job's start is the JVM's start-up and
the driver's planning), its stages, and its tasks' run time and JVM CPU (the Python workers'
own CPU is not in the JVM figure; their run time is). With --class-archive the Spark runs
start their JVM from that class-data archive (`[spark] class_archive`), written first by an
unmeasured job on 20 files of the corpus when it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ingest_corpus import write_corpus

TICKS = os.sysconf("SC_CLK_TCK")


def _tacitus(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-c", "from tacitus.cli import main; main()", *args]


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_for_quiet(max_load: float, wait: float) -> float:
    """Wait until the 1-minute load average is below `max_load` (or `wait` seconds pass)."""
    deadline = time.monotonic() + wait
    while load_average() >= max_load and time.monotonic() < deadline:
        time.sleep(5)
    return load_average()


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a process from /proc/PID/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


class TreeCpu:
    """CPU seconds of a process and all its descendants, sampled until stopped; also the load
    average seen meanwhile."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[int, float] = {}
        self.loads: list[float] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (found := _stat(int(entry))) is not None:
                stats[int(entry)] = found
        tree = {self.root}
        grew = True
        while grew:
            grew = False
            for pid, (parent, _) in stats.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
        for pid in tree:
            if pid in stats:
                self.seen[pid] = max(self.seen.get(pid, 0.0), stats[pid][1])

    def _run(self) -> None:
        while not self.stopped.is_set():
            self._sample()
            self.loads.append(load_average())
            self.stopped.wait(0.2)

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def event_log_env(folder: Path) -> dict[str, str]:
    """The environment that makes pyspark keep an uncompressed event log in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    conf = {"spark.eventLog.enabled": "true", "spark.eventLog.dir": folder.as_uri(),
            "spark.eventLog.compress": "false"}
    args = " ".join(f"--conf {key}={value}" for key, value in conf.items())
    return dict(os.environ, PYSPARK_SUBMIT_ARGS=f"{args} pyspark-shell")


def spark_jobs(folder: Path) -> list[dict[str, object]]:
    """Each Spark job of the event log(s) in `folder`: start and end (s after the application
    started), stages, tasks, and the tasks' run time and JVM CPU seconds."""
    start = 0.0
    jobs: dict[int, dict[str, object]] = {}
    stage_job: dict[int, int] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and (
            "events" in p.name or p.name.startswith(("local-", "app-")))):
        for line in path.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            kind = event["Event"]
            if kind == "SparkListenerApplicationStart":
                start = event["Timestamp"] / 1000
            elif kind == "SparkListenerJobStart":
                where = event.get("Properties", {}).get("callSite.short") or ""
                jobs[event["Job ID"]] = {
                    "job": event["Job ID"], "start": event["Submission Time"] / 1000,
                    "stages": len(event.get("Stage IDs", [])), "tasks": 0, "run": 0.0,
                    "jvm_cpu": 0.0, "where": where.split(" at ")[-1].rsplit("/", 1)[-1]}
                for stage in event.get("Stage IDs", []):
                    stage_job[stage] = event["Job ID"]
            elif kind == "SparkListenerTaskEnd" and event["Stage ID"] in stage_job:
                job = jobs[stage_job[event["Stage ID"]]]
                metrics = event.get("Task Metrics") or {}
                job["tasks"] += 1
                job["run"] += metrics.get("Executor Run Time", 0) / 1000
                job["jvm_cpu"] += metrics.get("Executor CPU Time", 0) / 1e9
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in jobs:
                jobs[event["Job ID"]]["end"] = event["Completion Time"] / 1000
    rows = []
    for job in sorted(jobs.values(), key=lambda j: j["job"]):
        job["start"] = round(job["start"] - start, 2)
        job["end"] = round(job.get("end", start) - start, 2)
        job["run"] = round(job["run"], 2)
        job["jvm_cpu"] = round(job["jvm_cpu"], 2)
        rows.append(job)
    return rows


def run(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run one command; its wall and tree-CPU seconds, mean load, and its JSON summary."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env)
    with TreeCpu(process.pid) as meter:
        output, _ = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    summary = json.loads(output.strip().splitlines()[-1])
    loads = meter.loads or [load_average()]
    return {"wall": round(wall, 1), "cpu": round(meter.seconds, 1),
            "load": round(sum(loads) / len(loads), 2), "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=6000,
                        help="Articles in the corpus (issue 10: at least 2,000).")
    parser.add_argument("--corpus", type=Path, help="Use this corpus instead of writing one.")
    parser.add_argument("--max-load", type=float, default=0.7)
    parser.add_argument("--wait", type=float, default=900)
    parser.add_argument("--runs", default="spark1,spark2,local2")
    parser.add_argument("--class-archive", type=Path,
                        help="Start the Spark JVMs from this class-data archive.")
    parser.add_argument("--stages", action="store_true",
                        help="List the Spark jobs of each Spark run (from its event log).")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tacitus-spark-bench-"))
    corpus = args.corpus or work / "corpus"
    if args.corpus is None:
        write_corpus(corpus, args.n)
    date = ["--date", "2025-09-01"]
    spark = ["--engine", "spark", "--format", "jsonl", *date]
    if args.class_archive:
        config = work / "class-archive.cfg"
        config.write_text(f"[spark]\nclass_archive = {args.class_archive.resolve()}\n",
                          encoding="utf-8")
        spark += ["--config", str(config)]
        if not args.class_archive.is_file():
            warm = work / "warm-corpus"
            warm.mkdir()
            for path in sorted(corpus.iterdir())[:20]:
                (warm / path.name).write_bytes(path.read_bytes())
            run(_tacitus("code", str(warm), "--workers", "1", "--out", str(work / "warm"),
                         *spark))
        results_archive = str(args.class_archive)
    else:
        results_archive = None
    commands = {
        "spark1": _tacitus("code", str(corpus), "--workers", "1", "--out", str(work / "spark1"),
                           *spark),
        "spark2": _tacitus("code", str(corpus), "--workers", "2", "--out", str(work / "spark2"),
                           *spark),
        "local2": _tacitus("ingest", str(corpus), "--processes", "2", "--db",
                           str(work / "local2.duckdb"), "--json", "--quiet", *date),
    }
    results: dict[str, object] = {"articles": args.n, "cores": os.cpu_count(),
                                  "python": platform.python_version(),
                                  "class_archive": results_archive}
    for name in args.runs.split(","):
        before = wait_for_quiet(args.max_load, args.wait)
        print(f"{name}: load before {before:.2f}", file=sys.stderr, flush=True)
        events = work / f"events-{name}"
        stages = args.stages and name.startswith("spark")
        result = run(commands[name], event_log_env(events) if stages else None)
        result["load_before"] = before
        if stages:
            result["jobs"] = spark_jobs(events)
        summary = result["summary"]
        coded = summary["coded"]
        startup = summary.get("startup_seconds", 0.0)
        result["articles_per_s"] = round(coded / result["wall"], 1)
        result["articles_per_s_after_startup"] = round(coded / (result["wall"] - startup), 1)
        result["articles_per_cpu_s"] = round(coded / result["cpu"], 2)
        results[name] = result
        print(f"{name}: {json.dumps(result)}", file=sys.stderr, flush=True)
    if "spark1" in results and "spark2" in results:
        one, two = results["spark1"], results["spark2"]
        results["speedup_wall"] = round(one["wall"] / two["wall"], 2)
        results["speedup_after_startup"] = round(
            two["articles_per_s_after_startup"] / one["articles_per_s_after_startup"], 2)
    if "spark2" in results and "local2" in results:
        two, local = results["spark2"], results["local2"]
        results["spark2_vs_local2_wall"] = round(two["articles_per_s"] / local["articles_per_s"],
                                                 2)
        results["spark2_vs_local2_cpu"] = round(
            two["articles_per_cpu_s"] / local["articles_per_cpu_s"], 2)
    if "spark1" in results:
        per_core = results["spark1"]["articles_per_cpu_s"]
        results["projection"] = {
            "articles_per_core_s": per_core,
            "cores_for_300k_per_day": round(300_000 / (86_400 * per_core), 2),
            "core_hours_for_50M": round(50_000_000 / per_core / 3600),
            "cores_for_50M_in_a_week": round(50_000_000 / (7 * 86_400 * per_core), 1),
        }
    print(json.dumps(results, indent=2))
    print(summary_text(results), file=sys.stderr)


def summary_text(results: dict) -> str:
    """The figures issue 10 asks for, as lines of text (for bench/README.md)."""
    lines = [f"{results['articles']} articles, {results['cores']} cores"]
    for name in ("spark1", "spark2", "local2"):
        if name in results:
            r = results[name]
            lines.append(f"{name}: {r['wall']} s wall, {r['cpu']} s CPU, "
                         f"{r['articles_per_s']} art/s ({r['articles_per_s_after_startup']} "
                         f"after start-up), {r['articles_per_cpu_s']} art/CPU-s, "
                         f"load {r['load']}")
            for job in r.get("jobs", []):
                lines.append(f"  job {job['job']}: {job['start']:6.2f} -> {job['end']:6.2f} s, "
                             f"{job['stages']} stages, {job['tasks']} tasks, run {job['run']} s, "
                             f"JVM CPU {job['jvm_cpu']} s  {job['where']}")
    floors = (("speedup_wall", "speed-up 1 -> 2 Spark workers", 1.6),
              ("spark2_vs_local2_wall", "Spark 2 workers / local 2 processes", 0.8))
    for key, label, floor in floors:
        if key in results:
            verdict = "meets" if results[key] >= floor else "BELOW"
            lines.append(f"{label}: {results[key]}x ({verdict} the floor {floor}x)")
    if "projection" in results:
        p = results["projection"]
        lines.append(f"projection at {p['articles_per_core_s']} articles per core-second: "
                     f"{p['cores_for_300k_per_day']} cores for 300k articles/day, "
                     f"{p['core_hours_for_50M']} core-hours for 50M articles "
                     f"({p['cores_for_50M_in_a_week']} cores for a week)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
