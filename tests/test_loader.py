"""The loader: every broken norm file fails with the right error, code, position and message.

One fixture per failure mode lives in ``tests/fixtures/invalid/<failure-mode>.yaml``; each starts
from one of the two tiny valid tables in ``tests/fixtures/valid/`` and breaks one thing. The table
``CASES`` below is the single source of the expectations.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from ictcost.errors import (
    DOCS_URL,
    IctcostError,
    InputError,
    NormConsistencyError,
    NormDataError,
    NormSchemaError,
    NormSyntaxError,
    Problem,
)
from ictcost.estimate import compute_estimate, load_project
from ictcost.norms import NormRegistry, load_table, load_table_text, validate_norms
from ictcost.norms.loader import iter_norm_files

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"

SYN, SCH, CON = NormSyntaxError, NormSchemaError, NormConsistencyError
V = "versions[0].rows[1].values.rate"  # the cell the keyed fixtures break

# (fixture, error class, code, line, column or None, field path, fragment of the problem)
# fmt: off
CASES: list[tuple[str, type[IctcostError], str, int, int | None, str, str]] = [
    # -- YAML syntax (layer 1) --
    ("malformed-yaml", SYN, "norm-syntax", 6, 7, "", "mapping values are not allowed"),
    ("duplicate-key", SYN, "norm-duplicate-key", 8, 1, "unit", "duplicate key 'unit'"),
    ("yaml-anchor", SYN, "norm-syntax", 9, 7, "", "anchors (&name) are not allowed"),
    ("yaml-alias", SYN, "norm-syntax", 10, 7, "", "aliases (*name) are not allowed"),
    ("date-time", SYN, "norm-syntax", 7, 16, "last_verified", "a date-time is not allowed here (got '2026-01-01 10:30:00')"),
    ("infinite-number", SYN, "norm-syntax", 22, 25, f"{V}.value", "not a finite decimal number (got '.inf')"),
    ("not-a-number", SYN, "norm-syntax", 22, 25, f"{V}.value", "not a finite decimal number (got '.nan')"),
    ("impossible-date", SYN, "norm-syntax", 7, 16, "last_verified", "no such day (got '2026-02-30')"),
    ("hex-integer", SYN, "norm-syntax", 22, 25, f"{V}.value", "octal, hexadecimal or sexagesimal integers are not allowed (got '0x1F')"),
    ("custom-tag", SYN, "norm-syntax", 22, 25, f"{V}.value", "unsupported tag (got '!percent')"),
    ("empty-file", SYN, "norm-syntax", 1, 1, "", "no YAML document"),
    ("two-documents", SYN, "norm-syntax", 30, 1, "", "but found another document"),
    # -- the grammar (pydantic, layer 2) --
    ("root-list", SCH, "norm-schema", 1, 1, "", "not a mapping (got list)"),
    # unknown keys: the column is the value's, not the key's (see test_unknown_key_column)
    ("unknown-key-top", SCH, "norm-schema", 8, None, "descripton", "unknown key"),
    ("unknown-key-in-value", SCH, "norm-schema", 22, None, f"{V}.remark", "unknown key"),
    ("value-missing-source", SCH, "norm-schema", 22, 17, f"{V}.source", "Field required"),
    ("value-missing-confidence", SCH, "norm-schema", 22, 17, f"{V}.confidence", "Field required"),
    ("bad-confidence-word", SCH, "norm-schema", 22, 54, f"{V}.confidence", "String should match pattern"),
    ("empty-source-list", SCH, "norm-schema", 22, 36, f"{V}.source", "at least 1 item"),
    ("disputed-without-alternatives", SCH, "norm-schema", 22, 17, V, "a disputed value must list its alternatives"),
    ("alternatives-not-disputed", SCH, "norm-schema", 22, 17, V, "alternatives are only for disputed values (confidence is 'primary')"),
    ("inferred-without-note", SCH, "norm-schema", 22, 17, V, "an inferred value needs a note saying how it was inferred"),
    ("row-key-and-at", SCH, "norm-schema", 20, 9, "versions[0].rows[0]", "a row has exactly one of 'key' (keyed tables) or 'at' (rate tables)"),
    # -- consistency (table_problems, layer 3) --
    ("unregistered-source", CON, "norm-consistency", 22, 41, f"{V}.source[1]", "unknown source id; registered sources are ['S1', 'S2'] (got S9)"),
    ("overlapping-versions", CON, "norm-consistency", 23, 17, "versions[1].valid_from", "version overlaps the previous one (2020-01-01 → 2023-12-31)"),
    ("unsorted-versions", CON, "norm-consistency", 23, 17, "versions[1].valid_from", "versions must be sorted by valid_from, oldest first (got 2020-01-01)"),
    ("valid-to-before-valid-from", CON, "norm-consistency", 13, 15, "versions[0].valid_to", "valid_to is before valid_from (got 2019-12-31 < 2020-01-01)"),
    ("non-monotone-breakpoints", CON, "norm-consistency", 26, 13, "versions[0].rows[2].at", "breakpoints must increase strictly (previous is 15) (got 10)"),
    ("duplicated-breakpoint", CON, "norm-consistency", 26, 13, "versions[0].rows[2].at", "breakpoints must increase strictly (previous is 15) (got 15)"),
    ("rate-is-word", CON, "norm-consistency", 22, 28, "versions[0].rows[0].values.project.value", "a rate must be a number (got 'high')"),
    ("keyed-row-in-rate-table", CON, "norm-consistency", 20, 9, "versions[0].rows[0]", "rows of a rate table need 'at'"),
    ("duplicate-row-key", CON, "norm-consistency", 20, 14, "versions[0].rows[1].key", "duplicate row key (got standard)"),
    ("undeclared-column", CON, "norm-consistency", 22, 16, "versions[0].rows[1].values.rte", "no such column; declared columns are ['rate'] (got rte)"),
    ("bad-range-policy-word", CON, "norm-consistency", 16, 22, "versions[0].range_policy.above.value", "a range policy is 'flat' or 'error' (got 'clamp')"),
    ("missing-range-policy", CON, "norm-consistency", 11, 5, "versions[0].range_policy", "a rate table version needs a range_policy with 'below' and 'above'"),
    ("id-not-stem", CON, "norm-consistency", 2, 5, "id", "the id must equal the file name 'id-not-stem' (got 'some-other-id')"),
]
# fmt: on

CASE_IDS = [case[0] for case in CASES]


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml (the fast path) and with PyYAML's pure-Python parser."""
    if request.param == "python":
        monkeypatch.setattr(yaml, "CSafeLoader", None)
    elif getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML is built without libyaml")
    return str(request.param)


