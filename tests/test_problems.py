"""The one mapper from a pydantic ``ValidationError`` to located problems.

It serves the norm loader and the input readers alike: the path is the one the user wrote (no
union-member tags, discriminators or validator names), the position the deepest known node.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ictcost._internal._problems import data_path, locate, located_errors, validation_problems
from ictcost._internal._yaml import dotted, load_yaml
from ictcost.errors import InputError, NormSchemaError
from ictcost.inputs._problems import input_error
from ictcost.norms.loader import load_table_text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Period(_Model):
    kind: Literal["period"] = "period"
    periods: Annotated[int, Field(ge=1)]


class Annuity(_Model):
    kind: Literal["annuity"] = "annuity"
    rate: Decimal


class Line(_Model):
    id: str
    amount: Decimal | None = None
    rental: Period | Annuity | None = None
    plan: Annotated[Period | Annuity, Field(discriminator="kind")] | None = None
    ratings: dict[str, Decimal | list[Decimal]] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _short(cls, v: str) -> str:
        if len(v) > 5:
            msg = "an id has at most 5 characters"
            raise ValueError(msg)
        return v


class Project(_Model):
    lines: Annotated[list[Line], Field(min_length=1)]
    refs: list[str] = Field(default_factory=list)


def _errors(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        Project.model_validate(data)
    return exc.value


YAML = """\
lines:
  - id: A
    amount: lots
  - id: B
    rental:
      periods: 0
    ratings:
      E1: [3, nine]
  - id: TOOLONG
    plan: {kind: annuity, rate: x}
    extra: 1
"""


@pytest.fixture
def parsed() -> tuple[object, dict[tuple[str | int, ...], tuple[int, int]]]:
    return load_yaml(YAML, "p.yaml")


def test_paths_are_the_data_paths_and_positions_the_deepest_node(parsed) -> None:
    data, marks = parsed
    problems = validation_problems(_errors(data), data, file="p.yaml", marks=marks)
    shown = [str(p) for p in problems]
    assert "p.yaml:3:13: lines[0].amount: Input should be a valid decimal (got 'lots')" in shown
    # union member labels (Period, Annuity) and discriminators (annuity) do not leak into paths
    assert any(
        s.startswith("p.yaml:6:16: lines[1].rental.periods: Input should be greater") for s in shown
    )
    assert any(s.startswith("p.yaml:8:15: lines[1].ratings.E1[1]: ") for s in shown)
    assert any(s.startswith("p.yaml:10:33: lines[2].plan.rate: ") for s in shown)
    # a validator's ValueError has no "Value error, " prefix; an unknown key is located at itself
    assert "p.yaml:9:9: lines[2].id: an id has at most 5 characters (got 'TOOLONG')" in shown
    assert "p.yaml:11:12: lines[2].extra: Extra inputs are not permitted (got 1)" in shown
    assert not any(
        "Period" in p.path or "annuity" in p.path or "decimal" in p.path for p in problems
    )


def test_labels_name_list_items(parsed) -> None:
    data, marks = parsed
    ids = {0: "A", 1: "B", 2: "TOOLONG"}
    problems = validation_problems(_errors(data), data, marks=marks, labels={("lines",): ids})
    assert problems[0].path == "lines[0: A].amount"
    assert problems[0].file is None


def test_labels_apply_to_their_list_only() -> None:
    data = {"lines": [{"id": "A"}], "refs": ["x", 5]}
    (problem,) = validation_problems(_errors(data), data, labels={("lines",): {1: "B"}})
    assert problem.path == "refs[1]"


def test_missing_field_is_named_and_located_at_its_parent(parsed) -> None:
    data, marks = load_yaml("lines:\n  - amount: 1\n", "m.yaml")
    (problem,) = validation_problems(_errors(data), data, file="m.yaml", marks=marks)
    assert (problem.path, problem.message, problem.line, problem.column) == (
        "lines[0].id",
        "Field required",
        2,
        5,
    )
    assert problem.got is None


def test_a_list_whose_items_failed_is_reported_through_its_items() -> None:
    class Tiny(BaseModel):
        items: Annotated[list[int], Field(min_length=2)]

    data = {"items": ["x"]}
    with pytest.raises(ValidationError) as exc:
        Tiny.model_validate(data)
    types = [e["type"] for e in exc.value.errors()]
    paths = [err.path for err in located_errors(exc.value, data)]
    assert paths == [("items", 0)], types


def test_empty_list_is_reported() -> None:
    data = {"lines": []}
    (problem,) = validation_problems(_errors(data), data)
    assert problem.path == "lines"
    assert "at least 1 item" in problem.message


def test_replacement_messages_duplicates_and_long_values() -> None:
    data = {"lines": [{"id": "A", "amount": "x" * 200, "zz": 1}]}
    problems = validation_problems(_errors(data), data, messages={"extra_forbidden": "unknown key"})
    by_path = {p.path: p for p in problems}
    assert by_path["lines[0].zz"].message == "unknown key"
    got = by_path["lines[0].amount"].got
    assert got is not None
    assert len(got) == 80
    assert got.endswith("...")


def test_mappings_and_sequences_show_no_value() -> None:
    data = {"lines": [{"id": "A", "amount": [1, 2]}, {"id": "B", "amount": {"a": 1}}]}
    problems = validation_problems(_errors(data), data)
    assert {p.got for p in problems} == {None}


def test_data_path_keeps_only_data_parts() -> None:
    data = {"a": [{"b": {}}]}
    assert data_path(("a", 0, "b", "Model", "c"), data) == ("a", 0, "b")
    assert data_path(("a", 0, "b", "Model", "c"), data, missing=True) == ("a", 0, "b", "c")
    assert data_path(("a", 5), data) == ("a",)
    assert data_path(("function-after[x]", "a"), data) == ("a",)
    assert data_path((), data) == ()


def test_locate() -> None:
    marks = {(): (1, 1), ("a",): (2, 3), ("a", 0): (3, 5)}
    assert locate(marks, ("a", 0, "b")) == (3, 5)
    assert locate(marks, ("z",)) == (1, 1)
    assert locate({}, ("a",)) == (None, None)
    assert locate(None, ("a",)) == (None, None)


def test_dotted() -> None:
    assert dotted(()) == ""
    assert dotted((0, "a")) == "[0].a"
    assert dotted(("lines", 1, "x"), {("lines",): {1: "TB-01"}}) == "lines[1: TB-01].x"


def test_input_error_words_the_readers_error() -> None:
    data = {"lines": [{"amount": 1}]}
    err = input_error(
        _errors(data), data, subject="project", unnamed="project input", hint="see the docs"
    )
    assert isinstance(err, InputError)
    assert err.code == "input-invalid"
    assert err.message == "project input: 1 problem(s) in the project"
    assert err.field == "lines[0].id"
    assert err.hint == "see the docs"
    named = input_error(_errors(data), data, subject="software input", file="s.yaml", hint="h")
    assert named.message == "s.yaml: 1 problem(s) in the software input"


NORM = """\
id: t
title: {vi: T}
"""


def test_the_norm_loader_uses_the_same_mapper() -> None:
    with pytest.raises(NormSchemaError) as exc:
        load_table_text(NORM + "zzz: 1\n", "t.yaml")
    problems = {p.path: p for p in exc.value.problems}
    assert problems["zzz"].message.startswith("unknown key (check its spelling")
    assert (problems["zzz"].line, problems["zzz"].column) == (3, 6)
    assert all(not p.message.startswith("Value error") for p in exc.value.problems)
    assert (
        exc.value.message
        == f"t.yaml: {len(exc.value.problems)} problem(s) with the norm data grammar"
    )
