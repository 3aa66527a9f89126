"""The error hierarchy: builtin families, stable codes, messages with docs links, pickling."""

from __future__ import annotations

import copy
import inspect
import pickle
import re
from pathlib import Path

import pytest

import ictcost
from ictcost import errors
from ictcost.errors import DOCS_URL, IctcostError, Problem, all_error_codes

# Every error class and the builtin family it must also belong to (so that callers who do not know
# ictcost can still catch it). A new class must be added here.
FAMILIES: dict[type[IctcostError], type[Exception]] = {
    errors.NormDataError: ValueError,
    errors.NormSyntaxError: ValueError,
    errors.NormSchemaError: ValueError,
    errors.NormConsistencyError: ValueError,
    errors.DuplicateNormError: ValueError,
    errors.NormLookupError: LookupError,
    errors.NormNotFoundError: LookupError,
    errors.NormNotApplicableError: ValueError,
    errors.InputError: ValueError,
    errors.InputTypeError: TypeError,
    errors.OutOfRangeError: ValueError,
    errors.RegimeError: LookupError,
}
OTHER_FAMILIES = (ValueError, LookupError, TypeError)

CLASSES = [errors.IctcostError, *FAMILIES]
CLASS_IDS = [cls.__name__ for cls in CLASSES]

PROBLEMS = (
    Problem(
        "a date-time is not allowed here",
        "norms/x.yaml",
        7,
        16,
        "last_verified",
        "'2026-01-01 10:30:00'",
    ),
    Problem("first definition", "norms/a/x.yaml"),
)


def _error_classes_in_module() -> set[type[IctcostError]]:
    return {
        obj
        for _, obj in inspect.getmembers(errors, inspect.isclass)
        if issubclass(obj, BaseException) and obj.__module__ == errors.__name__
    }


def test_the_family_table_covers_every_error_class() -> None:
    assert _error_classes_in_module() == set(CLASSES)


@pytest.mark.parametrize("cls", list(FAMILIES), ids=[c.__name__ for c in FAMILIES])
def test_builtin_family(cls: type[IctcostError]) -> None:
    family = FAMILIES[cls]
    assert issubclass(cls, IctcostError)
    assert issubclass(cls, family)
    for other in OTHER_FAMILIES:
        if other is not family:
            assert not issubclass(cls, other), f"{cls.__name__} is also a {other.__name__}"
    assert cls.__name__.endswith("Error")
    assert cls.__doc__


def test_named_families() -> None:
    # the five families callers catch
    assert issubclass(errors.NormDataError, ValueError)
    assert issubclass(errors.NormLookupError, LookupError)
    assert issubclass(errors.InputError, ValueError)
    assert issubclass(errors.InputTypeError, TypeError)
    assert issubclass(errors.RegimeError, LookupError)
    assert issubclass(errors.NormNotFoundError, errors.NormLookupError)
    assert issubclass(errors.OutOfRangeError, errors.InputError)
    assert not issubclass(errors.InputTypeError, errors.InputError)


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_IDS)
def test_default_code_is_a_stable_code(cls: type[IctcostError]) -> None:
    assert cls.default_code in all_error_codes()
    err = cls("something is wrong")
    assert err.code == cls.default_code
    assert err.message == "something is wrong"
    assert err.args == ("something is wrong",)
    assert (err.hint, err.field, err.problems, err.context) == (None, None, (), {})


def test_codes() -> None:
    codes = all_error_codes()
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)+", code) for code in codes), codes
    assert codes[0] == "norm-syntax"  # declaration order is kept
    distinct_defaults = {cls.default_code for cls in CLASSES}
    assert distinct_defaults <= set(codes)


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_IDS)
def test_pickle_round_trip(cls: type[IctcostError]) -> None:
    err = cls(
        "table x has no version in force on 2019-03-01",
        code="norm-version-not-found",
        hint="use a later date",
        field="on",
        problems=PROBLEMS,
        table_id="x",
        on="2019-03-01",
    )
    for again in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err), copy.copy(err)):
        assert type(again) is cls
        assert again.code == "norm-version-not-found"
        assert again.message == err.message
        assert again.hint == "use a later date"
        assert again.field == "on"
        assert again.problems == PROBLEMS
        assert again.context == {"table_id": "x", "on": "2019-03-01"}
        assert str(again) == str(err)
        assert again.to_dict() == err.to_dict()


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_IDS)
def test_str_ends_with_the_docs_link(cls: type[IctcostError]) -> None:
    err = cls("what is wrong", hint="how to fix it", problems=PROBLEMS)
    text = str(err)
    assert text.endswith(f"#{err.code}")
    assert text.splitlines() == [
        "what is wrong",
        "  norms/x.yaml:7:16: last_verified: a date-time is not allowed here "
        "(got '2026-01-01 10:30:00')",
        "  norms/a/x.yaml: first definition",
        "How to fix: how to fix it",
        f"[{err.code}] see {DOCS_URL}#{err.code}",
    ]


def test_str_without_hint_or_problems() -> None:
    err = errors.InputError("'base' must be positive (got -1)", code="input-amount", field="base")
    assert str(err) == (
        f"'base' must be positive (got -1)\n[input-amount] see {DOCS_URL}#input-amount"
    )


def test_to_dict() -> None:
    err = errors.NormSchemaError(
        "x.yaml: 2 problem(s)", hint="fix them", problems=PROBLEMS, file="x.yaml"
    )
    assert err.to_dict() == {
        "code": "norm-schema",
        "type": "NormSchemaError",
        "message": "x.yaml: 2 problem(s)",
        "hint": "fix them",
        "field": None,
        "problems": [str(p) for p in PROBLEMS],
    }


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("bad"), "bad"),
        (Problem("bad", "f.yaml"), "f.yaml: bad"),
        (Problem("bad", "f.yaml", 3, 9), "f.yaml:3:9: bad"),
        (Problem("bad", "f.yaml", 3), "f.yaml:3: bad"),
        (
            Problem("bad", "f.yaml", 3, 9, "versions[0].valid_to"),
            "f.yaml:3:9: versions[0].valid_to: bad",
        ),
        (Problem("bad", None, None, None, "id", "'x'"), "id: bad (got 'x')"),
    ],
)
def test_problem_str(problem: Problem, text: str) -> None:
    assert str(problem) == text
    assert pickle.loads(pickle.dumps(problem)) == problem


def test_problem_is_frozen() -> None:
    problem = Problem("bad", "f.yaml", 1, 1)
    with pytest.raises(AttributeError):
        problem.line = 2  # type: ignore[misc]


def test_public_errors_are_reexported() -> None:
    for cls in CLASSES:
        assert getattr(ictcost, cls.__name__) is cls


def test_every_docs_page_a_hint_names_exists():
    """Hints name pages of the published site (review defect 17), never a repository path."""
    root = Path(__file__).resolve().parents[1]
    site = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {errors.DOCS_SITE}" in site
    named = set()
    for path in (root / "src" / "ictcost").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"\{DOCS_SITE\}([a-z0-9/_-]+)/", text))
        assert not re.search(r"hint=.*docs/concepts/[a-z-]+\.md", text), path
    assert named, "no hint names a page: the test would prove nothing"
    for page in named:
        assert (root / "docs" / f"{page}.md").is_file(), page