def _load(name: str) -> IctcostError:
    text = (INVALID / f"{name}.yaml").read_text(encoding="utf-8")
    with pytest.raises(IctcostError) as info:
        load_table_text(text, file=f"{name}.yaml", expected_id=name)
    return info.value


def test_every_fixture_has_a_case_and_every_case_a_fixture() -> None:
    on_disk = sorted(p.stem for p in INVALID.glob("*.yaml"))
    assert on_disk == sorted(CASE_IDS)
    assert len(set(CASE_IDS)) == len(CASE_IDS)


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_starting_tables_are_valid(path: Path) -> None:
    table = load_table(path)
    assert table.id == path.stem


@pytest.mark.parametrize(
    ("name", "cls", "code", "line", "column", "path", "fragment"), CASES, ids=CASE_IDS
)
def test_invalid_fixture(
    name: str,
    cls: type[IctcostError],
    code: str,
    line: int,
    column: int | None,
    path: str,
    fragment: str,
    yaml_parser: str,
) -> None:
    err = _load(name)
    assert type(err) is cls, f"{name}: {type(err).__name__}: {err}"
    assert isinstance(err, NormDataError)
    assert isinstance(err, ValueError)
    assert err.code == code
    assert err.problems, "a norm data error must carry at least one located problem"
    matching = [
        p
        for p in err.problems
        if p.line == line and (column is None or p.column == column) and fragment in str(p)
    ]
    assert matching, f"{name}: no problem at {line}:{column} with {fragment!r} in {err.problems}"
    problem = matching[0]
    assert problem.file == f"{name}.yaml"
    assert problem.path == path
    where = f"{name}.yaml:{line}:{problem.column}"
    assert where in str(err)
    assert str(err).endswith(f"[{code}] see {DOCS_URL}#{code}")
    assert err.hint, "every norm data error says how to fix it"


