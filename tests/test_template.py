"""The estimator's input template: written blank or filled, read back to the same project and
estimate, filled by hand cell by cell, every wrong cell located ``Sheet!Cell``.

Issue 11, item 2: a template filled with the main example's values gives the same estimate as
the YAML.
"""

from __future__ import annotations

import datetime as dt
import shutil
import string
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ictcost.errors import InputError
from ictcost.estimate import compute_estimate
from ictcost.estimate.model import ProjectInput
from ictcost.inputs import load_project
from ictcost.inputs.template import is_template, read_template, write_template
from ictcost.keys import COMPONENTS, METHODS
from ictcost.labels import component_label, method_label
from ictcost.norms import NormRegistry
from ictcost.report.excel import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOT_PROJECTS = {"software-portal.yaml", "portal-ranges.yaml"}  # a software input, a range file
PROJECT_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name not in NOT_PROJECTS)
PORTAL = EXAMPLES / "portal-project.yaml"
REGISTRY = NormRegistry.shipped().with_pack(EXAMPLES / "pack")


def _estimate_json(project: ProjectInput) -> str:
    return compute_estimate(project, registry=REGISTRY, base_dir=EXAMPLES).to_json()


def _problems(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    return {str(p.file): p.message for p in exc.value.problems}


@pytest.fixture(scope="module")
def portal() -> ProjectInput:
    return load_project(PORTAL)


@pytest.fixture
def filled(tmp_path: Path, portal: ProjectInput) -> Path:
    return write_template(tmp_path / "portal.xlsx", project=portal)


# --- round trip -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PROJECT_EXAMPLES, ids=lambda p: p.stem)
def test_every_project_example_round_trips(tmp_path: Path, path: Path) -> None:
    project = load_project(path)
    back = read_template(write_template(tmp_path / "t.xlsx", project=project))
    assert back.model_dump() == project.model_dump()


def test_the_main_example_gives_the_same_estimate_as_its_yaml(filled: Path) -> None:
    from_yaml = _estimate_json(load_project(PORTAL))
    from_excel = _estimate_json(load_project(filled))
    assert from_excel == from_yaml


def test_the_english_template_reads_back_the_same(tmp_path: Path, portal: ProjectInput) -> None:
    path = write_template(tmp_path / "en.xlsx", project=portal, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Instructions", "Project", "Cost lines"]
    assert wb["Cost lines"]["C2"].value == "Equipment and commercial software"
    assert read_template(path).model_dump() == portal.model_dump()
    _edit(path, {("Cost lines", "C2"): "Network gear"})
    with pytest.raises(InputError) as exc:
        read_template(path)
    assert "Equipment and commercial software" in _problems(exc)["Cost lines!C2"]


# --- what the estimator sees ------------------------------------------------------------------------


def test_the_blank_template_has_its_sheets_marker_lists_and_style(tmp_path: Path) -> None:
    path = write_template(tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Hướng dẫn",
        "Dự án",
        "Dòng chi phí",
        "Báo giá",
        "Chuyên gia",
        "Thanh toán",
        "Thuê dịch vụ",
        "Trượt giá",
        "Gói thầu",
        "_ictcost",
    ]
    assert is_template(wb)
    assert wb["_ictcost"].sheet_state == "hidden"
    lines = wb["Dòng chi phí"]
    assert lines.freeze_panes == "C2"
    assert [c.value for c in lines[1][:5]] == [
        "Mã dòng *",
        "Tên khoản chi phí *",
        "Khoản mục *",
        "Phương pháp xác định *",
        "Nhóm thuế GTGT *",
    ]
    assert lines["A1"].font.name == "Times New Roman"
    assert lines.column_dimensions["B"].width == 40
    validated = {str(dv.sqref).split(":")[0]: dv for dv in lines.data_validations.dataValidation}
    assert {"C2", "D2", "E2"} <= set(validated)
    lists = wb["_ictcost"]
    shown = {
        lists.cell(row=r, column=c).value
        for c in range(4, lists.max_column + 1)
        for r in range(2, lists.max_row + 1)
    }
    on = dt.datetime.now(tz=dt.UTC).date()
    assert component_label(NormRegistry.shipped(), on, "thiet_bi") in shown
    assert method_label(NormRegistry.shipped(), on, "quotation") in shown
    assert "Sản phẩm phần mềm, dịch vụ phần mềm" in shown  # the vat-rates label of 'software'
    assert not {*COMPONENTS, *METHODS, "it_goods_services", "not_applicable"} & shown


def test_a_vietnamese_template_shows_no_internal_key(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    keys = {*COMPONENTS, *METHODS, "it_goods_services", "general", "not_applicable", "software"}
    keys |= {"investment", "ktkt_report", "du_toan", "after_vat", "median", "infrastructure"}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for cell in row:
                if ws.column_dimensions[cell.column_letter].hidden:
                    continue
                assert cell.value not in keys, f"{ws.title}!{cell.coordinate}: {cell.value}"
    project = wb["Dự án"]
    rows = {project.cell(row=r, column=4).value: r for r in range(2, project.max_row + 1)}
    assert project.cell(row=rows["project_kind"], column=2).value == "Dự án đầu tư"
    assert project.cell(row=rows["date"], column=2).number_format == "DD/MM/YYYY"
    assert project.column_dimensions["D"].hidden


# --- filled by hand -------------------------------------------------------------------------------


def _headers(ws: Any) -> dict[str, int]:
    return {str(c.value).rstrip(" *"): c.column for c in ws[1] if c.value}


def _fill_row(ws: Any, row: int, cells: dict[str, object]) -> None:
    cols = _headers(ws)
    for header, value in cells.items():
        ws.cell(row=row, column=cols[header], value=value)


def test_a_blank_template_filled_cell_by_cell_gives_the_yaml_estimate(tmp_path: Path) -> None:
    """An estimator's way: Vietnamese labels, number cells, date cells and dd/mm/yyyy text."""
    yaml_project = load_project(PORTAL)
    path = write_template(tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    on = yaml_project.project.date
    registry = NormRegistry.shipped()
    vat_words = {
        "it_goods_services": "Hàng hóa, dịch vụ công nghệ thông tin (trừ phần mềm)",
        "software": "Sản phẩm phần mềm, dịch vụ phần mềm",
        "general": "general",  # a key is read too
        "not_applicable": "Không thuộc phạm vi thuế GTGT (chi phí tự thực hiện)",
    }
    project_sheet = wb["Dự án"]
    values: dict[str, object] = {
        "Tên dự án": yaml_project.project.name,
        "Chủ đầu tư": "Văn phòng UBND tỉnh",
        "Đơn vị lập dự toán": "Trung tâm Chuyển đổi số tỉnh",
        "Ngày lập / phê duyệt (chọn chế độ áp dụng)": "15/09/2025",
        "Loại dự án": "Dự án đầu tư",
        "Loại hồ sơ": "Báo cáo kinh tế - kỹ thuật",
        "Loại dự toán": "Dự toán",
        "Dự phòng: tính trên": "Giá trị sau thuế",
        "Dự phòng: hệ số Kps (%)": 5,
    }
    for r in range(2, project_sheet.max_row + 1):
        label = str(project_sheet.cell(row=r, column=1).value).rstrip(" *")
        if label in values:
            project_sheet.cell(row=r, column=2, value=values.pop(label))
    assert not values
    lines = wb["Dòng chi phí"]
    for row, line in enumerate(yaml_project.lines, start=2):
        cells: dict[str, object] = {
            "Mã dòng": line.id,
            "Tên khoản chi phí": line.name,
            "Khoản mục": component_label(registry, on, line.component),
            "Phương pháp xác định": "Giá trị xác định (có căn cứ)"
            if line.method == "fixed"
            else method_label(registry, on, line.method),
            "Nhóm thuế GTGT": vat_words[line.vat],
            "Đơn vị tính": line.unit,
            "Khối lượng": int(line.quantity) if line.quantity is not None else None,
            "Đơn giá (đồng)": int(line.unit_price) if line.unit_price is not None else None,
            "Thành tiền trước thuế (đồng)": int(line.amount) if line.amount else None,
            "Cách chọn đơn giá từ báo giá": {"median": "Giá trung vị"}.get(line.pick or ""),
            "Tệp đầu vào phần mềm": line.software,
            "Căn cứ": line.basis,
        }
        if line.price is not None:
            cells |= {"Bảng giá": line.price.list, "Mã hàng trong bảng giá": line.price.code}
        if line.fee is not None:
            cells |= {
                "Mục chi phí theo định mức": line.fee.item,
                "Định mức cho hạng mục": {
                    "software": "Phần mềm nội bộ, cơ sở dữ liệu",
                    "infrastructure": "Hạ tầng kỹ thuật",
                }[line.fee.category],
            }
        _fill_row(lines, row, cells)
    quotes, experts = wb["Báo giá"], wb["Chuyên gia"]
    q = e = 2
    for line in yaml_project.lines:
        for quote in line.quotes:
            assert quote.date is not None
            date: object = quote.date if q % 2 else quote.date.strftime("%d/%m/%Y")
            _fill_row(
                quotes,
                q,
                {
                    "Mã dòng": line.id,
                    "Nhà cung cấp / nguồn": quote.source,
                    "Đơn giá (đồng)": int(quote.unit_price),
                    "Ngày báo giá": date,
                },
            )
            q += 1
        for item in line.expert:
            _fill_row(
                experts,
                e,
                {
                    "Mã dòng": line.id,
                    "Nội dung công việc": item.description,
                    "Số ngày công": int(item.person_days),
                    "Đơn giá ngày công (đồng)": int(item.day_rate),
                },
            )
            e += 1
    wb.save(path)
    by_hand = load_project(path)
    assert by_hand.model_dump() == yaml_project.model_dump()
    assert _estimate_json(by_hand) == _estimate_json(yaml_project)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_template_saved_again_by_libreoffice_reads_the_same(
    tmp_path: Path, filled: Path, portal: ProjectInput
) -> None:
    assert SOFFICE is not None
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert read_template(out / filled.name).model_dump() == portal.model_dump()


# --- located errors -------------------------------------------------------------------------------


def _edit(path: Path, edits: dict[tuple[str, str], object]) -> Path:
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    wb.save(path)
    return path


def test_a_wrong_component_is_located_and_lists_the_choices(filled: Path) -> None:
    _edit(filled, {("Dòng chi phí", "C3"): "Thiết bị mạng"})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    message = _problems(exc)["Dòng chi phí!C3"]
    assert "choose one of" in message and "Thiết bị, phần mềm thương mại" in message
    assert "Hướng dẫn" in str(exc.value.hint)


def test_a_text_in_a_number_cell_is_located(filled: Path) -> None:
    _edit(filled, {("Dòng chi phí", "H2"): "hai", ("Báo giá", "C2"): "285.000"})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    problems = _problems(exc)
    assert problems["Dòng chi phí!H2"].startswith("not a number: write a number")
    assert "not an amount" in problems["Báo giá!C2"]  # 285.000: 285 or 285 000?
    assert len(problems) == 2


def test_a_missing_required_key_is_located(filled: Path) -> None:
    _edit(filled, {("Dự án", "B2"): None, ("Dòng chi phí", "B5"): None})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    problems = _problems(exc)
    assert problems == {
        "Dự án!B2": "required: fill in this cell",
        "Dòng chi phí!B5": "required: fill in this cell",
    }


def test_an_unknown_line_id_in_the_quotations_is_located(filled: Path) -> None:
    _edit(filled, {("Báo giá", "A3"): "TB-99"})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    message = _problems(exc)["Báo giá!A3"]
    assert "no line with id 'TB-99'" in message and "Dòng chi phí" in message


def test_a_duplicate_line_id_is_located_at_both(filled: Path) -> None:
    _edit(filled, {("Dòng chi phí", "A4"): "TB-01"})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    assert _problems(exc) == {
        "Dòng chi phí!A4": "line id 'TB-01' is used twice (first at Dòng chi phí!A2): give each "
        "line its own id"
    }


def test_every_problem_is_reported_at_once(filled: Path) -> None:
    _edit(
        filled,
        {
            ("Dòng chi phí", "D2"): "Đoán giá",
            ("Dự án", "B7"): "31/02/2025",
            ("Chuyên gia", "C2"): "=2*30",  # a formula openpyxl stores without a value
            ("Dòng chi phí", "ZZ1"): None,
        },
    )
    with pytest.raises(InputError) as exc:
        read_template(filled)
    problems = _problems(exc)
    assert set(problems) == {"Dòng chi phí!D2", "Dự án!B7", "Chuyên gia!C2"}
    assert "31/02/2025 is not a day of the calendar" in problems["Dự án!B7"]
    assert "open and save the workbook" in problems["Chuyên gia!C2"]
    assert exc.value.message == "portal.xlsx: 3 problem(s) in the template"


def test_an_unknown_column_is_refused_not_dropped(filled: Path) -> None:
    _edit(filled, {("Dòng chi phí", "AC1"): "Chiết khấu", ("Dòng chi phí", "AC2"): 5})
    with pytest.raises(InputError) as exc:
        read_template(filled)
    assert "unknown column" in _problems(exc)["Dòng chi phí!AC1"]


# --- cells ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [dt.date(2025, 9, 15), dt.datetime(2025, 9, 15), "2025-09-15", "15/09/2025", "15/9/2025"],
)
def test_a_date_cell_takes_a_date_iso_or_day_first_text(filled: Path, value: object) -> None:
    _edit(filled, {("Dự án", "B7"): value})
    assert read_template(filled).project.date == dt.date(2025, 9, 15)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("15/09/25", "more than one way"),
        ("2025/09/15", "more than one way"),
        ("09/15/2025", "not a day of the calendar"),
        ("15.09.2025", "write the day first"),
        (45915, "a number is not a date"),
    ],
)
def test_an_ambiguous_or_impossible_date_is_refused(filled: Path, value: object, says: str) -> None:
    wb = openpyxl.load_workbook(filled)
    cell = wb["Dự án"]["B7"]
    cell.value = value
    cell.number_format = "General"  # a serial number in a date-formatted cell is a date
    wb.save(filled)
    with pytest.raises(InputError) as exc:
        read_template(filled)
    assert says in _problems(exc)["Dự án!B7"]


def test_keys_and_english_labels_are_read_as_keys(filled: Path) -> None:
    _edit(
        filled,
        {
            ("Dòng chi phí", "C2"): "thiet_bi",
            ("Dòng chi phí", "D2"): "Supplier quotation",
            ("Dòng chi phí", "E2"): "it_goods_services",
        },
    )
    line = read_template(filled).lines[0]
    assert (line.component, line.method, line.vat) == ("thiet_bi", "quotation", "it_goods_services")


def test_a_percentage_cell_is_read_in_percent(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    project = wb["Dự án"]
    row = next(
        r
        for r in range(2, project.max_row + 1)
        if project.cell(row=r, column=4).value == "contingency.rate_percent"
    )
    project.cell(row=row, column=2, value=0.05).number_format = "0%"
    wb.save(filled)
    contingency = read_template(filled).contingency
    assert contingency is not None
    assert contingency.rate_percent == Decimal(5)


def test_amounts_are_read_exactly(tmp_path: Path, portal: ProjectInput) -> None:
    first = portal.lines[0].model_copy(
        update={
            "quantity": Decimal("0.1234567890123456789"),
            "quotes": (),
            "pick": None,
            "unit_price": Decimal("12345678901234567.5"),
        }
    )
    project = portal.model_copy(update={"lines": (first, *portal.lines[1:])})
    back = read_template(write_template(tmp_path / "x.xlsx", project=project))
    assert back.lines[0].quantity == Decimal("0.1234567890123456789")
    assert back.lines[0].unit_price == Decimal("12345678901234567.5")


# --- what the template cannot hold ----------------------------------------------------------------


def test_stated_figures_are_refused_not_dropped(tmp_path: Path) -> None:
    submitted = load_project(EXAMPLES / "portfolio" / "01-mot-cua-huyen.yaml")
    with pytest.raises(InputError) as exc:
        write_template(tmp_path / "s.xlsx", project=submitted)
    assert any(".stated" in p.path for p in exc.value.problems)
    assert "stated" in [p.path for p in exc.value.problems]
    assert not (tmp_path / "s.xlsx").exists()


def test_an_inline_software_input_is_refused(tmp_path: Path, portal: ProjectInput) -> None:
    line = portal.lines[3].model_copy(update={"software": {"name": "x"}})
    project = portal.model_copy(update={"lines": (*portal.lines[:3], line, *portal.lines[4:])})
    with pytest.raises(InputError) as exc:
        write_template(tmp_path / "s.xlsx", project=project)
    assert [p.path for p in exc.value.problems] == ["lines[3: PM-01].software"]


def test_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_template(tmp_path / "no" / "t.xlsx")


# --- load_project and other workbooks ---------------------------------------------------------------


def test_an_estimate_workbook_points_at_check(tmp_path: Path, portal: ProjectInput) -> None:
    estimate = compute_estimate(portal, registry=REGISTRY, base_dir=EXAMPLES)
    path = write_xlsx(estimate, tmp_path / "du-toan.xlsx")
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert "written by ictcost" in exc.value.message
    assert "`ictcost check` reads this workbook" in str(exc.value.hint)


def test_another_workbook_points_at_the_template(tmp_path: Path) -> None:
    path = tmp_path / "khac.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Bảng dự toán"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert "not ictcost's input template" in exc.value.message
    assert "`ictcost template`" in str(exc.value.hint)


def test_a_template_saved_under_another_suffix_is_named_so(filled: Path) -> None:
    renamed = filled.with_suffix(".yaml")
    filled.rename(renamed)
    with pytest.raises(InputError) as exc:
        load_project(renamed)
    assert "a zip package (an Excel workbook?) named .yaml" in exc.value.message
    assert "rename it to .xlsx" in str(exc.value.hint)


def test_the_xlsm_suffix_is_read_as_a_workbook(filled: Path) -> None:
    renamed = filled.with_suffix(".xlsm")
    filled.rename(renamed)
    assert len(load_project(renamed).lines) == 16


# --- a property over generated projects -----------------------------------------------------------

_TEXT = (
    st.text(
        alphabet=string.ascii_letters + string.digits + " =+-()/.:àáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễĐƯư",
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
_IDS = st.text(alphabet=string.ascii_uppercase + string.digits + "-", min_size=1, max_size=8)
_MONEY = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(Decimal),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
)
_DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def _line(draw: st.DrawFn, line_id: str) -> dict[str, Any]:
    method = draw(st.sampled_from(["quotation", "expert", "fixed", "norm"]))
    line: dict[str, Any] = {
        "id": line_id,
        "name": draw(_TEXT),
        "component": draw(st.sampled_from(COMPONENTS)),
        "method": method,
        "vat": draw(st.sampled_from(["general", "software", "it_goods_services"])),
        "note": draw(st.none() | _TEXT),
        "supply_date": draw(st.none() | _DATES),
    }
    if method == "quotation":
        line["quantity"] = draw(st.decimals(min_value=0, max_value=10**6, places=3))
        line["pick"] = draw(st.sampled_from(["lowest", "median", "mean"]))
        line["quotes"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"source": _TEXT, "unit_price": _MONEY, "date": st.none() | _DATES}
                ),
                min_size=1,
                max_size=3,
            )
        )
    elif method == "expert":
        line["expert"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "description": _TEXT,
                        "person_days": st.decimals(min_value=0, max_value=999, places=1),
                        "day_rate": _MONEY,
                    }
                ),
                min_size=1,
                max_size=3,
            )
        )
    elif method == "fixed":
        line["amount"] = draw(_MONEY)
        line["basis"] = draw(_TEXT)
    else:
        line["fee"] = {
            "item": draw(st.sampled_from(["quan_ly_du_an", "lap_bao_cao_ktkt"])),
            "category": draw(st.sampled_from(["software", "infrastructure"])),
        }
    return line


