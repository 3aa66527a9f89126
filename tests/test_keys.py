"""The vocabularies of ``ictcost.keys`` agree with themselves, the norm data, the labels and the code."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from ictcost import keys
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import COMPONENT_VI, FORM_VI, KIND_VI, METHOD_VI

SRC = Path(__file__).resolve().parents[1] / "src" / "ictcost"

PAIRS = [
    (keys.Component, keys.COMPONENTS),
    (keys.GroupKey, keys.GROUP_KEYS),
    (keys.Method, keys.METHODS),
    (keys.MethodStatus, keys.STATUSES),
    (keys.ProjectForm, keys.PROJECT_FORMS),
    (keys.EstimateKind, keys.ESTIMATE_KINDS),
    (keys.ProjectGroup, keys.PROJECT_GROUPS),
    (keys.VatCategory, keys.VAT_CATEGORIES),
    (keys.VatTreatment, keys.VAT_TREATMENTS),
    (keys.Flag, keys.FLAGS),
    (keys.ProjectKind, keys.PROJECT_KINDS),
    (keys.DocumentKind, keys.DOCUMENT_KINDS),
    (keys.Part, keys.PARTS),
    (keys.FeeRateOn, keys.FEE_RATE_ON),
]


@pytest.mark.parametrize(("literal", "values"), PAIRS)
def test_each_tuple_is_its_literal_in_order(literal: object, values: tuple[str, ...]) -> None:
    assert values == get_args(literal)
    assert len(set(values)) == len(values)
    assert all(v == v.lower() and " " not in v for v in values)


def test_every_vocabulary_is_exported() -> None:
    assert len(keys.__all__) == 2 * len(PAIRS)


def test_components_are_rows_of_the_cost_methods_table() -> None:
    # every component is a row of some version; a version lists the components its regime has
    # (the TT 12/2020 rental components quản trị vận hành and bảo trì exist under NĐ 73 only)
    table = NormRegistry.shipped().table("cost-methods")
    assert set(keys.COMPONENTS) == {row.name for v in table.versions for row in v.rows} - {
        "tu_thuc_hien"
    }


def test_vat_categories_are_the_rows_of_the_vat_table_and_not_applicable() -> None:
    table = NormRegistry.shipped().table("vat-rates")
    rows = {row.name for version in table.versions for row in version.rows}
    assert set(keys.VAT_CATEGORIES) == rows | {"not_applicable"}
    treatments = {
        str(row.values["treatment"].value)
        for version in table.versions
        for row in version.rows
        if "treatment" in row.values
    }
    assert treatments | {"not_applicable"} == set(keys.VAT_TREATMENTS)


def test_statutory_groups_of_the_data_are_group_keys() -> None:
    table = NormRegistry.shipped().table("statutory-groups")  # shipped: a missing table fails
    groups = {row.name.rpartition(".")[2] for v in table.versions for row in v.rows}
    assert groups <= set(keys.GROUP_KEYS)


def test_the_workbook_labels_cover_the_vocabularies() -> None:
    assert set(COMPONENT_VI) == set(keys.COMPONENTS)
    assert set(METHOD_VI) == set(keys.METHODS)
    assert set(FORM_VI) == set(keys.PROJECT_FORMS)
    assert set(KIND_VI) == set(keys.ESTIMATE_KINDS)


def _flags_set_in_code() -> dict[str, str]:
    """Every string literal the source appends or inserts into a list named ``*flags``."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"append", "insert"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id.endswith("flags")
            ):
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_every_flag_the_code_sets_is_a_flag() -> None:
    found = _flags_set_in_code()
    assert found, "the scan found no flags: update the test"
    unknown = {flag: where for flag, where in found.items() if flag not in keys.FLAGS}
    assert not unknown, f"add these to ictcost.keys.Flag: {unknown}"