@pytest.mark.parametrize("name", CASE_IDS)
def test_each_fixture_reports_exactly_one_problem(name: str) -> None:
    # regression: when the only version was invalid, pydantic's "versions: Tuple should have at
    # least 1 item after validation" was reported too (row-key-and-at)
    err = _load(name)
    assert len(err.problems) == 1, err.problems


def test_duplicate_key_names_both_positions() -> None:
    err = _load("duplicate-key")
    assert err.message == "duplicate key 'unit' (first defined at line 6, column 1)"
    assert "duplicate-key.yaml:8:1: unit: duplicate key 'unit'" in str(err)


def test_duplicate_key_first_position_is_the_key() -> None:
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = (
        text.replace('title: {vi: "Bảng thử", en: "Test table"}\n', 'title:\n  vi: "Bảng thử"\n', 1)
        + 'title: {vi: "Lần hai"}\n'
    )
    with pytest.raises(NormSyntaxError) as info:
        load_table_text(text, file="t.yaml")
    assert "(first defined at line 3, column 1)" in info.value.message


def test_unknown_key_with_a_block_value_is_located_at_the_key() -> None:
    # regression: the key's mark was overwritten by its block value's (the next line)
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: constant_set\n", "kind: constant_set\nextra:\n\n  a: 1\n", 1)
    with pytest.raises(NormSchemaError) as info:
        load_table_text(text, file="t.yaml")
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.column) == ("extra", 6, 1)


def test_unknown_key_column() -> None:
    # Documents today's behaviour: a scalar's position is its value's, so the column of an
    # unknown key points at its value (13), not at the key (1).
    (problem,) = _load("unknown-key-top").problems
    assert (problem.line, problem.column) == (8, 13)


def test_schema_error_lists_the_count_and_the_file() -> None:
    err = _load("value-missing-source")
    assert err.message == "value-missing-source.yaml: 1 problem(s) with the norm data grammar"
    assert err.context == {"file": "value-missing-source.yaml"}


def test_consistency_error_collects_several_problems() -> None:
    text = (INVALID / "non-monotone-breakpoints.yaml").read_text(encoding="utf-8")
    text = text.replace("above: {value: error,", "above: {value: clamp,")
    with pytest.raises(NormConsistencyError) as info:
        load_table_text(text, file="two.yaml", expected_id="other")
    err = info.value
    assert err.message == "two.yaml: 3 consistency problem(s)"
    assert [p.path for p in err.problems] == [
        "versions[0].rows[2].at",
        "versions[0].range_policy.above.value",
        "id",
    ]


def test_id_is_only_checked_against_a_given_stem() -> None:
    text = (INVALID / "id-not-stem.yaml").read_text(encoding="utf-8")
    assert load_table_text(text, file="id-not-stem.yaml").id == "some-other-id"


def test_load_table_checks_the_stem_of_the_path() -> None:
    with pytest.raises(NormConsistencyError) as info:
        load_table(INVALID / "id-not-stem.yaml")
    (problem,) = info.value.problems
    assert problem.file == str(INVALID / "id-not-stem.yaml")
    assert f"{INVALID / 'id-not-stem.yaml'}:2:5: id:" in str(info.value)


def test_load_table_on_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: latin1\ntitle: {vi: 'Bảng'}\n".encode("utf-16"))
    with pytest.raises(NormDataError) as info:
        load_table(path)
    err = info.value
    assert type(err) is NormDataError
    assert err.code == "norm-syntax"
    assert err.message.startswith(f"cannot read norm file {path}: ")
    assert err.problems[0].file == str(path)


def test_load_table_on_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NormDataError) as info:
        load_table(tmp_path / "missing.yaml")
    assert info.value.code == "norm-syntax"
    assert "No such file" in info.value.message


# --- exact numbers and scalar types ---------------------------------------------------------------


