"""Open and save of a large project against SQLite's own backup and VACUUM INTO.

The project: 200 MB of evidence in 2,000 files and a 50,000-entry change log (quick mode: a tenth).
Open = copy to the working copy + validate it (schema, integrity_check, every value, every evidence
file against its SHA-256, the last on a second thread); its baseline is sqlite3's backup API
copying the same file. `evidence_check_seconds` is the SHA-256 check of the evidence alone, on one
thread. Save = lock, compare, coalesce the log, VACUUM INTO a temporary file, fsync, atomic
replace; its baseline is a bare VACUUM INTO of the same working copy. Peak memory of an open, and
time and peak memory of `aims-desktop check` on a project with a million change-log entries
(quick mode: 100,000), are measured in child processes (max resident set size), so they include
the interpreter and every import.

Merge: two copies of the project, each with 5,000 edits saved (quick mode: 500), one adding AI
system records, the other also retitling documents. `merge.ratio_to_open` is File > Merge a
copy… into the open project (read and check the other copy, plan, write, keep the state before
for Undo) over opening that project; `merge_cli_ratio_to_open` is the whole of `aims-desktop
merge A B -o OUT` (open A, merge B, save OUT) over the same open.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, sys, time


def peak_mb():
    # VmHWM is this process image's own peak; ru_maxrss on Linux keeps the peak of the parent
    # process across fork and exec, which would blame the benchmark's memory on the open.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    bytes_per_unit = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * bytes_per_unit / 1024 / 1024


start = time.perf_counter()
if sys.argv[2] == "open":
    from aims_desktop.services.project import close_project, open_project
    session = open_project(sys.argv[1], user="bench")
    session.readiness()
    close_project(session)
else:
    import contextlib, io
    from aims_desktop.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", sys.argv[1]]) == 0
elapsed = time.perf_counter() - start
print(json.dumps({"peak_mb": peak_mb(), "elapsed": elapsed}))
"""


LOG_INSERT = (
    "INSERT INTO change_log (id, seq, revision, at, who, entity, entity_id, field, subject, "
    "old, new) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)


def _generate(folder: Path, files: int, size: int, log_entries: int) -> Path:
    from aims_desktop.catalog import load_catalog
    from aims_desktop.services import evidence
    from aims_desktop.services.project import close_project, new_project, save_project

    catalog = load_catalog()
    items = [i.id for i in catalog.items]
    session = new_project("Benchmark Industries GmbH", user="bench")
    source = folder / "evidence.bin"
    for n in range(files):
        source.write_bytes(os.urandom(size))  # incompressible, all distinct
        evidence.attach_evidence(session, items[n % len(items)], source, title=f"Evidence {n}")
    source.unlink()
    # The change log is bulk-inserted: 50,000 separate edits would measure fsync, not the file.
    conn = session.db.raw_connection()
    conn.execute("BEGIN")
    rows = (
        (
            str(uuid.uuid4()),
            1_000_000 + n,
            1,
            "2026-01-01T00:00:00.000000Z",
            "bench",
            "assessment",
            str(uuid.uuid4()),
            "notes",
            items[n % len(items)],
            f"old note number {n} " * 3,
            f"new note number {n} " * 3,
        )
        for n in range(log_entries)
    )
    conn.executemany(LOG_INSERT, rows)
    conn.execute("COMMIT")
    target = save_project(session, folder / "big.aims")
    close_project(session)
    return target


def _long_log(folder: Path, entries: int) -> Path:
    """A small project whose change log holds `entries` saved entries."""
    from aims_desktop.services.project import close_project, new_project, save_project

    session = new_project("Long History Ltd", user="bench")
    conn = session.db.raw_connection()
    conn.execute("BEGIN")
    conn.executemany(
        LOG_INSERT,
        (
            (
                str(uuid.uuid4()),
                10 + n,
                1,
                "2026-01-01T00:00:00.000000Z",
                "bench",
                "assessment",
                str(uuid.uuid4()),
                "notes",
                "4.1",
                f"old note number {n}",
                f"new note number {n}",
            )
            for n in range(entries)
        ),
    )
    conn.execute("COMMIT")
    target = save_project(session, folder / "long-log.aims")
    close_project(session)
    return target


def _edited_copy(source: Path, target: Path, side: str, edits: int) -> Path:
    """A copy of the benchmark project with `edits` logged edits made in it and saved: on
    each side new AI system records, and on the other side also a new title for each
    document (the field changes a merge takes), all in one batch (the edits themselves are not
    what is measured)."""
    from aims_desktop.domain.registers import REGISTERS
    from aims_desktop.services import registers
    from aims_desktop.services.project import close_project, open_project, save_project
    from aims_desktop.store.register_repository import Insert, Update

    shutil.copyfile(source, target)
    session = open_project(target, user=side)
    spec = REGISTERS["ai_system"]
    operations: list[object] = []
    if side == "theirs":
        documents = REGISTERS["document"]
        for record in registers.records(session, "document")[: edits // 2]:
            operations.append(
                Update(documents, record.id, {"title": f"{record.title} (checked)"}, "document")
            )
    for n in range(edits - len(operations)):
        record = spec.model(id=str(uuid.uuid4()), ref=f"{side[:1].upper()}-{n}", name=f"{side} {n}")
        operations.append(Insert(spec, record, f"{side} {n}"))
    session.db.registers.write(operations, side)  # type: ignore[arg-type]
    save_project(session)
    close_project(session)
    return target


def _merge_in_app_seconds(ours: Path, theirs: Path) -> float:
    """File > Merge a copy… into the open project: read and check the other copy, work out
    the merge, write it with every conflict as ours, keeping the state before for Undo. The
    open of our own copy is not counted (it is open already)."""
    from aims_desktop.services.merge import OtherCopy
    from aims_desktop.services.project import close_project, open_project

    session = open_project(ours, user="bench")
    try:
        start = time.perf_counter()
        with OtherCopy(session, theirs) as other:
            other.merge(prefer="ours")
        return time.perf_counter() - start
    finally:
        close_project(session)


def _merge_seconds(ours: Path, theirs: Path, out: Path) -> float:
    """`aims-desktop merge ours theirs -o out --prefer ours`, in this process: open ours,
    read theirs, merge, save the result."""
    import contextlib
    import io

    from aims_desktop.cli import main

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["merge", str(ours), str(theirs), "-o", str(out), "--prefer", "ours"]) == 0
    elapsed = time.perf_counter() - start
    out.unlink()
    return elapsed


def _child(path: Path, what: str) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), what],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        check=True,
    )
    return dict(json.loads(child.stdout))


