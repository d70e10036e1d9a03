"""The `aims-desktop` command.

With no argument, or with project files, it starts the desktop application. The subcommands
work without a display, for scripts, CI and auditors' laptops alike. Anything else (a mistyped
command) is refused with the nearest command, never by starting the GUI: in a script that would
hang, and on a server it would only say that a desktop is needed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from aims_desktop import APP_NAME, __version__

SUBCOMMANDS = (
    "new",
    "demo",
    "check",
    "report",
    "registers",
    "export",
    "export-evidence",
    "changes",
    "draft",
    "merge",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aims-desktop",
        description=f"{APP_NAME}: build and self-assess an ISO/IEC 42001 AI management system.",
        epilog="Run with no argument, or with a project file (.aims), to start the desktop "
        "application.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create an empty project file")
    new.add_argument("file", type=Path, help="the .aims file to create")
    new.add_argument("--org", required=True, help="the organisation's name")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    demo = sub.add_parser("demo", help="write the demo project (a fictional small company)")
    demo.add_argument("file", type=Path)
    demo.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = sub.add_parser("check", help="validate a project file and summarise its readiness")
    check.add_argument("file", type=Path)
    check.add_argument(
        "--findings",
        action="store_true",
        help="list what the auditor's eye finds (records and answers that do not agree)",
    )

    from aims_desktop.domain.registers import REGISTERS

    slugs = [s.slug for s in REGISTERS.values() if s.parent is None]
    report = sub.add_parser("report", help="write a PDF report of a project")
    report.add_argument("file", type=Path)
    report.add_argument(
        "--kind",
        choices=("gap", "soa", "registers", *slugs, *RECORD_REPORTS, "changes", "audit-pack"),
        required=True,
        help="gap, soa, registers (all of them), one register ("
        + ", ".join(slugs)
        + "), internal-audit (an audit report), management-review (minutes), changes "
        "(what changed since a revision) or audit-pack (the Stage 1 audit pack)",
    )
    report.add_argument(
        "--record",
        "--ref",
        dest="record",
        default="",
        metavar="REF",
        help="internal-audit and management-review: the audit or review to print, by its "
        "reference such as IA-002 (default: the latest); impact-assessments: only this "
        "assessment",
    )
    _since_arguments(report, "changes: ")
    report.add_argument("-o", "--output", type=Path, required=True)
    report.add_argument(
        "--prepared-by", help="the name printed on the cover (default: your login name)"
    )
    report.add_argument(
        "--confidentiality",
        default="Confidential",
        help="the marking printed on the cover and every page (default: Confidential)",
    )

    listing = sub.add_parser("registers", help="list the registers of a project and their records")
    listing.add_argument("file", type=Path)

    export = sub.add_parser("export", help="export one register to XLSX or CSV")
    export.add_argument("file", type=Path)
    export.add_argument("--register", required=True, help="one of: " + ", ".join(slugs))
    export.add_argument("--format", choices=("xlsx", "csv"), default=None)
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument("--force", action="store_true", help="overwrite an existing file")

    evidence = sub.add_parser(
        "export-evidence",
        help="write a ZIP of every current document version's file, with index.csv and "
        "SHA256SUMS (exit code 19 when it cannot be written)",
        description="Write a ZIP of the file of every document's version in force, with "
        "index.csv (number, title, version, status, file, size, SHA-256) and SHA256SUMS. "
        "Names inside the ZIP are made safe, so extracting it never writes outside the folder "
        "you choose. Exit codes: 0 done, 1 the output exists (give --force), 19 the ZIP could "
        "not be written; 3 to 9 a project file that cannot be read (see `check`).",
    )
    evidence.add_argument("file", type=Path)
    evidence.add_argument("-o", "--output", type=Path, required=True, help="OUT.zip")
    evidence.add_argument("--force", action="store_true", help="overwrite an existing file")

    changes = sub.add_parser(
        "changes",
        help="list what changed in a project since a revision or a date, by requirement and record",
    )
    changes.add_argument("file", type=Path)
    _since_arguments(changes, "")
    changes.add_argument(
        "-o", "--output", type=Path, help="write the list as a PDF instead of printing it"
    )
    drafting = sub.add_parser(
        "draft",
        help="draft a core document (AI policy, scope, risk criteria, objectives) from the "
        "project's answers, as DOCX (or PDF)",
    )
    drafting.add_argument("file", type=Path)
    drafting.add_argument(
        "--kind", choices=("ai-policy", "scope", "risk-criteria", "objectives"), required=True
    )
    drafting.add_argument("-o", "--output", type=Path, required=True, help="OUT.docx (or OUT.pdf)")
    drafting.add_argument("--force", action="store_true", help="overwrite an existing file")

    merge = sub.add_parser(
        "merge",
        help="merge two copies of one project into a new file",
        description="Merge two copies of one project: a change made in one copy only is taken; "
        "a field both copies changed differently, or a record one deleted and the other "
        "edited, is a conflict. With conflicts and no --prefer, nothing is written, the "
        f"conflicts are listed and the exit code is {MERGE_CONFLICTS}.",
    )
    merge.add_argument("file", type=Path, help="this copy (ours)")
    merge.add_argument("other", type=Path, help="the other copy (theirs)")
    merge.add_argument("-o", "--output", type=Path, required=True, help="the merged file")
    merge.add_argument(
        "--prefer",
        choices=("ours", "theirs"),
        help="resolve every conflict with this copy's value (ours) or the other's (theirs)",
    )
    merge.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


RECORD_REPORTS = ("internal-audit", "management-review")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date: write it as 2027-03-31"
        ) from None


def _since_arguments(parser: argparse.ArgumentParser, prefix: str) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--since-revision",
        type=int,
        metavar="N",
        help=prefix + "the changes saved after revision N (default: since the revision before "
        "the last save)",
    )
    group.add_argument(
        "--since", type=_day, metavar="DATE", help=prefix + "the changes from DATE (2027-03-31) on"
    )


def _refuse_overwrite(path: Path, force: bool) -> bool:
    if path.exists() and not force:
        print(f"{path} already exists; use --force to overwrite it.", file=sys.stderr)
        return True
    return False


def _new(args: argparse.Namespace) -> int:
    from aims_desktop.services.project import close_project, new_project, save_project

    if _refuse_overwrite(args.file, args.force):
        return 1
    session = new_project(args.org)
    try:
        path = save_project(session, args.file)
    finally:
        close_project(session)
    print(f"Created {path} for {args.org}.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from aims_desktop.services.demo import write_demo

    if _refuse_overwrite(args.file, args.force):
        return 1
    path = write_demo(args.file)
    print(f"Wrote the demo project to {path}.")
    return 0


def _bar(score: float, width: int = 20) -> str:
    filled = round(score * width)
    return "#" * filled + "." * (width - filled)


def _check(args: argparse.Namespace) -> int:
    from aims_desktop.domain.status import Status
    from aims_desktop.services.project import inspect_file

    summary = inspect_file(args.file)
    r = summary.readiness
    print(f"File:          {summary.path}")
    print(f"Organisation:  {summary.organisation}")
    print(f"Revision:      {summary.revision} (file format {summary.file_format})")
    saved = summary.saved_at or "never"
    print(f"Last saved:    {saved} by AIMS Desktop {summary.saved_by_version}")
    print(f"Fingerprint:   {summary.fingerprint}")
    history = summary.history
    if history is not None:
        print(f"History head:  {history.head or '(no saved entries yet)'}")
    print(
        f"Documents:     {summary.documents} ({summary.stored_files} file(s) stored in the "
        f"project); change log: {summary.change_log_entries} entries"
    )
    print()
    print("Readiness                                   score  met  part  not met  not assessed")
    for row in (*r.clauses, r.annex_a, r.overall):
        label = f"{row.key} {row.title}" if row.key[0].isdigit() else row.title
        print(
            f"{label[:36]:<36} {_bar(row.score, 6)} {row.percent:>4}%"
            f" {row.counts[Status.MET]:>4} {row.counts[Status.PARTIALLY_MET]:>5}"
            f" {row.counts[Status.NOT_MET]:>8} {row.counts[Status.NOT_ASSESSED]:>13}"
        )
    print()
    count = len(summary.findings)
    print(f"Auditor's eye: {count} finding{'' if count == 1 else 's'}")
    if args.findings:
        for finding in summary.findings:
            where = f" [{finding.subject}]" if finding.subject else ""
            print(f"  - {finding.message}{where}")
    elif count:
        print("  (list them with: aims-desktop check FILE --findings)")
    print()
    if history is not None and not history.intact:
        print("HISTORY ALTERED OUTSIDE AIMS DESKTOP")
        print(f"  {history.summary()}")
        for entry in history.altered:
            print(f"  - {entry.describe()}")
        if history.altered_count > len(history.altered):
            print(f"  … and {history.altered_count - len(history.altered):,} more.")
        print("File is valid (it opens), but its history was altered outside AIMS Desktop.")
        return HISTORY_ALTERED
    if history is not None:
        print(f"History:       {history.summary()}")
    print("File is valid.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from aims_desktop.services.reports import (
        REPORT_KINDS,
        ReportNotWritten,
        ReportOptions,
        write_report,
    )

    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        output = output.with_name(output.name + ".pdf")
    if args.record and args.kind not in (*RECORD_REPORTS, "impact-assessments"):
        print(
            f"aims-desktop: a report of one record is not available for “{args.kind}”: "
            "--record chooses the audit, review or assessment of an internal-audit, "
            "management-review or impact-assessments report.",
            file=sys.stderr,
        )
        return 2
    if (args.since_revision is not None or args.since is not None) and args.kind != "changes":
        print("aims-desktop: --since and --since-revision go with --kind changes.", file=sys.stderr)
        return 2
    options = ReportOptions(
        record=args.record, since_revision=args.since_revision, since=args.since
    )
    try:
        path = write_report(
            args.file,
            args.kind,
            output,
            prepared_by=args.prepared_by,
            confidentiality=args.confidentiality,
            options=options,
        )
    except ReportNotWritten as error:
        print(f"aims-desktop: {error}", file=sys.stderr)
        return error.exit_code
    what = (
        f"{REPORT_KINDS[args.kind].title} ({args.record})"
        if args.record
        else REPORT_KINDS[args.kind].title
    )
    print(f"Wrote {what} to {path}.")
    return 0


def _registers(args: argparse.Namespace) -> int:
    from aims_desktop.services.project import register_counts

    counts = register_counts(args.file)
    width = max(len(title) for _slug, title, _n in counts)
    print(f"{'register':<{width}}  {'records':>7}  command-line name")
    for slug, title, count in counts:
        print(f"{title:<{width}}  {count:>7}  {slug}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from aims_desktop.services.exchange import export_file_register

    output: Path = args.output
    fmt = args.format or (output.suffix.lower().lstrip(".") if output.suffix else "xlsx")
    if fmt not in ("xlsx", "csv"):
        print(
            f"aims-desktop: say --format xlsx or --format csv (“{output.name}” does not say).",
            file=sys.stderr,
        )
        return 2
    if output.suffix.lower() != f".{fmt}":
        output = output.with_name(output.name + f".{fmt}")
    if _refuse_overwrite(output, args.force):
        return 1
    path, rows = export_file_register(args.file, args.register, output, fmt)
    print(f"Wrote {rows} record(s) to {path}.")
    return 0


def _export_evidence(args: argparse.Namespace) -> int:
    from aims_desktop.services.evidence_export import export_file_evidence

    output: Path = args.output
    if output.suffix.lower() != ".zip":
        output = output.with_name(output.name + ".zip")
    if _refuse_overwrite(output, args.force):
        return 1
    result = export_file_evidence(args.file, output)
    files = sum(1 for f in result.files if f.member)
    print(
        f"Wrote {files} file(s), {result.total_bytes:,} bytes, with index.csv and SHA256SUMS "
        f"to {result.path}."
    )
    missing = len(result.files) - files
    if missing:
        print(f"{missing} document(s) have no file in the project; index.csv says where they are.")
    return 0


def _changes(args: argparse.Namespace) -> int:
    if args.output is not None:
        args.kind, args.record = "changes", ""
        args.prepared_by, args.confidentiality = None, "Confidential"
        return _report(args)
    from aims_desktop.services.changes import as_text, file_change_list

    listed = file_change_list(
        args.file, since_revision=args.since_revision, since=args.since, previous=True
    )
    for line in as_text(listed):
        print(line)
    return 0


def _draft(args: argparse.Namespace) -> int:
    from aims_desktop.services.drafting import DraftKind, draft_file
    from aims_desktop.services.reports import ReportNotWritten

    output: Path = args.output
    if output.suffix.lower() not in (".docx", ".pdf"):
        output = output.with_name(output.name + ".docx")
    if _refuse_overwrite(output, args.force):
        return 1
    try:
        path = draft_file(args.file, args.kind, output)
    except ReportNotWritten as error:
        print(f"aims-desktop: {error}", file=sys.stderr)
        return error.exit_code
    title = DraftKind(args.kind).document_title
    print(f"Wrote a draft of “{title}” to {path}.")
    print("Replace every text in square brackets, then have it approved.")
    return 0


def _merge(args: argparse.Namespace) -> int:
    from aims_desktop.services.merge import MergeConflicts, OtherCopy, describe_conflict
    from aims_desktop.services.project import close_project, open_project, save_project

    output: Path = args.output
    if output.suffix.lower() != PROJECT_SUFFIX:
        output = output.with_name(output.name + PROJECT_SUFFIX)
    if _refuse_overwrite(output, args.force):
        return 1
    session = open_project(args.file)
    try:
        with OtherCopy(session, args.other) as other:
            conflicts = other.conflicts
            if conflicts and args.prefer is None:
                print(
                    f"{len(conflicts)} conflict(s) between {args.file.name} (ours) and "
                    f"{args.other.name} (theirs):"
                )
                for conflict in conflicts:
                    print(f"  - {describe_conflict(conflict)}")
                    for side, edit in (("ours", conflict.ours), ("theirs", conflict.theirs)):
                        if edit is not None:
                            when = edit.at[:16].replace("T", " ")
                            print(f"      {side}: by {edit.who}, {when} UTC")
                raise MergeConflicts(args.other, conflicts)
            result = other.merge(prefer=args.prefer, undoable=False)
        path = save_project(session, output)
    finally:
        close_project(session)
    resolved = (
        f", {result.conflicts_resolved} conflict(s) resolved with {args.prefer}"
        if result.conflicts_resolved
        else ""
    )
    print(
        f"Merged {args.other.name} into {args.file.name}: {result.taken} change(s) taken"
        f"{resolved}, {result.blobs_copied} evidence file(s) copied. Wrote {path}."
    )
    return 0


PROJECT_SUFFIX = ".aims"

MERGE_CONFLICTS = 22
"""Exit code of `merge` when the copies conflict and no --prefer was given (nothing written)."""
NOT_A_COPY = 23
"""Exit code of `merge` when the other file is another project (nothing written)."""
HISTORY_ALTERED = 21
"""Exit code of `check` for a valid file whose history was altered outside AIMS Desktop."""


def is_project_argument(argument: str) -> bool:
    """A project file the GUI should open: a .aims name (missing or not: the GUI explains), or
    an existing file of another name (the GUI checks it and says what it is)."""
    if argument.startswith("-"):
        return False
    return argument.lower().endswith(PROJECT_SUFFIX) or Path(argument).is_file()


def unknown_command(argument: str, rest: Sequence[str] = ()) -> str:
    """What to say about an argument that is neither a command nor a project file."""
    looks_like_a_path = os.sep in argument or "/" in argument or Path(argument).suffix != ""
    if looks_like_a_path:
        message = (
            f"'{argument}' is not a project file (no such file, and it does not end in "
            f"{PROJECT_SUFFIX}) and not a command."
        )
    else:
        message = f"unknown command '{argument}'."
    nearest = difflib.get_close_matches(argument.lower(), SUBCOMMANDS, n=1, cutoff=0.6)
    if nearest:
        example = " ".join(["aims-desktop", nearest[0], *rest])
        message += f" Did you mean '{nearest[0]}'? ({example})"
    commands = ", ".join(SUBCOMMANDS)
    return f"{message}\nThe commands are: {commands}. Run `aims-desktop --help` for more."


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or all(is_project_argument(a) for a in argv):
        from aims_desktop.gui.app import run

        return run(argv)
    if argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        stray = next(a for a in argv if not is_project_argument(a))
        rest = argv[1:] if stray == argv[0] else []
        print(f"aims-desktop: {unknown_command(stray, rest)}", file=sys.stderr)
        return 2
    args = _parser().parse_args(argv)
    from aims_desktop.services.errors import UserFacingError

    handlers = {
        "new": _new,
        "demo": _demo,
        "check": _check,
        "report": _report,
        "registers": _registers,
        "export": _export,
        "export-evidence": _export_evidence,
        "changes": _changes,
        "draft": _draft,
        "merge": _merge,
    }
    try:
        return handlers[args.command](args)
    except UserFacingError as error:
        print(f"aims-desktop: {error}", file=sys.stderr)
        return int(getattr(error, "exit_code", 2))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` or similar, which stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
