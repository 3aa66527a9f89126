"""Labels come from the norm data's row labels, dated like the tables."""

from __future__ import annotations

import datetime as dt

import pytest

from ictcost.errors import InputError, NormNotFoundError, RegimeError
from ictcost.labels import (
    component_label,
    component_labels,
    group_label,
    group_labels,
    method_label,
    method_labels,
)
from ictcost.norms import NormRegistry, shipped_norms_dir
from ictcost.norms.models import LocalizedText

REG = NormRegistry.shipped()
OLD = dt.date(2025, 5, 1)
NEW = dt.date(2026, 8, 1)


def test_component_labels_are_the_cost_methods_row_labels():
    for day in (OLD, dt.date(2026, 4, 1), NEW):
        labels = component_labels(REG, day)
        rows = REG.get("cost-methods", day).rows()
        assert list(labels) == [r.key for r in rows]
        assert all(isinstance(v, LocalizedText) for v in labels.values())
        assert list(labels.values()) == [r.label for r in rows]


def test_component_label_vi_and_en():
    assert component_label(REG, NEW, "thiet_bi") == "Thiết bị, phần mềm thương mại"
    assert component_label(REG, NEW, "thiet_bi", lang="en") == "Equipment and commercial software"
    assert component_label(REG, NEW, "tu_van") == "Chi phí tư vấn đầu tư"


def test_component_labels_are_dated():
    assert component_label(REG, OLD, "thue_dich_vu") == "Chi phí thuê dịch vụ công nghệ thông tin"
    assert component_label(REG, NEW, "thue_dich_vu") == "Chi phí thuê dịch vụ"
    assert "tu_thuc_hien" in component_labels(REG, NEW)  # trigger: a component of NĐ 224/2026
    assert "tu_thuc_hien" not in component_labels(REG, OLD)  # non-trigger: none under NĐ 73/2019
    with pytest.raises(NormNotFoundError) as exc:
        component_label(REG, OLD, "tu_thuc_hien")
    assert exc.value.code == "norm-value-not-found"
    assert exc.value.hint and "thiet_bi" in exc.value.hint


@pytest.mark.parametrize("day", [OLD, dt.date(2026, 4, 1), NEW])
def test_labels_of_one_date_are_distinct(day):
    # a workbook reader maps labels back to keys: two keys must not share a label
    for labels in (component_labels(REG, day), method_labels(REG, day)):
        vi = [v.vi for v in labels.values()]
        assert len(vi) == len(set(vi))


def test_group_labels_depend_on_regime_and_form():
    project = group_labels(REG, NEW, regime_id="nd224_2026", form="investment_project")
    rental = group_labels(REG, NEW, regime_id="nd224_2026", form="rental_plan")
    assert project["tu_van"].vi == "Chi phí tư vấn đầu tư"
    assert rental["tu_van"].vi == "Chi phí tư vấn"
    assert rental["tu_van"].en == "Consultancy"
    assert group_label(REG, NEW, "trang_thiet_bi", regime_id="nd224_2026", form="ktkt") == (
        "Chi phí trang thiết bị"
    )
    assert group_label(REG, OLD, "xay_lap", regime_id="nd73_2019", form="ktkt", lang="en") == (
        "Installation works"
    )


def test_group_label_errors():
    with pytest.raises(NormNotFoundError) as exc:  # no xây lắp group after 2026-03-01
        group_label(REG, NEW, "xay_lap", regime_id="nd224_2026", form="ktkt")
    assert exc.value.hint and "trang_thiet_bi" in exc.value.hint
    with pytest.raises(InputError):
        group_label(REG, NEW, "tu_van", regime_id="nd224_2026", form="project")
    with pytest.raises(RegimeError):
        group_label(REG, NEW, "tu_van", regime_id="nd73_2019", form="ktkt")


def test_method_labels():
    assert method_label(REG, NEW, "tender") == "Kết quả trúng thầu tương tự"
    assert method_label(REG, NEW, "norm", lang="en") == "% norm (QĐ 1688)"
    assert "fixed" not in method_labels(REG, NEW)
    with pytest.raises(NormNotFoundError):
        method_label(REG, NEW, "fixed")


def test_missing_labels_fall_back(tmp_path):
    text = (shipped_norms_dir() / "vn" / "regimes" / "method-rules.yaml").read_text("utf-8")
    old = '        label: {vi: "Báo giá", en: "Supplier quotation"}\n'
    assert old in text
    text = text.replace(old, "").replace(
        'label: {vi: "Thẩm định giá", en: "Price appraisal"}', 'label: {vi: "Thẩm định giá"}'
    )
    (tmp_path / "method-rules.yaml").write_text(text, "utf-8")
    reg = REG.with_pack(tmp_path)
    assert method_label(reg, NEW, "quotation") == "quotation"  # no label: the key
    assert method_label(reg, NEW, "appraisal", lang="en") == "Thẩm định giá"  # no en: the vi
