"""Property: random edits on two copies of one project, merged with `--prefer ours`: every
change made on one side only is in the result (and ours wins where both changed a field)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_desktop.cli import main
from aims_desktop.services import assessments, organisation, registers
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.services.session import ProjectSession

ITEMS = ("7.2", "7.3", "8.1")
REFS = ("AI-001", "AI-002")
WORDS = st.sampled_from(["alpha", "beta", "gamma", "Base"])

OPS = st.one_of(
    st.tuples(st.just("note"), st.sampled_from(ITEMS), WORDS),
    st.tuples(st.just("scope"), st.just(""), WORDS),
    st.tuples(st.just("rename"), st.sampled_from(REFS), WORDS),
    st.tuples(st.just("add"), st.just(""), WORDS),
)

Model = dict[tuple[str, str], str]


def _base_model() -> Model:
    model: Model = {("note", item): "Base" for item in ITEMS}
    model[("scope", "")] = ""
    for ref in REFS:
        model[("rename", ref)] = "Base"
    return model


def _system_id(session: ProjectSession, ref: str) -> str:
    for record in registers.records(session, "ai_system"):
        if record.ref == ref:  # type: ignore[attr-defined]
            return record.id
    raise KeyError(ref)


def _apply(
    session: ProjectSession, ops: list[tuple[str, str, str]], side: str
) -> tuple[Model, set[str]]:
    model = _base_model()
    added: set[str] = set()
    for number, (kind, target, word) in enumerate(ops):
        if kind == "note":
            assessments.update_assessment(session, target, notes=word)
        elif kind == "scope":
            organisation.update_organisation(session, scope=word)
        elif kind == "rename":
            registers.edit(session, "ai_system", _system_id(session, target), name=word)
        else:
            name = f"{side}-{number}-{word}"
            registers.add(session, "ai_system", {"ref": f"N-{side}-{number}", "name": name})
            added.add(name)
            continue
        model[(kind, target)] = word
    return model, added


def _read(session: ProjectSession) -> tuple[Model, set[str]]:
    model: Model = {("note", item): session.assessment(item).notes for item in ITEMS}
    model[("scope", "")] = session.organisation().scope
    names: set[str] = set()
    for record in registers.records(session, "ai_system"):
        values: Any = record
        if values.ref in REFS:
            model[("rename", values.ref)] = values.name
        else:
            names.add(values.name)
    return model, names


@settings(
    max_examples=20,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ours_ops=st.lists(OPS, max_size=8), theirs_ops=st.lists(OPS, max_size=8))
def test_every_one_sided_change_survives_a_merge(
    ours_ops: list[tuple[str, str, str]], theirs_ops: list[tuple[str, str, str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        session = new_project("Acme Ltd", user="Manager")
        for item in ITEMS:
            assessments.update_assessment(session, item, notes="Base")
        for ref in REFS:
            registers.add(session, "ai_system", {"ref": ref, "name": "Base"})
        a = save_project(session, folder / "a.aims")
        close_project(session)
        b = folder / "b.aims"
        shutil.copyfile(a, b)
        results = {}
        for path, ops, side in ((a, ours_ops, "ours"), (b, theirs_ops, "theirs")):
            opened = open_project(path, user=side)
            results[side] = _apply(opened, ops, side)
            save_project(opened)
            close_project(opened)
        out = folder / "out.aims"
        assert main(["merge", str(a), str(b), "-o", str(out), "--prefer", "ours"]) == 0
        merged = open_project(out, user="check")
        try:
            found, names = _read(merged)
        finally:
            close_project(merged)
    base = _base_model()
    ours, ours_added = results["ours"]
    theirs, theirs_added = results["theirs"]
    for key, value in base.items():
        if ours[key] != value:
            assert found[key] == ours[key], (key, "ours")
        elif theirs[key] != value:
            assert found[key] == theirs[key], (key, "theirs")
        else:
            assert found[key] == value, (key, "base")
    assert names == ours_added | theirs_added
