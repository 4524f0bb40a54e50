"""load_kb: options, speed, the [kb] settings section."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tacitus.config import KbOptions, load_options
from tacitus.errors import DataError
from tacitus.kb import KnowledgeBase, load_kb


def test_load_kb_is_fast() -> None:
    load_kb()  # imports and file cache warm
    began = time.process_time()
    load_kb()
    # CPU time of this process, so other work on a shared machine does not count. The target
    # is < 0.5 s; the bound leaves room for slow CI machines.
    assert time.process_time() - began < 1.5


def test_load_kb_builds_new_objects_each_time() -> None:
    first, second = load_kb(), load_kb()
    assert isinstance(first, KnowledgeBase) and first is not second


def test_load_kb_people_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_kb(KbOptions(people_dir=str(tmp_path / "absent")))
    assert "people_dir" in str(info.value)


def test_load_options_kb_section(tmp_path: Path) -> None:
    assert load_options().kb == KbOptions()
    user = tmp_path / "tacitus.cfg"
    user.write_text("[kb]\nuser_people = ~/people.tsv\n", encoding="utf-8")
    options = load_options(user)
    assert options.kb.user_people == "~/people.tsv" and options.kb.people_dir == ""