def test_decimals_are_read_exactly_from_their_text() -> None:
    table = load_table(VALID / "tiny-rate-table.yaml")
    version = table.versions[0]
    first, second = (row.values["project"].value for row in version.rows)
    assert type(first) is Decimal
    assert first == Decimal("2.809")
    assert str(first) == "2.809"
    assert first != 2.809  # a binary float is not the legal number
    assert str(second) == "1.710"  # the trailing zero is kept
    assert second.as_tuple().exponent == -3
    assert [row.at for row in version.rows] == [Decimal(7), Decimal(15)]
    assert version.axis is not None
    assert version.axis.scale == Decimal(1000000000)
    assert type(version.axis.scale) is Decimal


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("10", Decimal(10)),
        ("-0.5", Decimal("-0.5")),
        ("1_000.25", Decimal("1000.25")),
        ("true", True),
        ("false", False),
        ("null", None),
        ("2026-03-01", dt.date(2026, 3, 1)),
        ('"2.809"', "2.809"),
        ("flat", "flat"),
        ("[a, b]", ("a", "b")),
    ],
)
def test_scalar_types(yaml_value: str, expected: object) -> None:
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("rate: {value: 8,", f"rate: {{value: {yaml_value},", 1)
    text = text.replace("unit: percent", "unit: coefficient", 1)  # a unit that may be negative
    table = load_table_text(text, file="t.yaml")
    got = table.versions[0].rows[1].values["rate"].value
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(("written", "reading"), [("010", "10"), ("+5", "5"), ("1_000", "1000")])
def test_integers_are_read_in_base_ten(written: str, reading: str) -> None:
    # regression: YAML 1.1 read 010 as octal 8
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("rate: {value: 8,", f"rate: {{value: {written},", 1)
    got = load_table_text(text, file="t.yaml").versions[0].rows[1].values["rate"].value
    assert type(got) is Decimal
    assert str(got) == reading


@pytest.mark.parametrize("written", ["0x1F", "1:30", "0b101", "-0x10"])
def test_integers_in_another_base_are_refused(written: str) -> None:
    # regression: YAML 1.1 read 0x1F as 31 and 1:30 (base 60) as 90, silently
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("rate: {value: 8,", f"rate: {{value: {written},", 1)
    with pytest.raises(NormSyntaxError) as info:
        load_table_text(text, file="t.yaml")
    err = info.value
    assert err.code == "norm-syntax"
    (problem,) = err.problems
    assert (problem.line, problem.column, problem.got) == (22, 25, repr(written))
    assert problem.message == "octal, hexadecimal or sexagesimal integers are not allowed"


def test_impossible_calendar_date_is_a_located_syntax_error() -> None:
    # regression: date.fromisoformat's bare ValueError escaped, without file, line or column
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("last_verified: 2026-01-01", "last_verified: 2026-02-30", 1)
    with pytest.raises(NormSyntaxError) as info:
        load_table_text(text, file="t.yaml")
    assert type(info.value) is NormSyntaxError
    assert info.value.code == "norm-syntax"
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.got) == (7, 16, "'2026-02-30'")


# --- validate_norms: a whole pack at once ---------------------------------------------------------


def test_validate_norms_collects_every_file(tmp_path: Path) -> None:
    for name in ("duplicate-key", "value-missing-source", "overlapping-versions"):
        shutil.copy(INVALID / f"{name}.yaml", tmp_path / f"{name}.yaml")
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(VALID / "tiny-keyed-table.yaml", tmp_path / sub / "tiny-keyed-table.yaml")
    problems = validate_norms(tmp_path)
    assert all(isinstance(p, Problem) for p in problems)
    by_file = [(Path(p.file or "").relative_to(tmp_path).as_posix(), p.line) for p in problems]
    assert by_file == [
        ("b/tiny-keyed-table.yaml", 1),
        ("duplicate-key.yaml", 8),
        ("overlapping-versions.yaml", 23),
        ("value-missing-source.yaml", 22),
    ]
    duplicate = problems[0]
    assert duplicate.message == (
        f"duplicate table id, also defined in {tmp_path / 'a' / 'tiny-keyed-table.yaml'}"
    )
    assert duplicate.got == "'tiny-keyed-table'"
    assert "duplicate key 'unit'" in problems[1].message
    assert problems[2].path == "versions[1].valid_from"
    assert problems[3].path == "versions[0].rows[1].values.rate.source"