@st.composite
def _projects(draw: st.DrawFn) -> ProjectInput:
    ids = draw(st.lists(_IDS, min_size=1, max_size=4, unique=True))
    return ProjectInput.model_validate(
        {
            "project": {
                "name": draw(_TEXT),
                "owner": draw(st.none() | _TEXT),
                "date": draw(_DATES),
                "project_kind": draw(st.sampled_from(["investment", "purchase", "rental"])),
                "document": draw(st.sampled_from(["ktkt_report", "feasibility_study"])),
                "shared_services": draw(st.lists(_IDS, max_size=2)),
                "allow_one_step_above_ceiling": draw(st.booleans()),
            },
            "lines": [draw(_line(i)) for i in ids],
            "contingency": draw(
                st.none()
                | st.fixed_dictionaries(
                    {
                        "on": st.sampled_from(["after_vat", "before_vat"]),
                        "rate_percent": st.integers(0, 7),
                    }
                )
            ),
        }
    )


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(project=_projects())
def test_generated_projects_round_trip(tmp_path: Path, project: ProjectInput) -> None:
    back = read_template(write_template(tmp_path / "g.xlsx", project=project))
    assert back.model_dump() == project.model_dump()


def test_the_escalation_schedule_and_packages_round_trip(tmp_path: Path) -> None:
    project = load_project(EXAMPLES / "rental-plan-2026.yaml")
    data = project.model_dump()
    data["project"]["date"] = dt.date(2026, 8, 1)
    data["contingency"] = {
        "on": "before_vat",
        "volume_percent": Decimal("2.5"),
        "escalation": [
            {"year": 1, "share_percent": 60, "index_percent": Decimal("3.2")},
            {"year": 2, "share_percent": 40, "index_percent": Decimal("-0.5")},
        ],
        "basis": "Chỉ số giá bình quân 3 năm",
    }
    data["packages"] = [
        {
            "id": "G1",
            "name": "Gói thuê dịch vụ",
            "kind": "non_consulting",
            "selection": "direct_appointment",
            "lines": [data["lines"][0]["id"]],
            "in_project": False,
            "exemption": "k3_c",
            "planned_date": dt.date(2026, 9, 1),
        }
    ]
    project = ProjectInput.model_validate(data)
    path = write_template(tmp_path / "e.xlsx", project=project)
    assert read_template(path).model_dump() == project.model_dump()
    _edit(path, {("Trượt giá", "C3"): "ba phần trăm", ("Gói thầu", "C2"): "Gói lạ"})
    with pytest.raises(InputError) as exc:
        read_template(path)
    assert set(_problems(exc)) == {"Trượt giá!C3", "Gói thầu!C2"}


def test_software_names_follow_the_workbook_when_the_file_is_inside_its_folder(tmp_path: Path):
    source = tmp_path / "ho-so"
    source.mkdir()
    project = load_project(EXAMPLES / "portal-project.yaml")
    [pm] = [ln for ln in project.lines if ln.software]
    # the workbook one folder up: the software file is inside its folder, named relative to it
    book = write_template(tmp_path / "x.xlsx", project=project, base_dir=source)
    [back] = [ln for ln in read_template(book).lines if ln.id == pm.id]
    assert back.software == f"ho-so/{pm.software}"
    # the workbook in another folder: the name is kept (files are read only inside its folder)
    other = tmp_path / "khac"
    other.mkdir()
    book = write_template(other / "x.xlsx", project=project, base_dir=source)
    [back] = [ln for ln in read_template(book).lines if ln.id == pm.id]
    assert back.software == pm.software
