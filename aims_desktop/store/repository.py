"""Reads and logged writes on an open working copy.

Every write is one transaction that also appends to the change log, so the log and the data can
never disagree. Changes are labelled with the revision they will be saved as; Save coalesces them
(several edits of one field become one entry from the saved value to the final value), so text
typed and removed between two saves never reaches the saved file.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from aims_desktop.domain.assessment import Assessment
from aims_desktop.domain.changes import FieldChange
from aims_desktop.domain.history import HistoryCheck, LogEntry
from aims_desktop.domain.organisation import Organisation
from aims_desktop.store import codec
from aims_desktop.store.connection import working_copy_engine
from aims_desktop.store.errors import Damaged, WorkingCopyProblem
from aims_desktop.store.schema import (
    APPLICATION_ID,
    SCHEMA_REVISION,
    assessment,
    change_log,
    create_schema,
    evidence_blob,
    guidance_answer,
    metadata,
    organisation,
    project,
)
from aims_desktop.store.validation import blob_matches

if TYPE_CHECKING:
    from aims_desktop.store.register_repository import RegisterStore

CHUNK = 1 << 20

Clock = Callable[[], datetime]

# SQLite's primary result codes that mean the working copy cannot take a write (full disk,
# failing or read-only disk) or is no longer a database.
_FULL = 13
_CANNOT_WRITE = {3, 8, 10, 14}  # PERM, READONLY, IOERR, CANTOPEN
_CORRUPT = {11, 26}  # CORRUPT, NOTADB


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1_000_000
    except OSError:
        return False


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class ProjectRecord:
    id: str
    revision: int
    catalog_version: str
    saved_by_version: str
    saved_at: str | None
    created_at: str


class ProjectDatabase:
    """An open working copy. Owned by one thread; every public method is one transaction.

    `shown_as` is the user's file the working copy belongs to: messages name it, never the
    private copy. SQLite failures reach callers as the user's kind of error: a full or failing
    disk under the working copy is WorkingCopyProblem (the session stays usable; the next
    change after space returns works), a damaged copy is Damaged.
    """

    def __init__(self, path: Path, clock: Clock = utc_now, shown_as: Path | None = None) -> None:
        self.path = path
        self.clock = clock
        self.shown_as = shown_as or path
        self.engine: Engine = working_copy_engine(path)

    # -- life cycle ------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        org_name: str,
        who: str,
        catalog_version: str,
        app_version: str,
        clock: Clock = utc_now,
    ) -> ProjectDatabase:
        db = cls(path, clock)
        with db._write() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_REVISION}")
            create_schema(conn.exec_driver_sql)
        now = stamp(clock())
        project_id = str(uuid.uuid4())
        with db._write() as conn:
            conn.execute(
                insert(project).values(
                    id=project_id,
                    revision=0,
                    catalog_version=catalog_version,
                    saved_by_version=app_version,
                    saved_at=None,
                    created_at=now,
                    updated_at=now,
                    changed_by=who,
                )
            )
            org_id = str(uuid.uuid4())
            conn.execute(
                insert(organisation).values(
                    id=org_id, name=org_name, created_at=now, updated_at=now, changed_by=who
                )
            )
            db._log(conn, who, [FieldChange("organisation", org_id, "", None, org_name, org_name)])
        return db

    def close(self) -> None:
        self.engine.dispose()

    @property
    def registers(self) -> RegisterStore:
        """Register records and their links (store/register_repository.py)."""
        from aims_desktop.store.register_repository import RegisterStore

        return RegisterStore(self)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._translated(), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._translated(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            if isinstance(exc.orig, sqlite3.Error):
                raise self._user_error(exc.orig) from exc
            raise
        except sqlite3.Error as exc:
            raise self._user_error(exc) from exc

    def _user_error(self, error: sqlite3.Error) -> Exception:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code == _FULL:
            return WorkingCopyProblem(self.path.parent, full=True)
        if code in _CANNOT_WRITE:
            # A journal that cannot be created on a full disk is an I/O error to SQLite.
            return WorkingCopyProblem(
                self.path.parent, full=_disk_full(self.path), detail=str(error)
            )
        if code in _CORRUPT:
            return Damaged(self.shown_as, f"its working copy is damaged: {error}")
        return error

    def raw_connection(self) -> sqlite3.Connection:
        """The underlying sqlite3 connection, for the blob API and VACUUM INTO."""
        raw = self.engine.raw_connection()
        driver = raw.driver_connection
        raw.close()  # StaticPool: the connection stays open and is shared
        assert isinstance(driver, sqlite3.Connection)
        return driver

    # -- project ---------------------------------------------------------------------------

    def project(self) -> ProjectRecord:
        with self._read() as conn:
            row = conn.execute(select(project)).one()
        return ProjectRecord(
            id=row.id,
            revision=row.revision,
            catalog_version=row.catalog_version,
            saved_by_version=row.saved_by_version,
            saved_at=row.saved_at,
            created_at=row.created_at,
        )

    # -- organisation ----------------------------------------------------------------------

    def organisation(self) -> Organisation:
        with self._read() as conn:
            row = conn.execute(select(organisation)).one()
        try:
            return Organisation(
                **{
                    name: codec.decode(codec.ORGANISATION_FIELDS, name, getattr(row, name))
                    for name in codec.ORGANISATION_FIELDS
                }
            )
        except (ValidationError, ValueError) as exc:
            raise Damaged(self.shown_as, f"the organisation record is invalid: {exc}") from None

    def update_organisation(self, values: dict[str, Any], who: str) -> list[FieldChange]:
        with self._write() as conn:
            row = conn.execute(select(organisation)).one()
            return self._update_row(
                conn, organisation, row, codec.ORGANISATION_FIELDS, values, who, "Organisation"
            )

    # -- assessments -----------------------------------------------------------------------

    def _assessment_from(self, row: Any, answers: dict[str, Any]) -> Assessment:
        try:
            return Assessment(
                item_id=row.item_id,
                answers=answers,
                **{
                    name: codec.decode(codec.ASSESSMENT_FIELDS, name, getattr(row, name))
                    for name in codec.ASSESSMENT_FIELDS
                },
            )
        except (ValidationError, ValueError) as exc:
            raise Damaged(self.shown_as, f"the record of {row.item_id} is invalid: {exc}") from None

    def assessments(self) -> dict[str, Assessment]:
        """Every stored assessment; items never touched have no row and read as not assessed."""
        with self._read() as conn:
            answers: dict[str, dict[str, Any]] = {}
            for row in conn.execute(select(guidance_answer)):
                if row.answer is not None:
                    value = codec.decode(codec.ANSWER_FIELDS, "answer", row.answer)
                    answers.setdefault(row.item_id, {})[row.question_key] = value
            rows = conn.execute(select(assessment)).all()
        result = {r.item_id: self._assessment_from(r, answers.get(r.item_id, {})) for r in rows}
        for item_id, given in answers.items():
            if item_id not in result:
                result[item_id] = Assessment(item_id=item_id, answers=given)
        return result

    def assessment(self, item_id: str) -> Assessment:
        with self._read() as conn:
            row = conn.execute(select(assessment).where(assessment.c.item_id == item_id)).first()
            given = {
                r.question_key: codec.decode(codec.ANSWER_FIELDS, "answer", r.answer)
                for r in conn.execute(
                    select(guidance_answer).where(guidance_answer.c.item_id == item_id)
                )
                if r.answer is not None
            }
        if row is None:
            return Assessment(item_id=item_id, answers=given)
        return self._assessment_from(row, given)

    def update_assessment(
        self, item_id: str, values: dict[str, Any], who: str
    ) -> list[FieldChange]:
        with self._write() as conn:
            row = conn.execute(select(assessment).where(assessment.c.item_id == item_id)).first()
            if row is None:
                now = stamp(self.clock())
                conn.execute(
                    insert(assessment).values(
                        id=str(uuid.uuid4()),
                        item_id=item_id,
                        status="not_assessed",
                        created_at=now,
                        updated_at=now,
                        changed_by=who,
                    )
                )
                row = conn.execute(select(assessment).where(assessment.c.item_id == item_id)).one()
            return self._update_row(
                conn, assessment, row, codec.ASSESSMENT_FIELDS, values, who, item_id
            )

    def set_answer(
        self, item_id: str, question_key: str, answer: Any, who: str, subject: str
    ) -> list[FieldChange]:
        with self._write() as conn:
            query = select(guidance_answer).where(
                guidance_answer.c.item_id == item_id,
                guidance_answer.c.question_key == question_key,
            )
            row = conn.execute(query).first()
            if row is None:
                if answer is None:
                    return []
                now = stamp(self.clock())
                conn.execute(
                    insert(guidance_answer).values(
                        id=str(uuid.uuid4()),
                        item_id=item_id,
                        question_key=question_key,
                        answer=None,
                        created_at=now,
                        updated_at=now,
                        changed_by=who,
                    )
                )
                row = conn.execute(query).one()
            return self._update_row(
                conn, guidance_answer, row, codec.ANSWER_FIELDS, {"answer": answer}, who, subject
            )

    def _update_row(
        self,
        conn: Connection,
        table: Any,
        row: Any,
        fields: dict[str, codec.Codec],
        values: dict[str, Any],
        who: str,
        subject: str,
    ) -> list[FieldChange]:
        changes: list[FieldChange] = []
        column_values: dict[str, Any] = {}
        for name, value in values.items():
            if name not in fields:
                raise KeyError(f"{table.name} has no editable field {name!r}")
            new_text = codec.encode(fields, name, value)
            old_text = getattr(row, name)
            if new_text == old_text:
                continue
            column_values[name] = new_text
            old_value = codec.decode(fields, name, old_text)
            changes.append(FieldChange(table.name, row.id, name, old_value, value, subject))
        if column_values:
            conn.execute(
                update(table)
                .where(table.c.id == row.id)
                .values(updated_at=stamp(self.clock()), changed_by=who, **column_values)
            )
            self._log(conn, who, changes, fields)
        return changes

    # -- stored files ----------------------------------------------------------------------

    def has_file(self, sha256: str) -> bool:
        with self._read() as conn:
            found = conn.execute(
                select(evidence_blob.c.sha256).where(evidence_blob.c.sha256 == sha256)
            ).first()
        return found is not None

    def store_file(self, source: BinaryIO, *, size: int, name: str, who: str) -> str:
        """Store a file's bytes once and return their SHA-256, streamed (never whole in
        memory).

        The fingerprint is the row's key, so it is computed first (one read of the file); the
        bytes are then copied into the row and hashed again on the way, so what is stored is
        exactly what the fingerprint says even if the file changed in between (OSError). Bytes
        already stored under that SHA-256 are reused only after checking that they hash to it
        (a crafted project could store other bytes under a genuine document's fingerprint).
        """
        source.seek(0)
        first = hashlib.sha256()
        read = 0
        while chunk := source.read(CHUNK):
            first.update(chunk)
            read += len(chunk)
        if read != size:
            raise OSError("the file changed while it was being read")
        sha256 = first.hexdigest()
        now = stamp(self.clock())
        with self._write() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            row_id: Any = literal_column("rowid")
            exists = conn.execute(
                select(evidence_blob.c.size, row_id).where(evidence_blob.c.sha256 == sha256)
            ).first()
            if exists is not None:
                if not blob_matches(raw, exists[1], sha256, exists[0]):
                    raise Damaged(
                        self.shown_as,
                        f"the stored copy of “{name}” is not what its fingerprint says: "
                        "its bytes were changed after it was attached",
                    )
                return sha256
            result = conn.execute(
                insert(evidence_blob).values(
                    sha256=sha256,
                    size=size,
                    data=func.zeroblob(size),
                    created_at=now,
                    updated_at=now,
                    changed_by=who,
                )
            )
            digest = hashlib.sha256()
            written = 0
            source.seek(0)
            with raw.blobopen("evidence_blob", "data", result.lastrowid) as blob:
                while chunk := source.read(CHUNK):
                    if written + len(chunk) > size:
                        raise OSError("the file grew while it was being attached")
                    blob.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
            if written != size or digest.hexdigest() != sha256:
                raise OSError("the file changed while it was being attached")
        return sha256

    def export_file(self, sha256: str, target: BinaryIO) -> int:
        """Stream the stored bytes of one file into `target`."""
        with self._read() as conn:
            row = conn.execute(
                select(evidence_blob.c.size, literal_column("rowid")).where(
                    evidence_blob.c.sha256 == sha256
                )
            ).first()
            if row is None:
                raise KeyError(sha256)
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            written = 0
            with raw.blobopen("evidence_blob", "data", row[1], readonly=True) as blob:
                while chunk := blob.read(CHUNK):
                    target.write(chunk)
                    written += len(chunk)
        return written

    def file_head(self, sha256: str, size: int) -> bytes:
        """The first `size` bytes of a stored file (to tell what type it really is)."""
        with self._read() as conn:
            found: Any = conn.execute(
                select(literal_column("rowid")).where(evidence_blob.c.sha256 == sha256)
            ).first()
            if found is None:
                raise KeyError(sha256)
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            with raw.blobopen("evidence_blob", "data", found[0], readonly=True) as blob:
                return blob.read(size)

    def stored_files(self) -> list[tuple[str, int]]:
        """(SHA-256, size) of every file stored in the working copy, linked or not."""
        with self._read() as conn:
            return [
                (str(r[0]), int(r[1]))
                for r in conn.execute(select(evidence_blob.c.sha256, evidence_blob.c.size))
            ]

    # -- change log ------------------------------------------------------------------------

    def _log(
        self,
        conn: Connection,
        who: str,
        changes: list[FieldChange],
        fields: dict[str, codec.Codec] | None = None,
        texts: list[tuple[str | None, str | None]] | None = None,
    ) -> None:
        """Append `changes` to the change log. Values are written as `fields` encodes them,
        as the (old, new) `texts` given (one pair per change), or described."""
        if not changes:
            return
        revision = conn.execute(select(project.c.revision)).scalar_one() + 1
        seq = conn.execute(select(func.coalesce(func.max(change_log.c.seq), 0))).scalar_one()
        at = stamp(self.clock())
        rows = []
        for index, change in enumerate(changes):
            seq += 1
            if texts is not None:
                old, new = texts[index]
            elif fields is not None:
                old = codec.encode(fields, change.field, change.old)
                new = codec.encode(fields, change.field, change.new)
            else:
                old, new = _describe(change.old), _describe(change.new)
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "seq": seq,
                    "revision": revision,
                    "at": at,
                    "who": who,
                    "entity": change.entity,
                    "entity_id": change.entity_id,
                    "field": change.field,
                    "subject": change.subject,
                    "old": old,
                    "new": new,
                }
            )
        conn.execute(insert(change_log), rows)

    def change_log(self, limit: int | None = None, newest_first: bool = True) -> list[LogEntry]:
        order = change_log.c.seq.desc() if newest_first else change_log.c.seq
        query = select(change_log).order_by(order)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [_entry(r) for r in conn.execute(query)]

    def verify_history(self) -> HistoryCheck:
        """Check the change log against its hash chain (store/chain.py): which entries, if
        any, were altered outside AIMS Desktop."""
        from aims_desktop.store import chain

        with self._translated():
            return chain.verify(self.raw_connection())

    def history_head(self) -> str:
        """The head of the hash chain: the hash of the last saved entry."""
        from aims_desktop.store import chain

        with self._translated():
            return chain.head(self.raw_connection())

    def change_log_count(self) -> int:
        """Counted by SQLite: a million entries never pass through Python."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(change_log)).scalar_one())

    # -- removing a value from the history --------------------------------------------------

    def log_entries_containing(self, text: str, limit: int = 1000) -> list[LogEntry]:
        """Change-log entries whose old or new value contains `text` (exact, case-sensitive)."""
        query = (
            select(change_log)
            .where(
                or_(func.instr(change_log.c.old, text) > 0, func.instr(change_log.c.new, text) > 0)
            )
            .order_by(change_log.c.seq)
            .limit(limit)
        )
        with self._read() as conn:
            return [_entry(r) for r in conn.execute(query)]

    def places_holding(self, text: str) -> list[tuple[str, str, str]]:
        """Where the current data (not the history) holds `text`: (table, column, the row's
        item id or ""). Evidence file contents are not searched."""
        found: list[tuple[str, str, str]] = []
        with self._read() as conn:
            for table in metadata.sorted_tables:
                if table.name in ("change_log", "evidence_blob"):
                    continue
                for column in table.columns:
                    if column.name in ("id", "created_at", "updated_at") or str(
                        column.type
                    ) not in ("VARCHAR", "TEXT"):
                        continue
                    label = table.c.item_id if "item_id" in table.c else literal_column("''")
                    rows = conn.execute(
                        select(label).where(func.instr(column, text) > 0).limit(5)
                    ).all()
                    found.extend((table.name, column.name, row[0] or "") for row in rows)
        return found

    def remove_from_change_log(
        self, text: str, note: str, who: str, summary: str
    ) -> tuple[int, FieldChange]:
        """Replace `text` with `note` in every change-log value holding it, and log that this
        was done (`summary`), in one transaction. Returns how many entries changed. With
        secure_delete on, the old values are overwritten in the file, not just unlinked."""
        with self._write() as conn:
            replaced = {
                name: func.replace(change_log.c[name], text, note) for name in ("old", "new")
            }
            result = conn.execute(
                update(change_log)
                .where(
                    or_(
                        func.instr(change_log.c.old, text) > 0,
                        func.instr(change_log.c.new, text) > 0,
                    )
                )
                .values(**replaced)
            )
            count = int(result.rowcount or 0)
            change = FieldChange("change_log", str(uuid.uuid4()), "removed", None, summary, "")
            self._log(conn, who, [change])
        return count, change

    def change_log_query(
        self,
        *,
        entity: str | None = None,
        entity_id: str | None = None,
        who: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        after_revision: int | None = None,
    ) -> tuple[list[LogEntry], int]:
        """Entries matching every filter given, newest first, and how many match in all.

        Filtering and counting happen in SQL, so a long history is never loaded whole.
        `since`/`until` compare with the stored UTC stamps ("2026-03-01" matches from that
        day); `text` is a case-insensitive substring of the subject, field, old or new value;
        `after_revision` keeps the changes saved after that revision (and unsaved ones).
        """
        conditions = []
        if after_revision is not None:
            conditions.append(change_log.c.revision > after_revision)
        if entity:
            conditions.append(change_log.c.entity == entity)
        if entity_id:
            conditions.append(change_log.c.entity_id == entity_id)
        if who:
            conditions.append(change_log.c.who == who)
        if since:
            conditions.append(change_log.c.at >= since)
        if until:
            conditions.append(change_log.c.at < until)
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(
                or_(
                    *(
                        func.lower(column).like(pattern.lower(), escape="\\")
                        for column in (
                            change_log.c.subject,
                            change_log.c.field,
                            change_log.c.old,
                            change_log.c.new,
                            change_log.c.who,
                        )
                    )
                )
            )
        query = select(change_log).where(*conditions).order_by(change_log.c.seq.desc())
        counting = select(func.count()).select_from(change_log).where(*conditions)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            total = int(conn.execute(counting).scalar_one())
            entries = [_entry(r) for r in conn.execute(query)]
        return entries, total

    def change_log_people(self) -> list[str]:
        with self._read() as conn:
            rows = conn.execute(select(change_log.c.who).distinct().order_by(change_log.c.who))
            return [str(r[0]) for r in rows]

    def _pending_groups(self, conn: Connection) -> list[list[Any]]:
        saved = conn.execute(select(project.c.revision)).scalar_one()
        # Entries another copy made (brought in by a merge) are kept as they were: never
        # coalesced with ours or dropped.
        rows = conn.execute(
            select(change_log)
            .where(change_log.c.revision > saved, change_log.c.imported_by.is_(None))
            .order_by(change_log.c.seq)
        ).all()
        groups: dict[tuple[str, str, str], list[Any]] = {}
        for row in rows:
            groups.setdefault((row.entity, row.entity_id, row.field), []).append(row)
        return list(groups.values())

    @staticmethod
    def _is_net_change(group: list[Any]) -> bool:
        if group[0].field == "":
            return not (group[0].old is None and group[-1].new is None)
        return bool(group[0].old != group[-1].new)

    def has_unsaved_changes(self) -> bool:
        with self._read() as conn:
            if any(self._is_net_change(g) for g in self._pending_groups(conn)):
                return True
            saved = conn.execute(select(project.c.revision)).scalar_one()
            imported = conn.execute(
                select(change_log.c.id)
                .where(change_log.c.revision > saved, change_log.c.imported_by.is_not(None))
                .limit(1)
            ).first()
            return imported is not None

    def coalesce_pending(self) -> None:
        """Merge the pending change log ahead of a save: several edits of one field become one
        entry from the saved value to the final value, and edits that cancel out disappear, so
        text typed and removed between two saves never reaches the saved file. The entries stay
        pending (unsaved) until `mark_saved`."""
        with self._write() as conn:
            dropped_entities: set[tuple[str, str]] = set()
            groups = self._pending_groups(conn)
            for group in groups:
                first, last = group[0], group[-1]
                if first.field == "" and first.old is None and last.new is None:
                    dropped_entities.add((first.entity, first.entity_id))
            for group in groups:
                first, last = group[0], group[-1]
                ids = [r.id for r in group]
                if (first.entity, first.entity_id) in dropped_entities or not self._is_net_change(
                    group
                ):
                    conn.execute(delete(change_log).where(change_log.c.id.in_(ids)))
                    continue
                if len(group) > 1:
                    conn.execute(delete(change_log).where(change_log.c.id.in_(ids[:-1])))
                    conn.execute(
                        update(change_log).where(change_log.c.id == last.id).values(old=first.old)
                    )

    def next_save(self, app_version: str) -> tuple[str, int, str]:
        """(project id, revision, saved_at) the next save will write; nothing is changed."""
        record = self.project()
        return record.id, record.revision + 1, stamp(self.clock())

    def mark_saved(self, revision: int, saved_at: str, app_version: str) -> None:
        """The file holding `revision` has durably replaced the target: from now on the working
        copy counts as saved. Called only after that, so a crash before it leaves the work
        counted as unsaved and offered for recovery."""
        with self._write() as conn:
            conn.execute(
                update(project).values(
                    revision=revision, saved_by_version=app_version, saved_at=saved_at
                )
            )


def stamp_saved_file(path: Path, revision: int, saved_at: str, app_version: str) -> None:
    """Label a freshly written copy (not yet in place) as the saved `revision`. The copy is
    throwaway until it replaces the target, so no journal is kept beside it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute(
            "UPDATE project SET revision = ?, saved_by_version = ?, saved_at = ?",
            (revision, app_version, saved_at),
        )
    finally:
        conn.close()


def _entry(row: Any) -> LogEntry:
    return LogEntry(
        at=row.at,
        who=row.who,
        entity=row.entity,
        entity_id=row.entity_id,
        field=row.field,
        subject=row.subject,
        old=row.old,
        new=row.new,
        revision=row.revision,
        id=row.id,
        seq=row.seq,
    )


def _describe(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)
