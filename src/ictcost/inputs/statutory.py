"""Read the free-form statutory workbooks people submit (``excel`` extra), with a report.

:func:`read_statutory_workbook` reads a *Bảng tổng hợp dự toán* / *tổng mức đầu tư* and its
*Bảng dự toán chi tiết* sheets, laid out as people lay them out, into a
:class:`~ictcost.estimate.model.ProjectInput` whose lines carry the workbook's figures in their
``stated`` blocks (so that :func:`ictcost.checks.check` can recompute and compare), and returns
with it an :class:`ImportReport`: every cell or row the reader used, how it read it, what it
assumed, and every row it skipped and why.

What is recognised
    * **The table**: in each sheet, the header row is the first of the first ``header_rows``
      rows (30) holding a name column (*Nội dung chi phí*, *Khoản mục chi phí*, *Hạng mục*,
      *Tên* …) and an amount column (*Giá trị trước thuế*, *Thành tiền*, *Thuế GTGT*, *Giá trị
      sau thuế* …); the other columns are *STT*, *Ký hiệu*, *Cách tính* / *Diễn giải*, *Đơn vị*,
      *Khối lượng* / *Số lượng*, *Đơn giá*, *Thuế suất*, *Căn cứ*, *Ghi chú*. Labels are compared
      without case, diacritics, spaces, punctuation or a parenthesised part (``(đồng)``,
      ``(1)``); a header on two rows (*Giá trị* merged above *Trước thuế* | *Thuế GTGT* | *Sau
      thuế*) is joined, and a row of column numbers (``1 2 3``, ``(1) (2) (3)=(1)x(2)``) under it
      is skipped. A sheet with a name column and a unit price or quantity column is a detail
      sheet; otherwise a summary.
    * **Rows**: *STT* ``I``, ``II`` … (upper-case Roman numerals) are groups, ``1``, ``2`` … lines,
      ``1.1`` … sub-lines, ``a``, ``b`` and ``-``, ``+`` sub-items; without Roman numerals, a
      top-level number whose name is a cost group (*Chi phí thiết bị* …) is a group. A row with
      figures and no row below it is a line; a row with rows below it is a subtotal (its figures
      are compared with the sum of its rows, and the rows are taken). Rows whose name begins
      with *Cộng* / *Tổng* are totals (*Cộng* inside a group: the group's; before *Chi phí dự
      phòng*: the total before contingency; the last: the grand total); *Thuế GTGT …* without
      STT is a VAT row (its rate, ``Thuế GTGT 8%``, applies to the lines above that show no VAT);
      *Chi phí dự phòng* is the contingency; *Bằng chữ* ends the table (the words are compared
      with the grand total); the table also ends after ``max_empty_rows`` empty rows.
    * **Groups → components**, by their normalised Vietnamese names (*Chi phí xây lắp* →
      ``xay_lap``, *Chi phí (trang) thiết bị* → ``thiet_bi``, *Chi phí thuê dịch vụ* →
      ``thue_dich_vu``, *Chi phí quản lý dự án* → ``quan_ly_du_an``, *Chi phí tư vấn (đầu tư)* →
      ``tu_van``, *Chi phí khác* → ``chi_phi_khac``, *Chi phí dự phòng* → the contingency …) or by
      the *Ký hiệu* (``Gtb``, ``Gqlda`` …); ``headings`` adds names. Inside the equipment group a
      line or sub-heading named as one of its components (*Phần mềm nội bộ*, *Đào tạo* …) takes
      that component. A detail sheet without group rows takes the component its title or sheet
      name names; its lines replace the summary's row for that group.
    * **Cells**: merged cells are read by their top-left value; amounts as numbers or text with
      dots, commas or spaces as thousands separators (``1.234.567``, ``1,234,567``,
      ``1.234.567 đ``; a single separator before three digits is a thousands separator, which
      the report says), an amount cell with more than 2 decimals is rounded to whole đồng (said
      too), and multiplied by the unit the sheet states (*Đơn vị tính: nghìn đồng*); VAT rates
      as ``8%``, ``8 %``, ``8``, a percentage cell, ``KCT`` / *không chịu thuế*.
    * **The project**: *Dự án* / *Tên dự án* / *Công trình* / *Nhiệm vụ*: the name, *Chủ đầu
      tư*, *Đơn vị lập* in ``key: value`` cells above the table; the kind (*TỔNG MỨC ĐẦU TƯ* /
      *DỰ TOÁN*) and the document (*báo cáo kinh tế - kỹ thuật*, *báo cáo nghiên cứu khả thi*,
      *kế hoạch thuê dịch vụ*, *đề cương*) from the title; the date from *…, ngày 15 tháng 9 năm
      2025*. ``project`` gives or overrides any of them; the name, date, project kind and
      document are required.

What a line becomes
    Every line is a ``fixed`` line with its stated figures (a line with a quantity and a unit
    price is recomputed as their product), ``basis`` *theo bảng tính được nộp*, its *Cách
    tính* and *Ghi chú* in the note. Its VAT category comes from the rate shown (``KCT`` →
    ``software``; a rate → the first category with that rate on the date), else from a VAT
    amount that is the amount × a rate of the table, else from the component (``quan_ly_du_an``
    → ``not_applicable``, ``phan_mem_noi_bo`` → ``software``, others → ``general`` with a VAT,
    ``not_applicable`` with a VAT of 0): each inference is in the report. The groups' after-VAT
    totals become ``stated.components`` (by the regime's group key), the totals ``stated``;
    the contingency is stated, and when its *Cách tính* names one % that reproduces it on the
    totals before or after VAT, it becomes the contingency input (``contingency`` overrides).

Hostile input
    No formula is evaluated (cells are read as the values a spreadsheet program cached; a
    formula cell without one is an error), a sheet with more than ``max_rows`` rows (100 000)
    or ``max_columns`` columns is refused with :class:`WorkbookTooLargeError` before it is
    loaded, only the first ``scan_columns`` columns are read and a table stops after
    ``max_empty_rows`` empty rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ictcost._internal._coerce import CoercionError, coerce_date
from ictcost.documents import document_profile
from ictcost.errors import IctcostError, InputError, Problem
from ictcost.inputs._cells import CellReader
from ictcost.inputs._rows import DEFAULT_BASIS, CellMarks, validate_project, vat_inference
from ictcost.keys import COMPONENTS
from ictcost.money import round_vnd
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import COMPONENT_VI, DETAIL, DETAIL_COLUMNS, DETAIL_HEADER_ROW, SUMMARY
from ictcost.structure import group_by_component, statutory_groups
from ictcost.words import amount_in_words

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.estimate.model import ProjectInput

__all__ = [
    "ImportEntry",
    "ImportReport",
    "ImportStatus",
    "ImportWhat",
    "ReadLimits",
    "WorkbookTooLargeError",
    "read_statutory_workbook",
]

ImportStatus = Literal["read", "assumed", "skipped"]
"""How the reader dealt with a cell or row: ``read`` (understood and used), ``assumed`` (used
with an interpretation the reader chose: check it) or ``skipped`` (not used; ``how`` says why)."""
ImportWhat = Literal[
    "sheet",
    "header",
    "column",
    "amount",
    "project",
    "unit",
    "group",
    "heading",
    "line",
    "subtotal",
    "total",
    "vat",
    "contingency",
    "words",
    "text",
]
"""What a report entry is about."""


class ImportEntry(BaseModel):
    """One entry of an :class:`ImportReport`.

    Attributes:
        cell: Where: ``file!sheet!E12`` (a cell), ``file!sheet!12:12`` (a row) or
            ``file!sheet`` (a whole sheet).
        status: ``read``, ``assumed`` or ``skipped``.
        what: What the cell or row is (a line, a group, a total …).
        how: How it was read, what was assumed, or why it was skipped.
        line: The id of the line it became or belongs to, if any.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    cell: str
    status: ImportStatus
    what: ImportWhat
    how: str
    line: str | None = None

    def __str__(self) -> str:
        line = f" {self.line}" if self.line else ""
        return f"{self.cell}: {self.status} {self.what}{line}: {self.how}"


class ImportReport(BaseModel):
    """What :func:`read_statutory_workbook` understood in a workbook and what it did not.

    Attributes:
        file: The workbook's name.
        entries: Every entry, in the order of the sheets and rows.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    entries: tuple[ImportEntry, ...]

    @property
    def read(self) -> tuple[ImportEntry, ...]:
        """The entries read as they are."""
        return tuple(e for e in self.entries if e.status == "read")

    @property
    def assumed(self) -> tuple[ImportEntry, ...]:
        """The entries read with an interpretation (check them)."""
        return tuple(e for e in self.entries if e.status == "assumed")

    @property
    def skipped(self) -> tuple[ImportEntry, ...]:
        """The entries not used, each with the reason."""
        return tuple(e for e in self.entries if e.status == "skipped")

    @property
    def understood(self) -> tuple[ImportEntry, ...]:
        """The entries used (``read`` and ``assumed``)."""
        return tuple(e for e in self.entries if e.status != "skipped")

    def of_line(self, line_id: str) -> tuple[ImportEntry, ...]:
        """The entries about one line."""
        return tuple(e for e in self.entries if e.line == line_id)

    def text(self) -> str:
        """The report as lines of text: a count, then one line per entry."""
        head = (
            f"{self.file}: {len(self.read)} read, {len(self.assumed)} assumed, "
            f"{len(self.skipped)} skipped"
        )
        return "\n".join([head, *(f"  {e}" for e in self.entries)])


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds on what :func:`read_statutory_workbook` reads (hostile or damaged files).

    Attributes:
        max_rows: A sheet with more rows is refused (:class:`WorkbookTooLargeError`).
        max_columns: A sheet with more columns is refused.
        max_cells: A sheet whose rows × columns are more is refused (the workbook is loaded
            whole once its sheets pass these limits).
        scan_columns: Only the first columns are read (a statutory table is narrower).
        header_rows: The header row is looked for in the first rows only.
        max_empty_rows: A table ends after this many empty rows in a row.
    """

    max_rows: int = 100_000
    max_columns: int = 1_000
    max_cells: int = 5_000_000
    scan_columns: int = 60
    header_rows: int = 30
    max_empty_rows: int = 20


class WorkbookTooLargeError(InputError):
    """A sheet has more rows or columns than :class:`ReadLimits` allows (code ``input-invalid``).

    Attributes:
        sheet: The sheet (in ``context``).
        rows: Its rows (in ``context``).
        columns: Its columns (in ``context``).
    """