def test_validate_norms_of_a_valid_pack_is_empty(tmp_path: Path) -> None:
    for path in VALID.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    assert validate_norms(str(tmp_path)) == []


def test_validate_norms_skips_schema_and_private_files(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    shutil.copy(INVALID / "root-list.yaml", tmp_path / "schema" / "root-list.yaml")
    shutil.copy(INVALID / "root-list.yaml", tmp_path / "_root-list.yaml")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(INVALID / "root-list.yaml", tmp_path / ".hidden" / "root-list.yaml")
    shutil.copy(VALID / "tiny-rate-table.yaml", tmp_path / "tiny-rate-table.yaml")
    assert iter_norm_files(tmp_path) == [tmp_path / "tiny-rate-table.yaml"]
    assert validate_norms(tmp_path) == []


def test_validate_norms_survives_an_impossible_date(tmp_path: Path) -> None:
    # regression: the ValueError escaped validate_norms and stopped the whole check
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    (tmp_path / "tiny-keyed-table.yaml").write_text(
        text.replace("last_verified: 2026-01-01", "last_verified: 2026-02-30"), encoding="utf-8"
    )
    shutil.copy(INVALID / "root-list.yaml", tmp_path / "root-list.yaml")
    problems = validate_norms(tmp_path)
    assert [Path(p.file or "").name for p in problems] == [
        "root-list.yaml",
        "tiny-keyed-table.yaml",
    ]


@pytest.mark.parametrize(
    ("unit", "value", "says"),
    [
        ("percent", "-5", "a value in percent cannot be negative"),
        ("vnd", "-28500000", "a value in vnd cannot be negative"),
        ("vnd", "1" + "0" * 20, "is not an amount ictcost accepts"),
    ],
)
def test_values_are_range_checked_by_their_unit(unit: str, value: str, says: str) -> None:
    """Reliability review D15: a pack's negative price or VAT, or a price of 10^20 đồng, is refused."""
    text = (VALID / "tiny-keyed-table.yaml").read_text(encoding="utf-8")
    text = text.replace("rate: {value: 8,", f"rate: {{value: {value},", 1)
    text = text.replace("unit: percent", f"unit: {unit}", 1)
    with pytest.raises(NormConsistencyError, match=says):
        load_table_text(text, file="t.yaml")
    # the same table with a value in range loads
    load_table_text(text.replace(f"rate: {{value: {value},", "rate: {value: 8,", 1), file="t.yaml")


def test_a_pack_vat_rate_above_100_percent_is_refused(tmp_path: Path) -> None:
    """Reliability review D15: a vat-rates override at 1000 % is a problem of the pack (its table
    declares ``maximum: 100``), and where a pack drops that bound the estimate still refuses it."""
    root = Path(__file__).resolve().parents[1]
    pack = tmp_path / "pack"
    pack.mkdir()
    text = (root / "norms" / "vn" / "tax" / "vat-rates.yaml").read_text(encoding="utf-8")
    assert text.count("\nmaximum: 100") == 1
    (pack / "vat-rates.yaml").write_text(text.replace("value: 8,", "value: 1000,"), "utf-8")
    for extra in (root / "examples" / "pack").iterdir():
        (pack / extra.name).write_text(extra.read_text(encoding="utf-8"), "utf-8")
    problems = validate_norms(pack)
    assert [p for p in problems if "maximum of 100" in p.message], problems
    with pytest.raises(NormConsistencyError, match="maximum of 100"):
        NormRegistry.shipped().with_pack(pack)
    unbounded = text.replace("value: 8,", "value: 1000,")
    unbounded = "\n".join(ln for ln in unbounded.split("\n") if not ln.startswith("maximum:"))
    (pack / "vat-rates.yaml").write_text(unbounded, "utf-8")
    project = load_project(root / "examples" / "portal-project.yaml")
    with pytest.raises(InputError, match="not a rate between 0 and 100"):
        compute_estimate(
            project,
            registry=NormRegistry.shipped().with_pack(pack),
            base_dir=root / "examples",
        )
