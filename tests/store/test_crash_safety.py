"""Killing the process at any moment while it saves loses nothing and corrupts nothing; two
processes saving one file at the same moment never both succeed.

The kill test forks each trial from a helper process that has imported AIMS Desktop once, so a
hundred trials take about a minute instead of several: the child opens the project, edits and
saves in a loop, and is killed (SIGKILL: no clean-up runs) at a random moment, or at a chosen
phase of the save for the first trials, so every window of the save is hit for certain.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aims_desktop.services import evidence
from aims_desktop.services.project import (
    close_project,
    new_project,
    open_project,
    recover_work,
    recoverable_work,
    save_project,
)
from aims_desktop.store.errors import AlreadyOpen
from aims_desktop.store.validation import validate_file

ROOT = Path(__file__).resolve().parents[2]

FORK_SERVER = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from pathlib import Path
    from aims_desktop.services import assessments, evidence, registers
    from aims_desktop.services.project import open_project, save_project
    from aims_desktop.store import projectfile

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def say(**message):  # one write: a kill cannot cut a line in two
        sys.stdout.flush()
        os.write(1, (json.dumps(message) + "\\n").encode())

    def arm(phase):
        real_replace = os.replace
        if phase in ("before_replace", "after_replace"):
            def replace(source, target):
                if str(source).endswith(".saving") and phase == "before_replace":
                    die()
                real_replace(source, target)
                if str(source).endswith(".saving"):
                    die()
            projectfile.os.replace = replace
        elif phase == "before_marking":
            projectfile.ProjectDatabase.mark_saved = lambda *a, **k: die()

    def trial(command):
        arm(command["phase"])
        session = open_project(command["target"], user="saver")
        extra = Path(command["extra"])
        n = command["start"]
        while True:
            n += 1
            assessments.update_assessment(session, "4.1", notes=f"version {n}")
            say(edited=n)
            if n % 3 == 0:  # a deleted document: the save leaves its file out
                marker = f"REMOVED-EVIDENCE-{os.urandom(8).hex()}"
                extra.write_bytes(marker.encode() * 20_000)
                change = evidence.attach_evidence(session, "7.5.3", extra)
                registers.delete(session, "document", change.changes[0].entity_id)
                say(removed=marker)
            save_project(session)
            say(saved=n)

    say(ready=True)
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                trial(command)
            finally:
                os._exit(0)
        # The parent kills its own child, so the pid cannot have been reused by then.
        deadline = time.monotonic() + command["kill_after"]
        while time.monotonic() < deadline and os.waitpid(pid, os.WNOHANG) == (0, 0):
            time.sleep(0.002)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass  # it died at its phase
        say(done=pid)
    """
)


def _notes_of(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT notes FROM assessment WHERE item_id = '4.1'").fetchone()
    finally:
        conn.close()
    notes = row[0] if row else ""
    return int(notes.removeprefix("version ")) if notes else 0


def _beside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith("." + path.name))


class ForkServer:
    def __init__(self, script: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
            cwd=ROOT,
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict[str, object]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError("the fork server stopped")
        return dict(json.loads(line))

    def run(self, command: dict[str, object]) -> tuple[int, list[bytes]]:
        """Run a trial (killed after command["kill_after"] seconds unless it died at its
        phase); return the last edit it reported and the evidence it removed."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        last_edit = 0
        removed: list[bytes] = []
        while True:
            message = self._read()
            if "done" in message:
                return last_edit, removed
            if "removed" in message:
                removed.append(str(message["removed"]).encode())
            last_edit = max(last_edit, int(str(message.get("edited", 0))))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


PHASES = ("before_replace", "after_replace", "before_marking")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the trials are forked (POSIX)")
def test_a_kill_at_any_moment_of_saving_loses_no_edit(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    attachment = tmp_path / "scan.bin"
    attachment.write_bytes(os.urandom(3_000_000))  # saves take long enough to be hit mid-way
    extra = tmp_path / "removed.bin"  # written by each trial with its own contents
    session = new_project("Crash Test Ltd")
    evidence.attach_evidence(session, "7.5.3", attachment)
    target = save_project(session, work / "crash.aims")
    close_project(session)

    script = tmp_path / "fork_server.py"
    script.write_text(FORK_SERVER)
    server = ForkServer(script)
    rng = random.Random(42)
    in_file = recovered = interrupted = 0
    try:
        for trial in range(100):
            phase = PHASES[trial % 3] if trial < 15 else ""
            start = _notes_of(target)
            command = {
                "target": str(target),
                "start": start,
                "phase": phase,
                "extra": str(extra),
                "kill_after": rng.uniform(0.05, 0.7) if not phase else 30.0,
            }
            last_edit, removed = server.run(command)

            leftovers = _beside(target)
            interrupted += bool(leftovers)
            for leftover in leftovers:  # none may hold the evidence that was removed
                data = leftover.read_bytes()
                assert not [m for m in removed if m in data], leftover.name
            validate_file(target)  # the old or the new file, whole, ours
            saved = _notes_of(target)
            assert saved >= start, "an older file replaced a newer one"

            # The next open clears every side file the kill left.
            opened = open_project(target, user="checker")
            close_project(opened)
            assert _beside(target) == [], f"trial {trial}: side files outlived the next open"

            works = recoverable_work()
            assert len(works) <= 1
            if saved >= last_edit:
                in_file += 1
            else:
                assert works, f"trial {trial}: edit {last_edit} is neither saved nor recoverable"
            if works:
                session = recover_work(works[0], user="checker")
                notes = session.assessment("4.1").notes
                assert int(notes.removeprefix("version ")) >= last_edit
                save_project(session)
                close_project(session)
                recovered += 1
            assert recoverable_work() == []
    finally:
        server.close()
    assert in_file + recovered >= 100
    assert interrupted >= 10, f"only {interrupted} kills hit a save half-way"
    print(f"{interrupted} kills interrupted a save; {recovered} recoveries; {in_file} in the file")


# -- two savers at once ---------------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import sys
    from aims_desktop.services import assessments
    from aims_desktop.services.errors import UserFacingError
    from aims_desktop.services.project import close_project, open_project, save_project

    name, target = sys.argv[1], sys.argv[2]
    print("started", flush=True)
    for line in sys.stdin:
        round_ = line.strip()
        session = open_project(target, user=name)
        assessments.update_assessment(session, "8.1", notes=f"{name} round {round_}")
        print("ready", flush=True)
        sys.stdin.readline()  # "go", sent to both savers at the same moment
        try:
            save_project(session)
            print("saved", flush=True)
        except UserFacingError as error:
            print(f"refused {type(error).__name__}: {error}", flush=True)
        close_project(session)
    """
)


