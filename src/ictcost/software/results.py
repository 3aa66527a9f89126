"""What the state use-case-point method returns: the annex tables, the constants and the figures.

The models of :func:`ictcost.software.compute_software_cost` (CV 2589/BTTTT-ƯDCNTT, then
QĐ 671/QĐ-BTTTT; software-cost-ucp.md §2): one row model per annex table (actors, use cases,
technical and environmental factors, value summary), the constants of the chain as read from the
norm data, the second opinion (Karner, COCOMO II) and the result itself.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ictcost._version import SCHEMA_VERSION
from ictcost.errors import InputError
from ictcost.norms.registry import Citation
from ictcost.notes import Note
from ictcost.software.labour import LabourRateResult

if TYPE_CHECKING:
    import pandas

__all__ = [
    "UCP_CHAIN",
    "ActorRow",
    "FactorRow",
    "SecondOpinion",
    "SoftwareCostResult",
    "SoftwareTable",
    "SummaryRow",
    "UcpConstants",
    "UseCaseRow",
    "register_software_display",
]

SoftwareTable = Literal["summary", "actors", "use_cases", "technical", "environmental"]
"""The annex tables of :meth:`SoftwareCostResult.to_dataframe`."""
_TABLES: tuple[SoftwareTable, ...] = (
    "summary",
    "actors",
    "use_cases",
    "technical",
    "environmental",
)
_DISPLAY: dict[str, Callable[[SoftwareCostResult], str]] = {}


def register_software_display(
    kind: Literal["repr", "html"], render: Callable[[SoftwareCostResult], str]
) -> None:
    """Register how a software cost shows itself: its ``repr`` or its notebook HTML.

    :mod:`ictcost.report.text` registers the display when it is imported, which the result
    does by name the first time it is shown. A display registered here replaces the default.

    Args:
        kind: ``repr`` or ``html``.
        render: A function of the result.
    """
    _DISPLAY[kind] = render


_DISPLAY_MODULE = "ictcost.report.text"
"""The module that registers the displays, imported (by name) the first time a result is shown."""


def _display(kind: Literal["repr", "html"]) -> Callable[[SoftwareCostResult], str] | None:
    """The registered display ``kind``, its default module imported on first use."""
    render = _DISPLAY.get(kind)
    if render is None:
        importlib.import_module(_DISPLAY_MODULE)  # registers the displays
        render = _DISPLAY.get(kind)
    return render


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorRow(_Row):
    """A row of the actor table (Bảng tính toán điểm các tác nhân)."""

    complexity: str
    label: str
    names: tuple[str, ...] = ()
    count: int
    weight: Decimal
    points: Decimal


class UseCaseRow(_Row):
    """A row of the use-case table (Bảng tính toán điểm các trường hợp sử dụng)."""

    name: str
    bmt: str
    complexity: str
    complexity_source: Literal["given", "transactions"]
    transactions: int | None
    weight: Decimal
    bmt_coefficient: Decimal
    points: Decimal
    change: str
    counted: bool
    flags: tuple[str, ...] = ()


class FactorRow(_Row):
    """A row of the technical or environmental factor table."""

    code: str
    label: str
    weight: Decimal
    rating: Decimal
    result: Decimal
    stability: Decimal | None = None
    group: str | None = None


class SummaryRow(_Row):
    """A row of the value summary (Bảng tính toán giá trị phần mềm / tổng hợp chi phí).

    ``formula`` is the row's formula in words, written from :class:`UcpConstants`; a program
    reads the constants (``SoftwareCostResult.constants``), never this text.
    """

    symbol: str
    label: str
    formula: str
    value: Decimal
    amount: Decimal | None = None
    """The whole-đồng amount, for money rows."""


class UcpConstants(_Row):
    """The constants of the chain, as read from ``ucp-constants`` for the method version in force.

    With them a workbook writes the chain as live formulas (CV 2589 / QĐ 671 annex,
    software-cost-ucp.md §2.1, §2.10):

    * ``TCF = tcf_base + tcf_per_tfw × TFW``
    * ``EF = ef_base − ef_per_efw × EFW``
    * ``E = effort_numerator × AUCP / effort_denominator``
    * ``G = g_factor × E × P × H``
    * ``C = G × overhead_percent / 100``
    * ``TL = (G + C) × pre_tax_income_percent / 100``

    Attributes:
        split_review_transactions: Above this many transactions a use case is re-examined (QĐ 671
            practice), or ``None`` when the version has no such rule.
    """

    tcf_base: Decimal
    tcf_per_tfw: Decimal
    ef_base: Decimal
    ef_per_efw: Decimal
    effort_numerator: Decimal
    effort_denominator: Decimal
    g_factor: Decimal
    overhead_percent: Decimal
    pre_tax_income_percent: Decimal
    split_review_transactions: Decimal | None = None


class SecondOpinion(_Row):
    """International models beside the state figure (never part of it).

    Attributes:
        state_hours: The state method's person-hours, G / H = 1.4 × E × P.
        karner_uucp: TAW + Σ complexity weights of the counted use cases (Karner has no BMT).
        karner_hours: Karner's effort, UUCP × TCF × EF × PF.
        karner_ratio: karner_hours / state_hours.
        cocomo_ksloc: The size used for COCOMO II, when requested.
        cocomo_pm: COCOMO II effort in person-months.
        cocomo_schedule_months: COCOMO II schedule TDEV.
        cocomo_hours: cocomo_pm × hours per person-month, when that figure was given.
        cocomo_ratio: cocomo_hours / state_hours, when computable.
        notes: What each figure assumes, as structured notes (codes ``software.*``).
        citations: The model constants used.
    """

    state_hours: Decimal
    karner_uucp: Decimal
    karner_hours: Decimal
    karner_ratio: Decimal
    cocomo_ksloc: Decimal | None = None
    cocomo_pm: Decimal | None = None
    cocomo_schedule_months: Decimal | None = None
    cocomo_hours: Decimal | None = None
    cocomo_ratio: Decimal | None = None
    notes: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = ()


UCP_CHAIN: tuple[str, ...] = (
    "TAW",
    "TBF",
    "UUCP",
    "TFW",
    "TCF",
    "EFW",
    "EF",
    "AUCP",
    "ES",
    "P",
    "E",
    "H",
    "G",
    "C",
    "TL",
    "G_PM",
)
"""The symbols of the state UCP chain, in the order it computes them (CV 2589 / QĐ 671)."""


class SoftwareCostResult(BaseModel):
    """Every figure of the state UCP method, the annex tables and their citations.

    The symbol fields (``TAW`` … ``G_PM``) are exact; ``amounts`` holds G, C, TL and G_PM in
    whole đồng; ``constants`` the constants of the chain (for live formulas). ``to_json()`` writes
    ``schema_version`` first and the symbols as keys, and reads back with
    ``SoftwareCostResult.model_validate_json``. ``notes`` are structured notes (codes
    ``software.*``; render them with :func:`ictcost.report.explain.render_note`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: str = SCHEMA_VERSION
    date: dt.date
    method: str
    """``CV 2589/BTTTT-ƯDCNTT`` or ``QĐ 671/QĐ-BTTTT`` (the version in force on the date)."""
    TAW: Decimal
    TBF: Decimal
    UUCP: Decimal
    TFW: Decimal
    TCF: Decimal
    EFW: Decimal
    EF: Decimal
    AUCP: Decimal
    ES: Decimal
    P: Decimal
    E: Decimal
    H: Decimal
    G: Decimal
    C: Decimal
    TL: Decimal
    G_PM: Decimal
    amounts: dict[str, Decimal]
    actors: tuple[ActorRow, ...]
    use_cases: tuple[UseCaseRow, ...]
    technical: tuple[FactorRow, ...]
    environmental: tuple[FactorRow, ...]
    summary: tuple[SummaryRow, ...]
    constants: UcpConstants
    labour: LabourRateResult
    second_opinion: SecondOpinion | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = Field(default=(), repr=False)

    @property
    def g_pm(self) -> Decimal:
        """G_PM in whole đồng (the figure that goes into the estimate)."""
        return self.amounts["G_PM"]

    def __repr__(self) -> str:
        render = _display("repr")
        return render(self) if render is not None else super().__repr__()

    def _repr_html_(self) -> str | None:
        """The notebook display: the UCP chain, the annex tables and notes folded."""
        render = _display("html")
        return render(self) if render is not None else None

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the result as JSON (Decimals as exact strings; symbols as keys)."""
        return self.model_dump_json(indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (:meth:`to_json` as Python data)."""
        return self.model_dump(mode="json")

    def to_dataframe(self, table: SoftwareTable = "summary") -> pandas.DataFrame:
        """Return one annex table as a pandas DataFrame (``pandas`` extra), Decimals exact.

        Args:
            table: ``summary`` (the chain TAW … G_PM), ``actors``, ``use_cases``,
                ``technical`` or ``environmental``.

        Returns:
            One row per row of the table; the columns are the row model's fields; numbers
            are exact ``Decimal`` objects and a missing value is ``None``.

        Raises:
            InputError: an unknown table.
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``; from a
                checkout ``pip install -e '.[pandas]'``).
        """
        if table not in _TABLES:
            raise InputError(
                f"table={table!r} is not an annex table of the software cost",
                field="table",
                hint=f"one of {', '.join(_TABLES)}",
            )
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency
        except ImportError as exc:
            msg = (
                "to_dataframe() needs pandas, the 'pandas' extra: pip install 'ictcost[pandas]' "
                "(from a checkout: pip install -e '.[pandas]')"
            )
            raise ImportError(msg, name="pandas") from exc
        rows: tuple[BaseModel, ...] = getattr(self, table)
        model = type(rows[0]) if rows else None
        columns = list(model.model_fields) if model is not None else []
        return pd.DataFrame([r.model_dump() for r in rows], columns=columns, dtype=object)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Return the annex tables as lists of plain dicts, ready for a report or a DataFrame."""
        return {
            "actors": [r.model_dump(mode="json") for r in self.actors],
            "use_cases": [r.model_dump(mode="json") for r in self.use_cases],
            "technical": [r.model_dump(mode="json") for r in self.technical],
            "environmental": [r.model_dump(mode="json") for r in self.environmental],
            "summary": [r.model_dump(mode="json") for r in self.summary],
        }