# --- text keys -----------------------------------------------------------------------------------

_PARENS: Final = re.compile(r"\([^()]*\)")
_SUFFIXES: Final = ("gtgt", "vat", "dong", "vnd")


def fold(text: object) -> str:
    """Return text comparable without case, diacritics, spaces or punctuation (``đ`` → ``d``)."""
    norm = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in norm.casefold() if ch.isalnum() and ch.isascii())


def _words(text: object) -> list[str]:
    """Return the folded words of a text (diacritics and case removed, split on the rest)."""
    norm = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d")).casefold()
    kept = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in norm if ch.isascii())
    return kept.split()


def _header_key(text: object) -> str:
    """A header label's key: folded, without a parenthesised part or a currency/tax suffix."""
    key = fold(_PARENS.sub(" ", str(text)))
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key.removesuffix(suffix)
                changed = True
    return key


def _keys(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {_header_key(alias): name for name, aliases in table.items() for alias in aliases}


_COLUMNS: Final = _keys(
    {
        "stt": ("STT", "TT", "Số TT", "Số thứ tự"),
        "name": (
            "Nội dung chi phí",
            "Khoản mục chi phí",
            "Nội dung",
            "Khoản mục",
            "Hạng mục",
            "Hạng mục chi phí",
            "Tên chi phí",
            "Tên hàng hóa",
            "Tên hàng hóa, dịch vụ",
            "Tên thiết bị",
            "Tên hạng mục",
            "Danh mục",
            "Nội dung công việc",
            "Tên",
        ),
        "symbol": ("Ký hiệu",),
        "formula": (
            "Cách tính",
            "Diễn giải",
            "Diễn giải cách tính",
            "Cách tính / Diễn giải",
            "Công thức",
            "Công thức tính",
            "Cách xác định",
        ),
        "basis": ("Căn cứ", "Căn cứ xác định", "Nguồn giá"),
        "unit": ("Đơn vị", "Đơn vị tính", "ĐVT"),
        "quantity": ("Khối lượng", "Số lượng", "KL", "SL"),
        "unit_price": ("Đơn giá", "Đơn giá trước thuế", "Đơn giá chưa thuế"),
        "amount": (
            "Giá trị trước thuế",
            "Thành tiền trước thuế",
            "Giá trị chưa thuế",
            "Thành tiền chưa thuế",
            "Chi phí trước thuế",
            "Kinh phí trước thuế",
            "Thành tiền",
            "Giá trị",
            "Kinh phí",
            "Số tiền",
            "Trước thuế",
            "Chưa thuế",
        ),
        "vat_rate": ("Thuế suất", "Thuế suất GTGT", "Thuế suất VAT"),
        "vat": ("Thuế GTGT", "Thuế VAT", "VAT", "Thuế", "Tiền thuế", "Thuế giá trị gia tăng"),
        "total": (
            "Giá trị sau thuế",
            "Thành tiền sau thuế",
            "Giá trị có thuế",
            "Thành tiền có thuế",
            "Giá trị bao gồm thuế",
            "Thành tiền bao gồm thuế",
            "Kinh phí sau thuế",
            "Chi phí sau thuế",
            "Sau thuế",
            "Có thuế",
            "Bao gồm thuế",
        ),
        "note": ("Ghi chú",),
    }
)
"""Header labels (as :func:`_header_key`) → the field of the column."""
_FIGURES: Final = frozenset({"amount", "vat", "total", "unit_price"})
_MONEY: Final = ("unit_price", "amount", "vat", "total")

Heading = str
"""A component key, or ``contingency``."""
_CONTINGENCY: Final = "contingency"
_GROUP_HEADINGS: Final = {
    "xay_lap": ("Chi phí xây lắp", "Chi phí xây dựng", "Chi phí xây lắp, lắp đặt"),
    "thiet_bi": (
        "Chi phí thiết bị",
        "Chi phí trang thiết bị",
        "Chi phí mua sắm thiết bị",
        "Chi phí mua sắm trang thiết bị",
        "Chi phí thiết bị, phần mềm",
    ),
    "thue_dich_vu": (
        "Chi phí thuê dịch vụ",
        "Chi phí thuê dịch vụ công nghệ thông tin",
        "Chi phí thuê dịch vụ CNTT",
    ),
    "quan_tri_van_hanh": ("Chi phí quản trị, vận hành", "Chi phí quản trị vận hành"),
    "bao_tri": ("Chi phí bảo trì",),
    "quan_ly_du_an": ("Chi phí quản lý dự án", "Chi phí quản lý"),
    "tu_van": ("Chi phí tư vấn đầu tư", "Chi phí tư vấn", "Chi phí tư vấn đầu tư xây dựng"),
    "chi_phi_khac": ("Chi phí khác",),
    _CONTINGENCY: ("Chi phí dự phòng", "Dự phòng", "Dự phòng phí", "Chi phí dự phòng phí"),
}
"""The names of the cost groups (and of the contingency) a group row may carry."""
_COMPONENT_HEADINGS: Final = {
    "phan_mem_noi_bo": (
        "Chi phí phần mềm nội bộ",
        "Chi phí xây dựng phần mềm nội bộ",
        "Chi phí phát triển phần mềm nội bộ",
        "Chi phí xây dựng, phát triển phần mềm nội bộ",
    ),
    "lap_dat_cai_dat": ("Chi phí lắp đặt, cài đặt", "Chi phí lắp đặt", "Chi phí cài đặt"),
    "tao_lap_du_lieu": (
        "Chi phí tạo lập cơ sở dữ liệu",
        "Chi phí tạo lập dữ liệu",
        "Chi phí xây dựng cơ sở dữ liệu",
    ),
    "dao_tao": (
        "Chi phí đào tạo",
        "Chi phí đào tạo, chuyển giao",
        "Chi phí đào tạo, chuyển giao công nghệ",
        "Chi phí đào tạo, hướng dẫn sử dụng",
    ),
    "trien_khai_ho_tro": ("Chi phí triển khai, hỗ trợ", "Chi phí triển khai"),
}
"""Names of the components summed in the equipment group (a line or sub-heading may carry)."""
_FAMILY: Final = {
    "thiet_bi": frozenset(
        {
            "thiet_bi",
            "phan_mem_noi_bo",
            "lap_dat_cai_dat",
            "tao_lap_du_lieu",
            "dao_tao",
            "trien_khai_ho_tro",
        }
    ),
    "xay_lap": frozenset({"xay_lap", "lap_dat_cai_dat"}),
}
"""The components a line may be refined to inside a group (the equipment group's members)."""
_SYMBOLS: Final = {
    "gxl": "xay_lap",
    "gtb": "thiet_bi",
    "gttb": "thiet_bi",
    "gtdv": "thue_dich_vu",
    "gthue": "thue_dich_vu",
    "gv": "quan_tri_van_hanh",
    "gbt": "bao_tri",
    "gqlda": "quan_ly_du_an",
    "gql": "quan_ly_du_an",
    "gtv": "tu_van",
    "gk": "chi_phi_khac",
    "gdp": _CONTINGENCY,
}
"""The *Ký hiệu* of the groups (folded: ``G_TB`` → ``gtb``)."""

_TOTAL_START: Final = ("tongcong", "tong", "cong")
_VAT_START: Final = ("thuegtgt", "thuevat", "thuegiatrigiatang", "vat")
_WORDS_START: Final = "bangchu"
_BEFORE_CONTINGENCY: Final = re.compile(r"(chua|truoc|khong)(gom|bao|tinh|co)?(gom)?duphong")
_GROUP_SUBTOTAL: Final = re.compile(
    r"cộng(\s+(nhóm|mục|phần|khoản mục))?\s*([ivx]+|\d+)?\s*[.:]?", re.IGNORECASE
)
"""The total of one group: *Cộng*, *Cộng I*, *Cộng nhóm II* (not *Cộng (I+II+III)*)."""
_PERCENT: Final = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_DATE_WORDS: Final = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DATE_NUMERIC: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_STT_LEVELS: Final[tuple[tuple[re.Pattern[str], _Level], ...]] = (  # _Level: below
    (re.compile(r"(?=.)X{0,3}(IX|IV|V?I{0,3})"), "group"),
    (re.compile(r"\d+(\.\d+)*"), "number"),
    (re.compile(r"[a-zđ]"), "letter"),
    (re.compile(r"[A-H]"), "part"),
)
"""The levels of an STT: Roman numerals (groups), numbers, letters, capital letters (parts)."""
_ROMAN_PREFIX: Final = re.compile(r"([IVX]+)[.)]\s+(\S.*)", re.DOTALL)
_BULLETS: Final = {"-": 1, "–": 1, "—": 1, "*": 1, "•": 1, "+": 2}
_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10}

_META_KEYS: Final = {
    **{
        fold(k): "name"
        for k in (
            "Dự án",
            "Tên dự án",
            "Công trình",
            "Tên công trình",
            "Nhiệm vụ",
            "Tên nhiệm vụ",
            "Kế hoạch",
            "Tên kế hoạch",
            "Hạng mục",
            "Gói thầu",
        )
    },
    **{fold(k): "owner" for k in ("Chủ đầu tư", "Đơn vị chủ trì", "Chủ trì")},
    **{
        fold(k): "preparer"
        for k in ("Đơn vị lập", "Đơn vị lập dự toán", "Đơn vị tư vấn", "Đơn vị tư vấn lập")
    },
    **{fold(k): "reviewer" for k in ("Đơn vị thẩm tra",)},
    **{fold(k): "date" for k in ("Ngày", "Ngày lập", "Thời điểm lập")},
    **{fold(k): "unit" for k in ("Đơn vị tính", "ĐVT")},
}
"""Labels of ``key: value`` cells above the table."""
_UNITS: Final = {
    "dong": Decimal(1),
    "vnd": Decimal(1),
    "nghindong": Decimal(1000),
    "ngandong": Decimal(1000),
    "1000dong": Decimal(1000),
    "trieudong": Decimal(1_000_000),
    "1000000dong": Decimal(1_000_000),
    "tydong": Decimal(1_000_000_000),
}
_DOCUMENTS: Final = (
    ("baocaokinhtekythuat", ("investment", "ktkt_report")),
    ("bcktkt", ("investment", "ktkt_report")),
    ("baocaonghiencuukhathi", ("investment", "feasibility_study")),
    ("kehoachthuedichvu", ("rental", "rental_plan")),
    ("decuongvadutoan", ("recurrent_task", "detailed_outline")),
)
_THOUSANDS: Final = "one separator before three digits: a thousands separator"
_HINT: Final = "correct each cell listed; docs/concepts/excel-import.md documents what is read"
_ZERO: Final = Decimal(0)