def _evidence_check_seconds(path: Path) -> float:
    from aims_desktop.store.validation import connect_read_only, verify_evidence

    conn = connect_read_only(path)
    try:
        start = time.perf_counter()
        verify_evidence(path, conn)
        return time.perf_counter() - start
    finally:
        conn.close()


def _median_time(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(quick: bool = False) -> dict[str, float | int | str]:
    files, size, log_entries = (200, 100_000, 5_000) if quick else (2_000, 100_000, 50_000)
    repeat = 3 if quick else 5
    folder = Path(tempfile.mkdtemp(prefix="aims-bench-"))
    previous = os.environ.get("AIMS_DESKTOP_DATA_DIR")
    os.environ["AIMS_DESKTOP_DATA_DIR"] = str(folder / "data")
    try:
        from aims_desktop.services import assessments
        from aims_desktop.services.project import close_project, open_project, save_project

        started = time.perf_counter()
        path = _generate(folder, files, size, log_entries)
        generated = time.perf_counter() - started

        def sqlite_backup() -> None:
            copy = folder / "backup.aims"
            src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            dst = sqlite3.connect(copy)
            src.backup(dst)
            dst.close()
            src.close()
            copy.unlink()

        def our_open() -> None:
            close_project(open_project(path, user="bench"))

        sqlite_backup()  # warm the page cache for both alike
        backup_s = _median_time(sqlite_backup, repeat)
        open_s = _median_time(our_open, repeat)

        session = open_project(path, user="bench")
        counter = iter(range(10_000))

        def our_save() -> None:
            assessments.update_assessment(session, "4.1", notes=f"edit {next(counter)}")
            save_project(session)

        def sqlite_vacuum_into() -> None:
            copy = folder / "vacuum.aims"
            session.db.raw_connection().execute("VACUUM INTO ?", (str(copy),))
            copy.unlink()

        sqlite_vacuum_into()
        vacuum_s = _median_time(sqlite_vacuum_into, repeat)
        save_s = _median_time(our_save, repeat)
        close_project(session)

        # Merge: two copies that each made 5,000 edits (quick: 500), beside opening one.
        merge_edits = 500 if quick else 5_000
        ours = _edited_copy(path, folder / "ours.aims", "ours", merge_edits)
        theirs = _edited_copy(path, folder / "theirs.aims", "theirs", merge_edits)
        open_ours_s = _median_time(lambda: close_project(open_project(ours, user="b")), repeat)
        merge_s = statistics.median(_merge_in_app_seconds(ours, theirs) for _ in range(repeat))
        merge_cli_s = statistics.median(
            _merge_seconds(ours, theirs, folder / "merged.aims") for _ in range(repeat)
        )

        evidence_s = _median_time(lambda: _evidence_check_seconds(path), repeat)
        peak = _child(path, "open")
        log_entries_long = 100_000 if quick else 1_000_000
        long_log = _long_log(folder, log_entries_long)
        checked = _child(long_log, "check")
        return {
            "evidence_files": files,
            "evidence_mb": round(files * size / 1_000_000),
            "change_log_entries": log_entries,
            "file_mb": round(path.stat().st_size / 1_000_000, 1),
            "generate_seconds": generated,
            "open_seconds": open_s,
            "sqlite_backup_seconds": backup_s,
            "open_ratio": open_s / backup_s,
            "save_seconds": save_s,
            "sqlite_vacuum_into_seconds": vacuum_s,
            "save_ratio": save_s / vacuum_s,
            "evidence_check_seconds": evidence_s,
            "merge_edits_each_side": merge_edits,
            "merge_seconds": merge_s,
            "merge_open_seconds": open_ours_s,
            "merge.ratio_to_open": merge_s / open_ours_s,
            "merge_cli_seconds": merge_cli_s,
            "merge_cli_ratio_to_open": merge_cli_s / open_ours_s,
            "open_peak_memory_mb": peak["peak_mb"],
            "long_log_entries": log_entries_long,
            "check_long_log_seconds": checked["elapsed"],
            "check_long_log_peak_memory_mb": checked["peak_mb"],
        }
    finally:
        if previous is None:
            os.environ.pop("AIMS_DESKTOP_DATA_DIR", None)
        else:
            os.environ["AIMS_DESKTOP_DATA_DIR"] = previous
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
