"""Run the commands shown in README.md and write their real output into it.

How a README block is treated, by its fence's info string:

- ```console  a session: every line that starts with "$ " is a command, run with bash in a
  scratch folder (a copy of examples/, `.venv` linked to the Python environment running this
  script, HOME and XDG_DATA_HOME inside the folder, the user's XDG_CACHE_HOME, no
  $TACITUS_CONFIG); the lines after it, up to the next command or the fence, are its output
  and are replaced by what it printed (stdout and stderr, in the order written). A command
  must exit 0, unless it ends with the comment "# exit N" and exits N (a pipeline's status
  is its last command's, so `tacitus ... | head -3` is fine; an error earlier in it shows in
  the output). Files a command writes (corpus.duckdb, events.tsv) stay for the commands after
  it, in later blocks too.
- ```python   run with the environment's python in the same folder, in README order; it
  must not raise (what it prints is not shown).
- ```sh       shown as written and not run: only for what a test cannot run (`make test`, a
  server). Its `tacitus ...` lines are checked to be valid usage (known command, options
  and values), its `make X` lines to name a Makefile target.

Usage:

    .venv/bin/python scripts/readme.py            # rewrite README.md with fresh output
    .venv/bin/python scripts/readme.py --check    # exit 1 with a diff when README.md is stale

tests/test_readme.py runs the check, so the README cannot drift from what ships: after
changing what a command prints, or adding a ```console block (type the "$ " lines only),
run the first form and commit README.md. Timings vary from run to run, so the check
compares after masking the values matched by VOLATILE below (the README keeps the real
values of the run that wrote it).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\s*$")
EXPECTED_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
# Output that differs between runs of the same command: (pattern, mask) pairs.
VOLATILE = [
    (re.compile(r"\bin \d+(\.\d+)? s \(\d+(\.\d+)? articles/s\)"), "in # s (# articles/s)"),
]
TIMEOUT_SECONDS = 600


@dataclass
class Block:
    """One fenced block: its info string and the lines between the fences."""

    kind: str
    lines: list[str]
    start: int  # line number (0-based) of the opening fence


@dataclass
class Document:
    """README text cut into prose lines and fenced blocks, in order."""

    parts: list[str | Block] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> Document:
        doc = cls()
        lines = text.split("\n")
        index = 0
        while index < len(lines):
            match = FENCE.match(lines[index])
            if not match:
                doc.parts.append(lines[index])
                index += 1
                continue
            end = index + 1
            while end < len(lines) and lines[end].rstrip() != "```":
                end += 1
            if end == len(lines):
                raise ValueError(f"README line {index + 1}: fence never closed")
            doc.parts.append(Block(match[1], lines[index + 1 : end], index))
            index = end + 1
        return doc

    def render(self) -> str:
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, Block):
                out += [f"```{part.kind}", *part.lines, "```"]
            else:
                out.append(part)
        return "\n".join(out)

    def blocks(self, *kinds: str) -> list[Block]:
        return [p for p in self.parts if isinstance(p, Block) and p.kind in kinds]


def commands_of(block: Block) -> list[str]:
    """The "$ " commands of a console block, continuation lines ("\\" at the end) joined."""
    commands: list[str] = []
    pending: str | None = None
    for line in block.lines:
        if pending is not None:
            pending += "\n" + line
        elif line.startswith("$ "):
            pending = line[2:]
        else:
            continue
        if not pending.endswith("\\"):
            commands.append(pending)
            pending = None
    if pending is not None:
        commands.append(pending)
    return commands


def scratch_folder() -> Path:
    """A temporary folder holding examples/ and a .venv link to this environment."""
    folder = Path(tempfile.mkdtemp(prefix="tacitus-readme-"))
    shutil.copytree(ROOT / "examples", folder / "examples")
    (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (folder / "home").mkdir()
    return folder


def environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TACITUS_", "COLUMNS"))}
    cache = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    env.update(
        XDG_CACHE_HOME=cache,  # built caches (the gazetteer index) are reused, not rebuilt
        HOME=str(folder / "home"),
        XDG_DATA_HOME=str(folder / "home" / ".local" / "share"),
        PYTHONUNBUFFERED="1",  # stdout and stderr interleave as written
        NO_COLOR="1",
        TERM="dumb",
        PATH=f"{folder / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}",
    )
    return env


def run_command(command: str, folder: Path) -> list[str]:
    """Run one README command; its output lines. Raises RuntimeError on an unexpected exit."""
    expected = EXPECTED_EXIT.search(command.splitlines()[-1])
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=environment(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    want = int(expected[1]) if expected else 0
    if done.returncode != want:
        raise RuntimeError(
            f"README command exited {done.returncode}, not {want}: $ {command}\n{done.stdout}"
        )
    return [line.rstrip() for line in done.stdout.rstrip("\n").split("\n")] if done.stdout else []


def run_python(block: Block, folder: Path) -> None:
    done = subprocess.run(
        [str(folder / ".venv" / "bin" / "python"), "-c", "\n".join(block.lines)],
        cwd=folder,
        env=environment(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    if done.returncode != 0:
        raise RuntimeError(f"README python block at line {block.start + 1} failed:\n{done.stdout}")


def check_sh(block: Block) -> None:
    """`tacitus` lines must parse as valid usage; `make` lines must name a Makefile target."""
    import typer

    from tacitus.cli import app

    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    command = typer.main.get_command(app)
    for line in block.lines:
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[0] == "make":
            missing = [t for t in words[1:] if t not in targets]
            if missing:
                raise RuntimeError(f"README: no Makefile target {missing} ({line})")
        else:
            for segment in re.split(r"\s\|\s", line):
                check_usage(command, shlex.split(segment, comments=True), line)


def check_usage(command: object, words: list[str], line: str) -> None:
    """Parse a `tacitus` command line down to its leaf command, without running it."""
    if not words or Path(words[0]).name != "tacitus":
        return
    try:
        ctx = command.make_context("tacitus", words[1:])  # type: ignore[attr-defined]
        while hasattr(ctx.command, "commands"):
            rest = [*getattr(ctx, "_protected_args", getattr(ctx, "protected_args", [])),
                    *ctx.args]
            if not rest:
                break
            name, sub, args = ctx.command.resolve_command(ctx, rest)
            ctx = sub.make_context(name, args, parent=ctx)
    except Exception as exc:  # click's usage errors, from typer's bundled click or click
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        raise RuntimeError(f"README: not valid usage: {line}\n{message}") from exc


def regenerate(text: str) -> str:
    """The README with every console block's output replaced by a fresh run's."""
    doc = Document.parse(text)
    folder = scratch_folder()
    try:
        for part in doc.parts:
            if not isinstance(part, Block):
                continue
            if part.kind == "console":
                lines: list[str] = []
                for command in commands_of(part):
                    lines += ["$ " + command, *run_command(command, folder)]
                part.lines = "\n".join(lines).split("\n")
            elif part.kind == "python":
                run_python(part, folder)
            elif part.kind == "sh":
                check_sh(part)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return doc.render()


def masked(text: str) -> str:
    for pattern, mask in VOLATILE:
        text = pattern.sub(mask, text)
    return text


def stale_diff(text: str, fresh: str) -> str:
    """A unified diff between the README and a fresh run, timings masked; "" when current."""
    old, new = masked(text).splitlines(), masked(fresh).splitlines()
    if old == new:
        return ""
    return "\n".join(difflib.unified_diff(old, new, "README.md", "README.md (fresh run)",
                                         lineterm=""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report a stale README, exit 1")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if args.check:
        diff = stale_diff(text, fresh)
        if diff:
            print(diff)
            print("README.md is stale: run .venv/bin/python scripts/readme.py", file=sys.stderr)
            return 1
        return 0
    if stale_diff(text, fresh):  # timings alone do not rewrite the file
        args.readme.write_text(fresh, encoding="utf-8")
        print(f"wrote {args.readme}", file=sys.stderr)
    else:
        print(f"{args.readme} is current", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