# --- the entry point -----------------------------------------------------------------------------


def read_statutory_workbook(
    path: Path | str,
    *,
    project: Mapping[str, object] | None = None,
    contingency: Mapping[str, object] | None = None,
    headings: Mapping[str, str] | None = None,
    sheets: Sequence[str] | None = None,
    registry: NormRegistry | None = None,
    limits: ReadLimits | None = None,
) -> tuple[ProjectInput, ImportReport]:
    """Read a statutory estimate workbook laid out freely, and say what was understood.

    Args:
        path: The ``.xlsx`` workbook.
        project: Project fields the workbook does not state, or that override what it states
            (``name``, ``date``, ``project_kind``, ``document``, ``kind``, ``owner`` …, as in
            :class:`~ictcost.estimate.model.ProjectMeta`).
        contingency: The contingency input (as :class:`~ictcost.estimate.model.ContingencyInput`);
            without it, it is read from the contingency row where its % reproduces it.
        headings: More group or heading names → a component key (or ``contingency``).
        sheets: The sheets to read (default: every sheet; those without a table are skipped).
        registry: The norms (VAT categories, groups; default: the shipped norms).
        limits: The bounds of what is read (default :class:`ReadLimits`).

    Returns:
        The project (every figure of the workbook in the ``stated`` blocks) and the report.

    Raises:
        WorkbookTooLargeError: a sheet has more rows or columns than ``limits`` allow.
        InputError: the file cannot be read, a named sheet is missing, no table is found, a
            formula cell has no cached value, the project's name, date, kind or document is
            neither in the workbook nor in ``project``, or a field is invalid; each problem
            names its cell (``file!sheet!cell``).
    """
    file = Path(path)
    bounds = limits if limits is not None else ReadLimits()
    reg = registry if registry is not None else NormRegistry.shipped()
    names_table = _heading_table(headings)
    values, formulas = _open(file, bounds)
    state = _State(CellReader(file.name, values, formulas), bounds, names_table)
    names = list(values.sheetnames)
    if sheets is not None:
        missing = [s for s in sheets if s not in names]
        if missing:
            raise InputError(
                f"{file.name}: no sheet {', '.join(repr(s) for s in missing)}; the workbook "
                f"has: {', '.join(names)}",
                field="sheets",
                hint="name sheets of the workbook",
            )
        names = [n for n in names if n in sheets]
    if _is_ictcost_workbook(values):
        raise InputError(
            f"{file.name}: this is a workbook ictcost wrote (sheets '{SUMMARY}' and '{DETAIL}' "
            "with its columns); read it with load_workbook_project, which reads its key cells "
            "and breakdown sheets",
            field="file",
            hint="ictcost.inputs.load_workbook_project(path)",
        )
    tables = [t for t in (_read_sheet(state, n) for n in names) if t is not None]
    if state.cells.uncached:
        raise InputError(
            f"{file.name}: {len(state.cells.uncached)} formula cell(s) have no cached value; "
            "ictcost reads the values a spreadsheet program stored and computes no formula",
            field="file",
            problems=tuple(state.cells.uncached),
            hint="open the workbook in Excel or LibreOffice, recalculate it and save it, then "
            "load it again",
        )
    if not tables:
        raise InputError(
            f"{file.name}: no estimate table found (a header row with 'Nội dung chi phí' and "
            f"'Giá trị trước thuế' or 'Thành tiền' in the first {bounds.header_rows} rows of a "
            "sheet)",
            field="file",
            problems=tuple(_problem(e) for e in state.entries if e.what == "sheet"),
            hint="check that the workbook is an estimate; docs/concepts/excel-import.md lists "
            "the header labels read",
            report=state.report(),
        )
    meta = _project(state, tables, project)
    data = _assemble(state, tables, meta, reg)
    if contingency is not None:
        data["contingency"] = dict(contingency)
    else:
        _infer_contingency(state, data, reg)
    result = validate_project(file.name, data, state.marks, hint=_HINT)
    return result, state.report()


def _is_ictcost_workbook(values: Workbook) -> bool:
    """Whether the workbook is ictcost's own (its *Chi tiết* header has its machine columns)."""
    if SUMMARY not in values.sheetnames or DETAIL not in values.sheetnames:
        return False
    ws = values[DETAIL]
    headers = {
        str(ws.cell(row=DETAIL_HEADER_ROW, column=c).value or "").strip()
        for c in range(1, min(ws.max_column, 60) + 1)
    }
    return {DETAIL_COLUMNS["id"], DETAIL_COLUMNS["method"]} <= headers


def _problem(entry: ImportEntry) -> Problem:
    return Problem(entry.how, file=entry.cell)


# --- opening, bounded ----------------------------------------------------------------------------


def _open(file: Path, limits: ReadLimits) -> tuple[Workbook, Workbook]:
    """Open the workbook twice (cached values, formulas) after checking each sheet's size."""
    import openpyxl  # noqa: PLC0415
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        sized = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: {exc}",
            field="file",
            hint="check the path; the file must be an .xlsx workbook (Excel 2007 or later)",
        ) from exc
    try:
        for ws in sized.worksheets:
            _check_size(file, ws, limits)
    finally:
        sized.close()
    try:
        values = openpyxl.load_workbook(file, data_only=True)
        formulas = openpyxl.load_workbook(file, data_only=False)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: {exc}",
            field="file",
            hint="check the path; the file must be an .xlsx workbook (Excel 2007 or later)",
        ) from exc
    return values, formulas


def _check_size(file: Path, ws: Any, limits: ReadLimits) -> None:  # noqa: ANN401 - read-only sheet
    """Refuse a sheet (of a read-only workbook) with more rows or columns than allowed.

    The rows are streamed, not taken from the sheet's stored dimension (which a file may state
    wrongly), and the count stops at the first limit passed.
    """
    ws.reset_dimensions()
    rows = cols = 0
    for n, row in enumerate(ws.iter_rows(values_only=True), 1):
        rows, cols = n, max(cols, len(row))
        if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_cells:
            break
    if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_cells:
        raise WorkbookTooLargeError(
            f"{file.name}!{ws.title}: the sheet has {rows} rows and {cols} columns; ictcost reads "
            f"at most {limits.max_rows} rows, {limits.max_columns} columns and "
            f"{limits.max_cells} cells",
            field="file",
            hint="delete the empty or unrelated rows and columns, or split the workbook",
            sheet=ws.title,
            rows=rows,
            columns=cols,
        )


# --- reading state -------------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    cells: CellReader
    limits: ReadLimits
    headings: list[tuple[str, Heading]]
    entries: list[ImportEntry] = field(default_factory=list)
    marks: CellMarks = field(default_factory=dict)
    contingency: _Row | None = None
    """The contingency row of the table the stated totals come from."""

    def note(
        self,
        cell: str,
        status: ImportStatus,
        what: ImportWhat,
        how: str,
        line: str | None = None,
    ) -> None:
        self.entries.append(ImportEntry(cell=cell, status=status, what=what, how=how, line=line))

    def report(self) -> ImportReport:
        """The report, its entries in the order of the sheets, rows and columns."""
        sheets = {name: i for i, name in enumerate(self.cells.values.sheetnames)}
        prefix = f"{self.cells.label}!"

        def order(entry: ImportEntry) -> tuple[int, int, int]:
            if not entry.cell.startswith(prefix):
                return (len(sheets), 0, 0)
            sheet, _, cell = entry.cell[len(prefix) :].rpartition("!")
            if not sheet:
                sheet, cell = cell, ""
            m = re.fullmatch(r"([A-Z]*)(\d*)(?::\d+)?", cell)
            if m is None:
                return (sheets.get(sheet, len(sheets)), 0, 0)
            col = 0
            for ch in m[1]:
                col = col * 26 + ord(ch) - 64
            return (sheets.get(sheet, len(sheets)), int(m[2] or 0), col)

        return ImportReport(file=self.cells.label, entries=tuple(sorted(self.entries, key=order)))


def _heading_table(extra: Mapping[str, str] | None) -> list[tuple[str, Heading]]:
    """Every heading name (folded) → its component, the user's first, the longest first."""
    table: dict[str, Heading] = {}
    for key, names in (*_GROUP_HEADINGS.items(), *_COMPONENT_HEADINGS.items()):
        for name in names:
            table.setdefault(fold(name), key)
    for key, name in COMPONENT_VI.items():
        table.setdefault(fold(name), key)
        table.setdefault(fold(f"Chi phí {name}"), key)
    for key in COMPONENTS:
        table.setdefault(fold(key), key)
    user = {fold(name): key for name, key in (extra or {}).items()}
    known = {*COMPONENTS, _CONTINGENCY}
    bad = sorted(k for k in user.values() if k not in known)
    if bad:
        raise InputError(
            f"headings: unknown component(s) {', '.join(map(repr, bad))}",
            field="headings",
            hint=f"map a name to one of: {', '.join(sorted(known))}",
        )
    return [*user.items(), *sorted(table.items(), key=lambda kv: -len(kv[0]))]


def _match(state: _State, text: str | None, *, exact: bool = False) -> Heading | None:
    """The component (or contingency) a heading names: exactly, else by its first words."""
    if not text:
        return None
    key = fold(_PARENS.sub(" ", text))
    for name, heading in state.headings:
        if key == name:
            return heading
    if exact:
        return None
    for name, heading in state.headings:
        if len(name) >= 6 and key.startswith(name):
            return heading
    return None


# --- cells ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Figure:
    value: Decimal
    assumed: str | None = None


def parse_amount(text: str) -> _Figure:
    """Read an amount written as text: ``1.234.567``, ``1,234,567``, ``1 234 567 đ``, ``(1.500)``.

    Raises:
        ValueError: not an amount.
    """
    t = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    t = re.sub(r"(?i)\s*(đồng|đ|vnđ|vnd)\.?$", "", t).strip()
    t = re.sub(r"(?i)^(vnđ|vnd)\s*", "", t).strip()
    if t[:1] in {"-", "−"}:
        negative, t = not negative, t[1:].strip()
    digits, assumed = _digits(t, text)
    value = Decimal(digits)
    return _Figure(-value if negative else value, assumed)