def _saver(script: Path, name: str, target: Path, data: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, AIMS_DESKTOP_DATA_DIR=str(data))  # another user, another machine
    process = subprocess.Popen(
        [sys.executable, str(script), name, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "started"
    return process


@pytest.mark.slow
def test_two_savers_at_the_same_moment_one_succeeds_one_is_refused(
    demo_file: Path, tmp_path: Path
) -> None:
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    savers = {
        name: _saver(script, name, demo_file, tmp_path / f"data-{name}") for name in ("ann", "bob")
    }
    refusals: list[str] = []
    try:
        for round_ in range(40):
            for process in savers.values():
                assert process.stdin is not None
                process.stdin.write(f"{round_}\n")
                process.stdin.flush()
            for process in savers.values():
                assert process.stdout is not None and process.stdout.readline().strip() == "ready"
            for process in savers.values():  # as close together as two writes can be
                assert process.stdin is not None
                process.stdin.write("go\n")
                process.stdin.flush()
            results = {}
            for name, process in savers.items():
                assert process.stdout is not None
                results[name] = process.stdout.readline().strip()
            winners = [n for n, r in results.items() if r == "saved"]
            assert len(winners) == 1, f"round {round_}: {results}"
            (loser,) = [r for n, r in results.items() if n not in winners]
            assert loser.startswith(("refused FileChangedOnDisk", "refused SaveInProgress"))
            refusals.append(loser.split(":")[0])
            validate_file(demo_file)
            assert f"{winners[0]} round {round_}" == _notes_of_text(demo_file)
    finally:
        for process in savers.values():
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=30)
            if process.stdout is not None:
                process.stdout.close()
    assert len(refusals) == 40
    assert [p.name for p in demo_file.parent.iterdir() if p.name.startswith(".")] == []


def _notes_of_text(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (notes,) = conn.execute("SELECT notes FROM assessment WHERE item_id = '8.1'").fetchone()
    finally:
        conn.close()
    return str(notes)


HOLDER = textwrap.dedent(
    """
    import sys
    from aims_desktop.services.project import open_project

    session = open_project(sys.argv[1], user="holder")
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


@pytest.mark.slow
def test_another_process_with_the_file_open_is_detected(demo_file: Path, tmp_path: Path) -> None:
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    process = subprocess.Popen(
        [sys.executable, str(script), str(demo_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        with pytest.raises(AlreadyOpen):
            open_project(demo_file)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    open_project(demo_file).project.close()  # free once the other process has gone


def test_work_survives_a_kill_in_the_middle_of_a_later_write(tmp_path: Path) -> None:
    """A kill while a write is half done leaves a hot journal and a half-written working copy.
    The edits committed before it must still be offered for recovery (the unfinished write is
    rolled back), not thrown away as a damaged copy."""
    from aims_desktop.services import assessments

    session = new_project("Torn Write Ltd")
    target = save_project(session, tmp_path / "torn.aims")
    assessments.update_assessment(session, "4.1", notes="the edit that must survive")
    copy = session.project.session.working_copy
    child = textwrap.dedent(
        f"""
        import os, sqlite3
        conn = sqlite3.connect({str(copy)!r}, isolation_level=None)
        conn.execute("PRAGMA cache_size=1")  # spill every changed page to the file at once
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE assessment SET notes = ?", ("x" * 400_000,))
        conn.execute("UPDATE organisation SET scope = ?", ("y" * 400_000,))
        os._exit(0)  # killed: no commit, no rollback
        """
    )
    from tests.gui.shell_helpers import simulate_crash

    simulate_crash(session)
    subprocess.run([sys.executable, "-c", child], check=True)
    assert copy.with_name(copy.name + "-journal").exists()
    works = recoverable_work()
    assert len(works) == 1
    recovered = recover_work(works[0], user="checker")
    try:
        assert recovered.assessment("4.1").notes == "the edit that must survive"
        assert "y" * 100 not in recovered.organisation().scope
    finally:
        close_project(recovered)
    assert target.exists()
