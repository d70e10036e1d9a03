"""Killing the process at any moment while it saves leaves the old or the new file, whole."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aims_desktop.services import evidence
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.store.errors import AlreadyOpen
from aims_desktop.store.validation import validate_file

SAVER = textwrap.dedent(
    """
    import sys
    from aims_desktop.services import assessments
    from aims_desktop.services.project import open_project, save_project

    session = open_project(sys.argv[1], user="saver")
    print("ready", flush=True)
    n = int(sys.argv[2])
    while True:
        n += 1
        assessments.update_assessment(session, "4.1", notes=f"version {n}")
        save_project(session)
    """
)

HOLDER = textwrap.dedent(
    """
    import sys
    from aims_desktop.services.project import open_project

    session = open_project(sys.argv[1], user="holder")
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


def _start(script: Path, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        errors = process.stderr.read() if process.stderr else ""
        raise AssertionError(f"child did not start: {line!r} {errors}")
    return process


def _notes_of(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT notes FROM assessment WHERE item_id = '4.1'").fetchone()
        return row[0] if row else ""
    finally:
        conn.close()


@pytest.mark.slow
def test_killing_the_process_while_saving_never_corrupts_the_file(tmp_path: Path) -> None:
    attachment = tmp_path / "scan.bin"
    attachment.write_bytes(os.urandom(3_000_000))  # saves take long enough to be hit mid-way
    session = new_project("Crash Test Ltd")
    evidence.attach_evidence(session, "7.5.3", attachment)
    target = save_project(session, tmp_path / "crash.aims")
    close_project(session)

    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    rng = random.Random(42)
    last_seen = 0
    interrupted = 0  # trials killed between writing the temporary file and replacing
    for _trial in range(30):
        process = _start(script, str(target), str(last_seen))
        # Each save takes tens of milliseconds: random kills land in every phase of it.
        try:
            process.wait(timeout=rng.uniform(0.02, 0.6))
        except subprocess.TimeoutExpired:
            process.kill()
        process.wait()
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()
        assert process.stdin is not None
        process.stdin.close()

        interrupted += any(target.parent.glob(f".{target.name}.*.saving"))
        validate_file(target)  # whole, ours, and passing quick_check
        notes = _notes_of(target)
        version = int(notes.removeprefix("version ")) if notes else 0
        assert version >= last_seen  # the old file or a newer one, never an older one
        last_seen = version
    assert last_seen > 0, "no save completed in 30 trials: the test did not exercise saving"
    print(f"{interrupted} of 30 kills interrupted a save half-way; last version {last_seen}")


@pytest.mark.slow
def test_another_process_with_the_file_open_is_detected(demo_file: Path, tmp_path: Path) -> None:
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    process = _start(script, str(demo_file))
    try:
        with pytest.raises(AlreadyOpen):
            open_project(demo_file)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
    open_project(demo_file).project.close()  # free once the other process has gone