def _digits(t: str, text: str) -> tuple[str, str | None]:
    """The plain digits of an amount (``1234.5``) and what was assumed to read them."""
    if re.fullmatch(r"\d{1,3}( \d{3})+", t):
        return t.replace(" ", ""), None
    if "." in t and "," in t:
        group, dec = (".", ",") if t.rfind(",") > t.rfind(".") else (",", ".")
        whole, _, frac = t.rpartition(dec)
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not frac.isdigit():
            raise ValueError(repr(text))
        return whole.replace(group, "") + "." + frac, None
    if "." in t or "," in t:
        sep = "." if "." in t else ","
        parts = t.split(sep)
        if len(parts) > 2:
            if not re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", t):
                raise ValueError(repr(text))
            return t.replace(sep, ""), None
        if not (parts[0].isdigit() and parts[1].isdigit()):
            raise ValueError(repr(text))
        if len(parts[1]) == 3:
            return t.replace(sep, ""), _THOUSANDS
        return parts[0] + "." + parts[1], None
    if t.isdigit():
        return t, None
    raise ValueError(repr(text))


def _to_money(value: object, scale: Decimal) -> _Figure | None:
    """A cell's value as an amount in đồng (``None``: empty or a dash); ValueError if none."""
    figure: _Figure
    if value is None or (isinstance(value, str) and value.strip() in {"", "-", "—", "–", "x"}):
        return None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        raise TypeError(repr(value))
    if isinstance(value, float):
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise ValueError(repr(value))
        figure = _Figure(amount)
    elif isinstance(value, (int, Decimal)):
        figure = _Figure(Decimal(value))
    elif isinstance(value, str):
        figure = parse_amount(value)
    else:
        raise TypeError(repr(value))
    if scale != 1:
        figure.value *= scale
    if figure.value != figure.value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        whole = figure.value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        note = f"{figure.value} rounded to {whole} đồng"
        figure = _Figure(whole, f"{figure.assumed}; {note}" if figure.assumed else note)
    return figure


def _to_number(value: object) -> Decimal | None:
    """A quantity: a number, or text with a decimal comma or point; ValueError if none."""
    if value is None or (isinstance(value, str) and value.strip() in {"", "-", "—", "–"}):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise TypeError(repr(value))
    text = str(value).replace("\u00a0", "").replace(" ", "")
    if isinstance(value, str) and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(repr(value)) from exc
    if not number.is_finite():
        raise ValueError(repr(value))
    return number


@dataclass(slots=True)
class _Rate:
    rate: Decimal | None = None
    not_subject: bool = False
    assumed: str | None = None


def _to_rate(value: object, number_format: str) -> _Rate:
    """A VAT rate cell: ``8%``, ``8 %``, ``8``, a percentage cell, ``KCT``; ValueError if none."""
    if isinstance(value, str):
        return _text_rate(value)
    number = _to_number(value)
    if number is None:
        return _Rate()
    if "%" in number_format:
        return _Rate((number * 100).normalize())
    if 0 < number < 1:
        shown = (number * 100).normalize()
        return _Rate(shown, assumed=f"{number} read as {shown} %")
    return _Rate(number.normalize())


def _text_rate(value: str) -> _Rate:
    if fold(value) in {"kct", "khongchiuthue", "khongchiuthuegtgt"}:
        return _Rate(not_subject=True)
    text = value.strip()
    if text in {"", "-", "—", "–", "x"}:
        return _Rate()
    text = text.removesuffix("%").strip().replace(",", ".")
    try:
        return _Rate(Decimal(text).normalize())
    except InvalidOperation as exc:
        raise ValueError(repr(value)) from exc


def _percents(text: str | None) -> list[Decimal]:
    return [Decimal(m[1].replace(",", ".")) for m in _PERCENT.finditer(text or "")]


# --- the table of a sheet ------------------------------------------------------------------------

_Level = Literal["group", "part", "number", "letter", "bullet", "none", "other"]
_Kind = Literal["item", "group", "part", "contingency", "total", "vat", "words", "text"]


@dataclass(eq=False, slots=True)
class _Row:
    row: int
    stt: str | None
    level: _Level
    label: str | None
    kind: _Kind = "item"
    depth: int = 0
    figures: dict[str, Decimal] = field(default_factory=dict)
    rate: _Rate = field(default_factory=_Rate)
    unit: str | None = None
    quantity: Decimal | None = None
    formula: str | None = None
    symbol: str | None = None
    note: str | None = None
    basis: str | None = None
    heading: Heading | None = None
    children: list[_Row] = field(default_factory=list)
    parent: _Row | None = None
    subtotal: _Row | None = None
    line_id: str | None = None

    @property
    def has_figures(self) -> bool:
        return bool(self.figures) or self.quantity is not None


@dataclass(slots=True)
class _Table:
    sheet: str
    index: int
    kind: Literal["summary", "detail"]
    header_row: int
    cols: dict[str, int]
    scale: Decimal
    above: list[tuple[int, int, str]]
    """Texts above the header: (row, column, text)."""
    below: list[tuple[int, int, str]]
    """Texts after the table: (row, column, text)."""
    rows: list[_Row] = field(default_factory=list)
    totals: list[_Row] = field(default_factory=list)
    vat_rows: list[_Row] = field(default_factory=list)
    words: _Row | None = None
    thousands: list[str] = field(default_factory=list)
    """The cells of amounts with one separator before three digits (``1.500``)."""
    heading: Heading | None = None
    """The component the sheet's title or name names (a detail sheet's lines outside groups)."""

    def ref(self, state: _State, row: int, col: int | None = None) -> str:
        return state.cells.ref(self.sheet, row, col)

    def col_ref(self, state: _State, row: int, name: str) -> str:
        col = self.cols.get(name)
        return state.cells.ref(self.sheet, row, col)


def _read_sheet(state: _State, sheet: str) -> _Table | None:
    """Find the table of a sheet and read its rows (``None``: no table, reported)."""
    ws = state.cells.values[sheet]
    ncols = min(ws.max_column, state.limits.scan_columns)
    where = f"{state.cells.label}!{sheet}"
    if ws.max_column > state.limits.scan_columns:
        state.note(
            where,
            "skipped",
            "column",
            f"only the first {state.limits.scan_columns} columns are read (the sheet has "
            f"{ws.max_column})",
        )
    found = _find_header(state, ws, ncols)
    if found is None:
        state.note(
            where,
            "skipped",
            "sheet",
            "no header row with a name column ('Nội dung chi phí', 'Khoản mục chi phí' …) and "
            f"an amount column ('Giá trị trước thuế', 'Thành tiền' …) in the first "
            f"{state.limits.header_rows} rows",
        )
        return None
    header, cols, data_start, labels = found
    kind: Literal["summary", "detail"] = (
        "detail" if "unit_price" in cols or "quantity" in cols else "summary"
    )
    index = state.cells.values.sheetnames.index(sheet) + 1
    table = _Table(sheet, index, kind, header, cols, Decimal(1), [], [])
    state.note(
        table.ref(state, header),
        "read",
        "header",
        f"{kind} table; columns: "
        + ", ".join(
            f"{name} {_letter(c)}" for name, c in sorted(cols.items(), key=lambda kv: kv[1])
        ),
    )
    used = set(cols.values())
    for c, label in sorted(labels.items()):
        if c not in used:
            state.note(
                table.ref(state, header, c), "skipped", "column", f"column {label!r} is not read"
            )
    for r in range(1, header):
        for c in range(1, ncols + 1):
            text = _text(state, sheet, r, c)
            if text is not None:
                table.above.append((r, c, text))
    _sheet_unit(state, table)
    _read_rows(state, ws, table, data_start, ncols)
    return table


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return str(get_column_letter(col))


def _text(state: _State, sheet: str, row: int, col: int) -> str | None:
    value = state.cells.values[sheet].cell(row=row, column=col).value
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_fields(labels: Mapping[int, str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for col, label in sorted(labels.items()):
        name = _header_field(label)
        if name is not None and name not in cols:
            cols[name] = col
    return cols


def _header_field(label: str) -> str | None:
    key = _header_key(label)
    name = _COLUMNS.get(key)
    if "%" in label and (name in {"vat", "vat_rate"} or key in {"thue", ""}):
        return "vat_rate"
    return name


def _row_texts(state: _State, ws: Worksheet, row: int, ncols: int) -> dict[int, str]:
    return {c: t for c in range(1, ncols + 1) if (t := _text(state, ws.title, row, c)) is not None}


def _find_header(
    state: _State, ws: Worksheet, ncols: int
) -> tuple[int, dict[str, int], int, dict[int, str]] | None:
    """The header row, its columns (a second header row joined) and the first data row."""
    last = min(ws.max_row, state.limits.header_rows)
    for row in range(1, last + 1):
        labels = _row_texts(state, ws, row, ncols)
        cols = _header_fields(labels)
        if "name" not in cols or not (_FIGURES & cols.keys()):
            continue
        start = row + 1
        sub = _row_texts(state, ws, start, ncols)
        header_like = all(_header_field(t) is not None or _number_label(t) for t in sub.values())
        if sub and header_like and not all(_number_label(t) for t in sub.values()):
            joined = dict(labels)
            for c, t in sub.items():
                top = _merged_top(ws, row, c)
                both = f"{top} {t}" if top else t
                joined[c] = both if _header_field(both) is not None else t
            cols = _header_fields(joined)
            labels = joined
            start += 1
        numbering = _row_texts(state, ws, start, ncols)
        if len(numbering) >= 3 and all(_number_label(t) for t in numbering.values()):
            state.note(state.cells.ref(ws.title, start), "skipped", "header", "column numbers")
            start += 1
        return row, cols, start, labels
    return None


def _merged_top(ws: Worksheet, row: int, col: int) -> str | None:
    """The text of the merged range above ``(row, col)`` (a header spanning sub-columns)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            value = ws.cell(row=rng.min_row, column=rng.min_col).value
            return str(value).strip() if value is not None else None
    value = ws.cell(row=row, column=col).value
    return str(value).strip() if value is not None else None


def _number_label(text: str) -> bool:
    """A column-numbering cell: ``1``, ``(1)``, ``(3)=(1)x(2)``, ``A``, ``B``."""
    t = text.strip()
    return bool(
        re.fullmatch(r"\(?\d{1,2}\)?(\s*=\s*[\d()+\-x×*/. ]+)?", t) or re.fullmatch(r"[A-Z]", t)
    )


def _sheet_unit(state: _State, table: _Table) -> None:
    """The amounts' unit, from *Đơn vị tính: …* above the table (default đồng)."""
    for r, c, text in table.above:
        key, _, value = text.partition(":")
        if _META_KEYS.get(fold(key)) != "unit":
            continue
        if not value.strip():
            value = next((t for rr, cc, t in table.above if rr == r and cc > c), "")
        unit = _UNITS.get(fold(value))
        ref = table.ref(state, r, c)
        if unit is None:
            state.note(
                ref, "skipped", "unit", f"unit {value.strip()!r} not understood; đồng assumed"
            )
        elif unit != 1:
            table.scale = unit
            state.note(ref, "assumed", "unit", f"amounts in {value.strip()}: multiplied by {unit}")
        else:
            state.note(ref, "read", "unit", "amounts in đồng")
        return


def _parse_stt(value: object) -> tuple[str | None, _Level]:
    if value is None:
        return None, "none"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        return None, "none"
    bare = text.rstrip(".)").strip() or text
    if bare in _BULLETS:
        return bare, "bullet"
    return bare, next((level for pattern, level in _STT_LEVELS if pattern.fullmatch(bare)), "other")


def _read_rows(state: _State, ws: Worksheet, table: _Table, start: int, ncols: int) -> None:
    """Read the table's rows, from ``start`` to the amount in words or the empty rows."""
    empty = 0
    row = start
    last = ws.max_row
    ended = False
    while row <= last:
        texts = [(c, t) for c in range(1, ncols + 1) if (t := _text(state, table.sheet, row, c))]
        if not texts:
            empty += 1
            if empty >= state.limits.max_empty_rows:
                break
            row += 1
            continue
        empty = 0
        if ended:
            table.below.extend((row, c, t) for c, t in texts)
            state.note(
                table.ref(state, row),
                "skipped",
                "text",
                f"after the table: {_short(' '.join(t for _, t in texts))}",
            )
            row += 1
            continue
        if any(fold(t).startswith(_WORDS_START) for _, t in texts):
            words = " ".join(t for _, t in texts)
            table.words = _Row(row, None, "none", words, kind="words")
            ended = True
            row += 1
            continue
        parsed = _parse_row(state, table, row)
        if parsed is not None:
            table.rows.append(parsed)
        row += 1
    if table.thousands:
        cells = ", ".join(table.thousands[:12]) + (" …" if len(table.thousands) > 12 else "")
        state.note(
            f"{state.cells.label}!{table.sheet}",
            "assumed",
            "amount",
            f"{len(table.thousands)} amount(s) written with one '.' or ',' before three digits "
            f"('1.500') read with it as the thousands separator (1500): {cells}",
        )
    _classify(state, table)


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _parse_row(state: _State, table: _Table, row: int) -> _Row | None:
    """Read one row's cells (figures, rate, texts); problems become report entries."""
    sheet, cols = table.sheet, table.cols

    def get(name: str) -> object:
        col = cols.get(name)
        return None if col is None else state.cells.raw(sheet, row, col)

    def text(name: str) -> str | None:
        col = cols.get(name)
        return None if col is None else _text(state, sheet, row, col)

    stt, level = _parse_stt(get("stt"))
    label = text("name")
    if label is not None and level == "none" and (m := _ROMAN_PREFIX.fullmatch(label)):
        stt, level, label = m[1], "group", m[2].strip()
    if (
        level == "other"
        and stt is not None
        and label is None
        and (m := _ROMAN_PREFIX.fullmatch(stt))
    ):
        stt, level, label = m[1], "group", m[2].strip()
    r = _Row(row, stt, level, label)
    r.formula, r.symbol, r.unit = text("formula"), text("symbol"), text("unit")
    r.note, r.basis = text("note"), text("basis")
    _read_figures(state, table, r, get)
    if label is None and stt is None and not r.has_figures:
        if r.formula or r.note or r.symbol:
            state.note(table.ref(state, row), "skipped", "text", "a row without name or figures")
        return None
    return r


def _read_figures(state: _State, table: _Table, r: _Row, get: Callable[[str], object]) -> None:
    """Read a row's amounts, quantity and VAT rate; an unreadable cell is reported, not used."""
    row = r.row
    for name in _MONEY:
        try:
            figure = _to_money(get(name), table.scale)
        except (ValueError, TypeError) as exc:
            state.note(
                table.col_ref(state, row, name),
                "skipped",
                "amount",
                f"{name}: not an amount ({exc})",
            )
            continue
        if figure is not None:
            r.figures[name] = figure.value
            if figure.assumed == _THOUSANDS:
                table.thousands.append(table.col_ref(state, row, name).rpartition("!")[2])
            elif figure.assumed:
                state.note(table.col_ref(state, row, name), "assumed", "amount", figure.assumed)
    try:
        r.quantity = _to_number(get("quantity"))
    except (ValueError, TypeError) as exc:
        state.note(
            table.col_ref(state, row, "quantity"),
            "skipped",
            "amount",
            f"quantity: not a number ({exc})",
        )
    if "vat_rate" in table.cols:
        cell = state.cells.values[table.sheet].cell(row=row, column=table.cols["vat_rate"])
        try:
            r.rate = _to_rate(get("vat_rate"), str(cell.number_format))
        except (ValueError, TypeError) as exc:
            state.note(
                table.col_ref(state, row, "vat_rate"),
                "skipped",
                "amount",
                f"VAT rate: not a rate ({exc})",
            )
        if r.rate.assumed:
            state.note(table.col_ref(state, row, "vat_rate"), "assumed", "amount", r.rate.assumed)


def _is_total(label: str) -> bool:
    """A total row's name: *Tổng cộng*, *Cộng …*, *Tổng …* (``Công …`` is not one)."""
    lower = unicodedata.normalize("NFC", label).strip().casefold()
    return lower.startswith(("tổng", "cộng")) or fold(label).startswith("tongcong")


def _classify(state: _State, table: _Table) -> None:
    """Give each row its kind (group, contingency, total, VAT, part or item) and link them."""
    has_roman = any(r.level == "group" for r in table.rows)
    for r in table.rows:
        label = r.label or ""
        loose = r.level in {"none", "other", "part"}
        if loose and label and _is_total(label):
            r.kind = "total"
            continue
        if loose and fold(label).startswith(_VAT_START):
            r.kind = "vat"
            continue
        top = r.level == "group" or (
            not has_roman and r.level == "number" and r.stt is not None and "." not in r.stt
        )
        heading = _match(state, r.label, exact=not has_roman) or _SYMBOLS.get(fold(r.symbol or ""))
        if _match(state, r.label) == _CONTINGENCY:
            heading = _CONTINGENCY
        if heading == _CONTINGENCY and (top or r.level in {"none", "other"}):
            r.kind, r.heading = "contingency", heading
        elif r.level == "group" or (top and heading in _GROUP_HEADINGS):
            r.kind, r.heading = "group", heading
        elif r.level == "part":
            r.kind = "part"
        elif r.stt is None and not r.has_figures:
            r.kind = "text"
    _link(table)


def _link(table: _Table) -> None:
    """Build the tree: groups, then rows under rows by their STT; totals close a group."""
    group: _Row | None = None
    stack: list[_Row] = []
    last: _Row | None = None
    for r in table.rows:
        if r.kind in {"group", "contingency", "part"}:
            group, stack, last = (None if r.kind == "part" else r), [], r
            r.depth = 0
            continue
        if r.kind == "total":
            if group is not None and _closes(group, r):
                group.subtotal = r
                r.parent = group
            else:
                table.totals.append(r)
            continue
        if r.kind == "vat":
            table.vat_rows.append(r)
            continue
        if r.kind == "text":
            continue
        r.depth = _depth(r, stack, last)
        while stack and stack[-1].depth >= r.depth:
            stack.pop()
        parent = stack[-1] if stack else group
        if parent is not None:
            r.parent = parent
            parent.children.append(r)
        stack.append(r)
        last = r


def _closes(group: _Row, r: _Row) -> bool:
    """Whether a total row is its group's: *Cộng …* naming no other group, adding up its rows."""
    label = unicodedata.normalize("NFC", r.label or "").strip()
    if group.subtotal is not None or not group.children or not _GROUP_SUBTOTAL.fullmatch(label):
        return False
    if not group.figures:
        return True
    leaves = [d for d in _descendants(group) if not d.children]
    return any(
        name in r.figures
        and r.figures[name] == sum((d.figures.get(name, _ZERO) for d in leaves), _ZERO)
        for name in ("amount", "total")
    )


def _depth(r: _Row, stack: list[_Row], last: _Row | None) -> int:
    base = next((s.depth for s in reversed(stack) if s.level in {"number", "letter"}), 0)
    if r.level == "number" and r.stt is not None:
        return r.stt.count(".") + 1
    if r.level == "letter":
        return base + 1
    if r.level == "bullet" and r.stt is not None:
        letter = next((s.depth for s in reversed(stack) if s.level != "bullet"), 0)
        return letter + _BULLETS[r.stt]
    if last is None or last.kind in {"group", "contingency"}:
        return 1
    return last.depth if last.has_figures else last.depth + 1


# --- the project ---------------------------------------------------------------------------------


def _project(
    state: _State, tables: list[_Table], given: Mapping[str, object] | None
) -> dict[str, Any]:
    """The project's metadata: what the sheets state, then ``given`` over it."""
    meta: dict[str, Any] = {}
    texts = [(t, r, c, s) for t in tables for r, c, s in t.above]
    _meta_cells(state, meta, texts)
    _title_facts(state, meta, texts)
    if "date" not in meta:
        _date_anywhere(state, meta, tables)
    for key, value in (given or {}).items():
        where = f"{state.cells.label} (project={key!r})"
        meta[key] = value
        if key == "date":
            with contextlib.suppress(CoercionError):  # the model reports it, at this place
                meta[key] = coerce_date(value)
        state.marks["project", key] = where
        state.note(where, "read", "project", f"{key}: {_short(str(value))} (given)")
    required = ["name", "date"] + ([] if meta.get("form") else ["project_kind", "document"])
    missing = [k for k in required if meta.get(k) is None]
    if missing:
        raise InputError(
            f"{state.cells.label}: the workbook does not state the project's {', '.join(missing)}",
            field="project",
            hint="pass them as project={" + ", ".join(f"'{k}': …" for k in missing) + "} "
            "(project_kind: investment, purchase, rental, recurrent_task; document: "
            "feasibility_study, ktkt_report, rental_plan, detailed_outline)",
            report=state.report(),
            missing=missing,
        )
    return meta


def _meta_cells(
    state: _State, meta: dict[str, Any], texts: list[tuple[_Table, int, int, str]]
) -> None:
    """``key: value`` cells above the tables (*Dự án: …*, *Chủ đầu tư: …*, *Ngày: …*)."""
    for table, r, c, text in texts:
        key, sep, value = text.partition(":")
        name = _META_KEYS.get(fold(key))
        if name is None or not sep or name == "unit":
            continue
        value = value.strip() or next(
            (s for tt, rr, cc, s in texts if tt is table and rr == r and cc > c), ""
        )
        if not value or name in meta:
            continue
        ref = table.ref(state, r, c)
        if name == "date":
            day = _date_of(value) or _date_cell(state, table, r, c)
            if day is not None:
                meta["date"] = day
                state.marks["project", "date"] = ref
                state.note(ref, "read", "project", f"date {day.isoformat()}")
            continue
        meta[name] = value
        state.marks["project", name] = ref
        state.note(ref, "read", "project", f"{name}: {_short(value)}")


def _date_anywhere(state: _State, meta: dict[str, Any], tables: list[_Table]) -> None:
    """The first *ngày … tháng … năm …* (or ``dd/mm/yyyy``) of a title, row or signature."""
    for table in tables:
        labels = [(r.row, table.cols["name"], r.label) for r in table.rows if r.label]
        for r, c, text in (*table.above, *labels, *table.below):
            day = _date_of(text)
            if day is not None:
                meta["date"] = day
                ref = table.ref(state, r, c)
                state.marks["project", "date"] = ref
                state.note(ref, "assumed", "project", f"date {day.isoformat()} from {text!r}")
                return


def _date_of(text: str) -> dt.date | None:
    folded = " ".join(_words(text))
    m = _DATE_WORDS.search(folded) or _DATE_NUMERIC.search(text)
    if m is None:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _date_cell(state: _State, table: _Table, row: int, col: int) -> dt.date | None:
    ws = state.cells.values[table.sheet]
    for c in range(col + 1, min(ws.max_column, state.limits.scan_columns) + 1):
        value = ws.cell(row=row, column=c).value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
    return None


def _title_facts(
    state: _State,
    meta: dict[str, Any],
    texts: list[tuple[_Table, int, int, str]],
) -> None:
    """The estimate's kind and the document, from the titles above the tables."""
    for t, r, c, text in texts:
        key = fold(text)
        ref = t.ref(state, r, c)
        if "kind" not in meta and ("tongmucdautu" in key or "dutoan" in key):
            meta["kind"] = "tong_muc_dau_tu" if "tongmucdautu" in key else "du_toan"
            state.marks["project", "kind"] = ref
            state.note(ref, "read", "project", f"kind {meta['kind']} from the title")
        if "document" not in meta:
            for word, (kind, document) in _DOCUMENTS:
                if word in key:
                    meta["project_kind"], meta["document"] = kind, document
                    state.marks["project", "document"] = ref
                    state.marks["project", "project_kind"] = ref
                    state.note(
                        ref,
                        "assumed",
                        "project",
                        f"project_kind {kind}, document {document} from {_short(text)!r}",
                    )
                    break


# --- assembling the project ----------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    state: _State
    registry: NormRegistry
    meta: dict[str, Any]
    group_of: dict[str, str] | None
    ids: set[str] = field(default_factory=set)
    lines: list[dict[str, Any]] = field(default_factory=list)


def _assemble(
    state: _State, tables: list[_Table], meta: dict[str, Any], registry: NormRegistry
) -> dict[str, Any]:
    ctx = _Context(state, registry, meta, _group_keys(registry, meta))
    summary = next((t for t in tables if t.kind == "summary"), None)
    details = [t for t in tables if t is not summary]
    several = len(tables) > 1
    for t in details:
        t.heading = _sheet_heading(state, t)
    covered: dict[Heading, _Table] = {}
    for t in details:
        for heading in _read_lines(ctx, t, prefix=_prefix(t) if several else ""):
            covered.setdefault(heading, t)
    stated: dict[str, Any] = {}
    if summary is not None:
        _read_lines(ctx, summary, prefix="", covered=covered)
        stated = _totals(ctx, summary)
    elif len(details) == 1:
        stated = _totals(ctx, details[0])
    else:
        for t in details:
            for r in t.totals:
                state.note(
                    t.ref(state, r.row),
                    "skipped",
                    "total",
                    "a sheet's total in a workbook without a summary sheet: not compared",
                )
    if not ctx.lines:
        raise InputError(
            f"{state.cells.label}: no line understood",
            field="lines",
            problems=tuple(_problem(e) for e in state.entries if e.status == "skipped"),
            hint="see the report (InputError.context['report']); pass headings={name: "
            "component} for groups whose names are not recognised",
            report=state.report(),
        )
    data: dict[str, Any] = {"project": meta, "lines": ctx.lines}
    if stated:
        data["stated"] = stated
    return data


def _prefix(table: _Table) -> str:
    """The prefix of the ids of a detail sheet's lines: its name when short, else ``S<n>``."""
    name = "".join(table.sheet.split())
    return f"{name}." if 0 < len(name) <= 12 and "." not in name else f"S{table.index}."


def _group_keys(registry: NormRegistry, meta: Mapping[str, Any]) -> dict[str, str] | None:
    """The regime's group of each component on the project's date (``None``: not known)."""
    try:
        date = meta["date"]
        norms = registry.at(date, regime_override=meta.get("regime_override"))
        profile = document_profile(
            registry, norms.rule_date, kind=meta["project_kind"], document=meta["document"]
        )
        groups = statutory_groups(
            registry, norms.rule_date, regime_id=norms.regime.id, form=profile.structure
        )
    except (IctcostError, KeyError, TypeError, ValueError):
        return None
    return group_by_component(groups)


def _sheet_heading(state: _State, table: _Table) -> Heading | None:
    """The component a sheet's title or name names (contained in it)."""
    texts = [table.sheet, *(t for _, _, t in table.above)]
    for text in texts:
        key = fold(text)
        for name, heading in state.headings:
            if len(name) >= 8 and name in key and heading != _CONTINGENCY:
                state.note(
                    f"{state.cells.label}!{table.sheet}",
                    "assumed",
                    "sheet",
                    f"rows outside a group are {heading} (from {_short(text)!r})",
                )
                return heading
    return None


def _read_lines(
    ctx: _Context,
    table: _Table,
    *,
    prefix: str,
    covered: Mapping[Heading, _Table] | None = None,
) -> set[Heading]:
    """Turn the table's rows into lines, in order; return the groups (components) they cover."""
    state = ctx.state
    done = covered or {}
    out: set[Heading] = set()
    for r in table.rows:
        ref = table.ref(state, r.row)
        heading = None
        if r.kind == "group":
            heading = _group_row(ctx, table, r, done)
        elif r.kind != "item":
            _note_row(state, table, r)
        elif (
            r.parent is not None
            and r.parent.kind == "item"
            and not r.has_figures
            and not any(d.has_figures for d in _descendants(r.parent))
        ):
            state.note(
                ref,
                "skipped",
                "text",
                f"a description of row {r.parent.row}: {_short(r.label or '')!r}",
            )
        elif _under_contingency(r):
            state.note(ref, "read", "contingency", f"a part: {_short(r.label or '')!r}")
        elif (group := _group_of(r)) is not None and group.heading in done:
            continue  # reported with the group
        elif r.children and any(d.has_figures for d in _descendants(r)):
            _subtotal(ctx, table, r)
        else:
            heading = _line(ctx, table, r, prefix)
        if heading is not None:
            out.add(heading)
    return out


def _note_row(state: _State, table: _Table, r: _Row) -> None:
    """Report a row that is not a line: the contingency, a part heading, a total, a text."""
    ref = table.ref(state, r.row)
    if r.kind == "contingency":
        name = f" ({_short(r.label)})" if r.label else ""
        state.note(ref, "read", "contingency", f"the contingency row{name}")
    elif r.kind == "part":
        state.note(
            ref,
            "skipped",
            "heading",
            f"part {r.stt} {_short(r.label or '')!r}: a heading above the groups"
            + (" (its figures are not compared)" if r.figures else ""),
        )
    elif r.kind == "total" and r.parent is not None:
        state.note(
            ref,
            "read",
            "subtotal",
            f"the total of group {r.parent.stt or ''} {_short(r.parent.label or '')}",
        )
    elif r.kind == "text":
        state.note(ref, "skipped", "text", f"no figures: {_short(r.label or '')!r}")


def _descendants(r: _Row) -> list[_Row]:
    out: list[_Row] = []
    for child in r.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


def _under_contingency(r: _Row) -> bool:
    p = r.parent
    while p is not None:
        if p.kind == "contingency":
            return True
        p = p.parent
    return False


def _group_of(r: _Row) -> _Row | None:
    p = r.parent
    while p is not None and p.kind != "group":
        p = p.parent
    return p


def _group_row(
    ctx: _Context, table: _Table, r: _Row, covered: Mapping[Heading, _Table]
) -> Heading | None:
    """Report a group row; a group without rows under it is one line (its heading returned)."""
    state = ctx.state
    ref = table.ref(state, r.row)
    name = f"{r.stt or ''} {r.label or ''}".strip()
    if r.heading is None:
        state.note(
            ref,
            "skipped",
            "group",
            f"group {_short(name)!r}: its name is not a known cost group; its rows take the "
            "component their own names give, if any (pass headings={name: component})",
        )
        return None
    if _match(state, r.label) is None:
        state.note(ref, "assumed", "group", f"{r.heading} from its Ký hiệu {r.symbol!r}")
    if r.heading in covered:
        rows = f"; its {len(_descendants(r))} row(s) here are not read" if r.children else ""
        state.note(
            ref,
            "read",
            "group",
            f"group {_short(name)!r} = {r.heading}; its lines are read from sheet "
            f"{covered[r.heading].sheet!r}{rows}",
        )
        return None
    if not r.children and r.has_figures:
        state.note(ref, "read", "group", f"group {_short(name)!r} = {r.heading}, one line")
        return _line(ctx, table, r, "")
    state.note(ref, "read", "group", f"group {_short(name)!r} = {r.heading}")
    return None


def _subtotal(ctx: _Context, table: _Table, r: _Row) -> None:
    """A row with rows under it: compare its figures with theirs (the rows are the lines)."""
    state = ctx.state
    ref = table.ref(state, r.row)
    if not r.figures:
        state.note(ref, "read", "heading", f"heading {_short(r.label or '')!r}")
        return
    leaves = [d for d in _descendants(r) if not d.children]
    diffs = []
    for name in ("amount", "vat", "total"):
        if name in r.figures:
            total = sum((d.figures.get(name, _ZERO) for d in leaves), _ZERO)
            if total != r.figures[name]:
                diffs.append(f"{name} {r.figures[name]} ≠ {total} (the sum of its rows)")
    if diffs:
        state.note(
            ref,
            "skipped",
            "subtotal",
            f"{_short(r.label or '')!r}: " + "; ".join(diffs) + ": its rows are read; "
            "the checks do not see this subtotal",
        )
    else:
        state.note(ref, "read", "subtotal", f"{_short(r.label or '')!r}: the sum of its rows")


def _component(ctx: _Context, table: _Table, r: _Row) -> tuple[Heading | None, str | None]:
    """The line's component and, when inferred from its own name, how."""
    state = ctx.state
    if r.kind == "group":
        return r.heading, None
    group = _group_of(r)
    base = group.heading if group is not None else table.heading
    chain = []
    p: _Row | None = r
    while p is not None and p is not group:
        chain.append(p)
        p = p.parent
    family = _FAMILY.get(base or "", frozenset())
    for node in [*chain[::-1][:-1], r]:
        own = _match(state, node.label)
        if own is not None and own in family and own != base:
            return own, f"component {own} from {_short(node.label or '')!r}"
    if base is None:
        own = _match(state, r.label)
        if own is not None and own != _CONTINGENCY:
            return own, f"component {own} from its name"
    return (base if base != _CONTINGENCY else None), None


def _line(ctx: _Context, table: _Table, r: _Row, prefix: str) -> Heading | None:
    """Make a line of a row; return the group component it counts for."""
    state = ctx.state
    ref = table.ref(state, r.row)
    heading, how = _component(ctx, table, r)
    group = r if r.kind == "group" else _group_of(r)
    base = group.heading if group is not None else table.heading
    if heading is None:
        state.note(
            ref,
            "skipped",
            "line",
            f"{_short(r.label or '')!r}: no component (not under a known cost group); pass "
            "headings={group name: component}",
        )
        return None
    if not r.has_figures:
        state.note(ref, "skipped", "line", f"{_short(r.label or '')!r}: no figures")
        return None
    negative = [k for k, v in r.figures.items() if v < 0]
    if negative or (r.quantity is not None and r.quantity < 0):
        state.note(
            ref,
            "skipped",
            "line",
            f"{_short(r.label or '')!r}: a negative {', '.join(negative) or 'quantity'} (a "
            "deduction?) cannot be a line of ictcost's estimate: not read",
        )
        return None
    line_id = _line_id(ctx, r, prefix)
    index = len(ctx.lines)
    line = _line_data(ctx, table, r, line_id=line_id, component=heading, index=index)
    ctx.lines.append(line)
    figures = ", ".join(f"{k} {v}" for k, v in r.figures.items())
    state.note(ref, "read", "line", f"{_short(line['name'])!r}: {figures}", line=line_id)
    if how is not None:
        state.note(ref, "assumed", "line", how, line=line_id)
    return base if base is not None else heading


def _stem(r: _Row) -> str:
    """A row's place in the table: ``I.1``, ``I.1.2``, ``I.1.a``, ``I.2-1`` (bullets), ``r12``."""
    parent = r.parent
    up = _stem(parent) if parent is not None else ""
    if r.kind == "group" or (r.level == "number" and (parent is None or parent.kind == "group")):
        own = r.stt or ""
        if parent is not None and parent.stt and own.startswith(f"{parent.stt}."):
            up = ""  # ``1.2`` under group ``1``
    elif r.level == "number" and r.stt is not None and parent is not None:
        top = _group_of(r)
        up = _stem(top) if top is not None else ""
        own = r.stt
        if top is not None and top.stt is not None and r.stt.startswith(f"{top.stt}."):
            up = ""  # ``1.2`` under group ``1``
    elif r.level == "letter" and r.stt is not None:
        own = r.stt
    elif r.level == "bullet" and parent is not None:
        siblings = [c for c in parent.children if c.level == "bullet"]
        return f"{up}-{siblings.index(r) + 1}" if up else f"r{r.row}"
    else:
        own = f"r{r.row}"
    return f"{up}.{own}" if up and own else (up or own)


def _line_id(ctx: _Context, r: _Row, prefix: str) -> str:
    """A unique id for the line of a row (its place in the table, the sheet's prefix)."""
    line_id = (prefix + (_stem(r) or f"r{r.row}"))[:36]
    n = 1
    candidate = line_id
    while candidate in ctx.ids:
        n += 1
        candidate = f"{line_id}-{n}"
    ctx.ids.add(candidate)
    r.line_id = candidate
    return candidate


def _line_data(
    ctx: _Context, table: _Table, r: _Row, *, line_id: str, component: str, index: int
) -> dict[str, Any]:
    state = ctx.state
    marks = state.marks
    ref = table.ref(state, r.row)
    marks["lines", index] = ref
    for path, col in (
        (("id",), "stt"),
        (("name",), "name"),
        (("unit",), "unit"),
        (("quantity",), "quantity"),
        (("unit_price",), "unit_price"),
        (("amount",), "amount"),
        (("stated", "unit_price"), "unit_price"),
        (("stated", "amount"), "amount"),
        (("stated", "vat_rate"), "vat_rate"),
        (("stated", "vat"), "vat"),
        (("stated", "total"), "total"),
        (("vat",), "vat_rate"),
    ):
        if col in table.cols:
            marks["lines", index, *path] = table.col_ref(state, r.row, col)
    f = r.figures
    amount = f.get("amount")
    if amount is None and "total" in f and "vat" in f:
        amount = f["total"] - f["vat"]
        state.note(
            ref, "assumed", "line", f"amount {amount} = total − VAT (no amount shown)", line=line_id
        )
    elif amount is None and "total" in f and not ({"vat", "vat_rate"} & table.cols.keys()):
        amount = f["total"]
        state.note(
            ref, "assumed", "line", "the only amount shown is taken as before VAT", line=line_id
        )
    name = r.label or f"Dòng {r.row}"
    if r.label is None:
        state.note(ref, "assumed", "line", f"no name: named {name!r}", line=line_id)
    line: dict[str, Any] = {
        "id": line_id,
        "component": component,
        "name": name,
        "method": "fixed",
        "unit": r.unit,
        "basis": r.basis or DEFAULT_BASIS,
    }
    notes = [n for n in (r.note,) if n]
    if r.formula:
        notes.append(f"stated computation: {r.formula}")
    stated: dict[str, Any] = {"amount": amount, "vat": f.get("vat"), "total": f.get("total")}
    price = f.get("unit_price")
    if r.quantity is not None and price is not None:
        line["quantity"] = r.quantity
        line["unit_price"] = price
        stated["unit_price"] = price
    else:
        if amount is None:
            amount = _ZERO
            state.note(ref, "assumed", "line", "no amount shown: 0", line=line_id)
        line["amount"] = amount
        if r.quantity is not None:
            notes.append(f"stated quantity: {r.quantity} (no unit price to recompute it)")
        if price is not None:
            stated["unit_price"] = price
    line["vat"], rate, not_subject = _vat(
        ctx, table, r, component=component, amount=amount, line_id=line_id
    )
    stated["vat_rate"] = rate
    stated["vat_not_subject"] = not_subject or None
    if notes:
        line["note"] = "\n".join(notes)
    line["stated"] = {k: v for k, v in stated.items() if v is not None}
    return {k: v for k, v in line.items() if v is not None}


def _vat(
    ctx: _Context,
    table: _Table,
    r: _Row,
    *,
    component: str,
    amount: Decimal | None,
    line_id: str,
) -> tuple[str, Decimal | None, bool]:
    """The line's VAT category, the rate it states and whether it states *không chịu thuế*."""
    state = ctx.state
    ref = table.col_ref(state, r.row, "vat_rate") if "vat_rate" in table.cols else None
    infer = vat_inference(ctx.registry, ctx.meta.get("date"))
    rate, not_subject = r.rate.rate, r.rate.not_subject
    if not_subject or rate is not None:
        category = infer(rate, not_subject)
        where = ref or table.ref(state, r.row)
        if not_subject or any(rate in rates for _, rates in _category_rates(ctx)):
            shown = "không chịu thuế" if not_subject else f"{rate} %"
            state.note(where, "read", "vat", f"VAT {shown}: category {category}", line=line_id)
        else:
            state.note(
                where,
                "assumed",
                "vat",
                f"VAT {rate} %: no category has this rate on the date: {category} (the check "
                "reports the rate)",
                line=line_id,
            )
        return category, rate, not_subject
    vat = r.figures.get("vat")
    where = table.col_ref(state, r.row, "vat") if "vat" in table.cols else table.ref(state, r.row)
    sheet_rate = _sheet_vat_rate(table, r)
    if vat is None and sheet_rate is not None:
        category = infer(sheet_rate, False)  # noqa: FBT003 - the callback's flag
        state.note(
            table.ref(state, r.row),
            "assumed",
            "vat",
            f"no VAT shown: the rate {sheet_rate} % of the VAT row below applies ({category})",
            line=line_id,
        )
        return category, None, False
    if vat is not None and vat > 0 and amount:
        for category, rates in _category_rates(ctx):
            if any(round_vnd(amount * x / 100) == vat for x in rates):
                state.note(
                    where,
                    "assumed",
                    "vat",
                    f"VAT {vat} = amount × a rate of {category}: category {category}",
                    line=line_id,
                )
                return category, None, False
        state.note(
            where,
            "assumed",
            "vat",
            f"VAT {vat} is the amount × no rate of the VAT table: category general (the check "
            "reports the VAT)",
            line=line_id,
        )
        return "general", None, False
    if component == "phan_mem_noi_bo":
        category, why = "software", "software is not subject to VAT"
    elif component == "quan_ly_du_an" or vat == 0:
        category, why = "not_applicable", "no VAT shown"
    else:
        category, why = "general", "no VAT shown for the line"
    state.note(where, "assumed", "vat", f"{why}: category {category}", line=line_id)
    return category, None, False


def _category_rates(ctx: _Context) -> list[tuple[str, set[Decimal]]]:
    date = ctx.meta.get("date")
    out: list[tuple[str, set[Decimal]]] = []
    if not isinstance(date, dt.date):
        return out
    try:
        table = ctx.registry.get("vat-rates", date)
    except IctcostError:
        return out
    for row in table.rows():
        if "rate" in row.values:
            cell = row.values["rate"]
            values = {cell.value, *(a.value for a in cell.alternatives)}
            out.append((row.name, {v for v in values if isinstance(v, Decimal)}))
    out.sort(key=lambda item: item[0] != "general")
    return out


def _sheet_vat_rate(table: _Table, r: _Row) -> Decimal | None:
    """The rate of the first VAT row below the line (``Thuế GTGT 8%``)."""
    for v in table.vat_rows:
        if v.row > r.row:
            rates = _percents(v.label) or _percents(v.formula)
            if v.rate.rate is not None:
                return v.rate.rate
            return rates[0] if rates else None
    return None


# --- totals --------------------------------------------------------------------------------------


def _totals(ctx: _Context, table: _Table) -> dict[str, Any]:
    """The stated totals of the summary (or of the only sheet): groups, subtotal, grand total."""
    state = ctx.state
    stated: dict[str, Any] = {}
    components = _group_totals(ctx, table)
    if components:
        stated["components"] = components
    contingency = next((r for r in table.rows if r.kind == "contingency"), None)
    state.contingency = contingency
    if contingency is not None:
        value = _contingency_amount(contingency)
        ref = table.ref(state, contingency.row)
        if value is not None:
            stated["contingency"] = value
            state.marks["stated", "contingency"] = ref
            state.note(ref, "read", "contingency", f"stated contingency {value}")
    grand, before = _grand_and_before(table, contingency)
    if not ({"vat", "total"} & table.cols.keys()):
        _single_column_totals(state, table, grand, before, stated)
    else:
        _column_totals(state, table, grand, before, stated)
    for r in table.totals:
        if r is not grand and r is not before:
            state.note(table.ref(state, r.row), "skipped", "total", f"{_short(r.label or '')!r}")
    if table.words is not None:
        _words_row(state, table, table.words, stated.get("total"))
    return stated


def _group_totals(ctx: _Context, table: _Table) -> dict[str, Decimal]:
    """The groups' stated after-VAT totals, by the regime's group key."""
    state = ctx.state
    components: dict[str, Decimal] = {}
    for r in table.rows:
        if r.kind != "group" or r.heading is None:
            continue
        figures = r.figures or (r.subtotal.figures if r.subtotal is not None else {})
        ref = table.ref(state, (r.subtotal or r).row)
        total = figures.get("total")
        if total is None and "amount" in figures and "vat" in figures:
            total = figures["amount"] + figures["vat"]
        if total is None:
            if figures:
                state.note(
                    ref, "skipped", "group", "no after-VAT total shown: not compared as a group"
                )
            continue
        key = (ctx.group_of or {}).get(r.heading)
        if key is None:
            state.note(
                ref,
                "skipped",
                "group",
                f"{r.heading} is in no group of the regime on the date: its total is not compared",
            )
            continue
        if key in components:
            state.note(ref, "assumed", "group", f"added to the stated total of group {key}")
        components[key] = components.get(key, _ZERO) + total
        state.marks["stated", "components", key] = ref
        state.note(ref, "read", "group", f"stated total of group {key}: {total}")
    return components


def _column_totals(
    state: _State,
    table: _Table,
    grand: _Row | None,
    before: _Row | None,
    stated: dict[str, Any],
) -> None:
    """Totals of a table with VAT and after-VAT columns."""
    if grand is not None:
        ref = table.ref(state, grand.row)
        if "total" in grand.figures:
            stated["total"] = grand.figures["total"]
            state.marks["stated", "total"] = table.col_ref(state, grand.row, "total")
            state.note(ref, "read", "total", f"the grand total {stated['total']}")
        if state.contingency is None and before is None:
            _amount_vat(state, table, grand, stated)
        elif before is None:
            state.note(
                ref,
                "skipped",
                "total",
                "its before-VAT and VAT figures include the contingency (ictcost's stated "
                "amount and VAT do not): not compared",
            )
    if before is not None:
        _amount_vat(state, table, before, stated)


def _contingency_amount(r: _Row) -> Decimal | None:
    f = r.figures
    if "total" in f:
        return f["total"]
    if "amount" in f:
        return f["amount"] + f.get("vat", _ZERO)
    parts = [c.figures.get("total", c.figures.get("amount")) for c in r.children]
    values = [p for p in parts if p is not None]
    return sum(values, _ZERO) if values else None


def _grand_and_before(table: _Table, contingency: _Row | None) -> tuple[_Row | None, _Row | None]:
    """The grand total row and the total before the contingency (or before VAT) row."""
    totals = table.totals
    if not totals:
        return None, None
    grand = totals[-1]
    before = None
    for r in totals[:-1]:
        key = fold(r.label or "")
        named = _BEFORE_CONTINGENCY.search(key) or "truocthue" in key or "chuathue" in key
        if named or (contingency is not None and r.row < contingency.row):
            before = r
    if contingency is not None and grand.row < contingency.row:
        return None, grand
    return grand, before


def _amount_vat(state: _State, table: _Table, r: _Row, stated: dict[str, Any]) -> None:
    ref = table.ref(state, r.row)
    for name in ("amount", "vat"):
        if name in r.figures:
            stated[name] = r.figures[name]
            state.marks["stated", name] = table.col_ref(state, r.row, name)
    state.note(
        ref,
        "read",
        "total",
        "stated before-VAT amount and VAT: "
        + ", ".join(f"{n} {r.figures[n]}" for n in ("amount", "vat") if n in r.figures),
    )


def _single_column_totals(
    state: _State,
    table: _Table,
    grand: _Row | None,
    before: _Row | None,
    stated: dict[str, Any],
) -> None:
    """Totals of a table with one amount column: *Cộng trước thuế*, *Thuế GTGT*, *Tổng cộng*."""
    vat = next((v for v in table.vat_rows if "amount" in v.figures), None)
    if vat is not None:
        stated["vat"] = vat.figures["amount"]
        state.marks["stated", "vat"] = table.col_ref(state, vat.row, "amount")
        state.note(table.ref(state, vat.row), "read", "vat", f"stated VAT {stated['vat']}")
    if before is not None and "amount" in before.figures:
        stated["amount"] = before.figures["amount"]
        state.marks["stated", "amount"] = table.col_ref(state, before.row, "amount")
        state.note(
            table.ref(state, before.row), "read", "total", f"stated amount {stated['amount']}"
        )
    if grand is not None and "amount" in grand.figures:
        value = grand.figures["amount"]
        ref = table.ref(state, grand.row)
        if vat is not None or before is not None:
            stated["total"] = value
            state.marks["stated", "total"] = table.col_ref(state, grand.row, "amount")
            state.note(ref, "read", "total", f"the grand total {value}")
        else:
            stated["amount"] = value
            state.marks["stated", "amount"] = table.col_ref(state, grand.row, "amount")
            state.note(
                ref,
                "assumed",
                "total",
                f"the total {value} of a sheet without VAT: the stated amount before VAT",
            )


_WORD_SYNONYMS: Final = {"ngan": "nghin", "le": "linh", "tu": "bon", "lam": "nam", "chan": ""}


def _words_key(text: str) -> str:
    words = _words(text)
    if words and words[0] == "bang" and len(words) > 1 and words[1] == "chu":
        words = words[2:]
    words = [_WORD_SYNONYMS.get(w, w) for w in words]
    return " ".join(w for w in words if w and w not in {"dong", "vnd", "vnđ"})


def _words_row(state: _State, table: _Table, r: _Row, total: Decimal | None) -> None:
    ref = table.ref(state, r.row)
    if total is None or total != total.to_integral_value():
        state.note(ref, "skipped", "words", "the amount in words (no grand total to compare)")
        return
    ours = {_words_key(amount_in_words(total, style=s)) for s in ("linh", "lẻ")}
    if _words_key(r.label or "") in ours:
        state.note(ref, "read", "words", f"the amount in words reads the grand total {total}")
    else:
        state.note(
            ref,
            "skipped",
            "words",
            f"the amount in words does not read the grand total {total} (ictcost reads "
            f"{amount_in_words(total)!r}): not compared further",
        )


# --- the contingency input -----------------------------------------------------------------------


def _infer_contingency(state: _State, data: dict[str, Any], registry: NormRegistry) -> None:
    """Make the contingency input from the % its row names, where that % reproduces it."""
    stated = data.get("stated", {}).get("contingency")
    if stated is None:
        return
    ref = state.marks.get(("stated", "contingency"), state.cells.label)
    row = state.contingency
    percents = _percents(row.formula if row is not None else None) + _percents(
        row.label if row is not None else None
    )
    if len(set(percents)) != 1:
        state.note(
            ref,
            "skipped",
            "contingency",
            "its rate is not stated as one % in 'Cách tính': the contingency is only stated "
            "(pass contingency={...} to recompute it)",
        )
        return
    percent = percents[0]
    tried = []
    for on in ("after_vat", "before_vat"):
        for spec in (
            {"on": on, "rate_percent": percent},
            {"on": on, "volume_percent": percent},
            {"on": on, "volume_percent": percent, "escalation_amount": _ZERO},
        ):
            total = _contingency_of(data, spec, registry)
            if total == stated:
                data["contingency"] = spec
                state.marks["contingency",] = ref
                shown = ", ".join(f"{k} {v}" for k, v in spec.items())
                state.note(
                    ref,
                    "assumed",
                    "contingency",
                    f"{percent} % on the total {on.replace('_', ' ')} reproduces it: the "
                    f"contingency input is {shown}",
                )
                return
            if total is not None:
                tried.append(f"{percent} % {on.replace('_', ' ')} gives {total}")
    state.note(
        ref,
        "skipped",
        "contingency",
        f"{percent} % does not reproduce it on the recomputed totals"
        + (f" ({'; '.join(sorted(set(tried)))})" if tried else "")
        + ": the contingency is only stated (pass contingency={...} to recompute it)",
    )


def _contingency_of(
    data: dict[str, Any], spec: dict[str, Any], registry: NormRegistry
) -> Decimal | None:
    """The contingency the project computes with ``spec`` (``None``: the rule refuses it)."""
    # imported here: ictcost.estimate may re-export the readers of ictcost.inputs
    from ictcost.estimate.engine import compute_estimate  # noqa: PLC0415
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415

    try:
        project = ProjectInput.model_validate({**data, "contingency": spec})
        estimate = compute_estimate(project, registry=registry)
    except (IctcostError, ValidationError):
        return None
    return estimate.contingency.total if estimate.contingency is not None else None
