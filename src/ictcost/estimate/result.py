"""The computed estimate: lines with their typed trace, statutory totals, VAT, contingency.

Rounding (the one documented place): each line's pre-VAT amount and its VAT are rounded to whole
đồng, half up, when the line is computed; every total is the exact sum of rounded lines, so a
workbook that sums the cells gives the same figures.

Nothing here is text for people except the names the user gave and the amount in words: a line's
computation is its :mod:`trace <ictcost.estimate.trace>`, its remarks are
:class:`~ictcost.notes.Note` values, and :mod:`ictcost.report.explain` writes both in Vietnamese
or English.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from ictcost._version import SCHEMA_VERSION
from ictcost.documents import DocumentProfile
from ictcost.errors import InputError
from ictcost.estimate.model import EscalationYear
from ictcost.estimate.trace import LineTrace
from ictcost.keys import (
    Component,
    DocumentKind,
    EstimateKind,
    FeeRateOn,
    Flag,
    GroupKey,
    Method,
    MethodStatus,
    Part,
    ProjectForm,
    ProjectKind,
    VatTreatment,
)
from ictcost.norms.registry import Citation
from ictcost.notes import Note
from ictcost.regimes import Regime

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MONEY_MODES",
    "ComponentTotal",
    "ComputeProblem",
    "ContingencyResult",
    "Estimate",
    "FeeCoverage",
    "LineResult",
    "MethodStatus",
    "MoneyMode",
    "NormVersionUsed",
    "VatPeriod",
    "dataframe",
    "register_renderer",
    "require_pandas",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VatPeriod(_Frozen):
    """The VAT of one period of supply of a line (rentals, payment schedules, a supply date).

    Attributes:
        start: The date of the first supply or payment of the period.
        end: The date of its last one (``None`` for a single date).
        periods: The number of rental periods it groups, if a rental.
        share_percent: Its share of the line's amount, in %.
        amount: That share of the pre-VAT amount (exact).
        rate: The VAT rate in force on its dates, or ``None`` when not subject.
        treatment: ``taxable`` or ``not_subject``.
        vat: The share's VAT (exact; the line's VAT is their sum rounded once).
        citation: The ``vat-rates`` cell read, if any.
    """

    start: dt.date
    end: dt.date | None = None
    periods: int | None = None
    share_percent: Decimal
    amount: Decimal
    rate: Decimal | None
    treatment: VatTreatment
    vat: Decimal
    citation: Citation | None = None


class ComputeProblem(_Frozen):
    """A part of an estimate that could not be computed (collected instead of raised).

    Attributes:
        line: The line concerned, or ``None`` for the contingency or the whole estimate.
        code: The error's stable code (``input-invalid``, ``norm-not-applicable`` …).
        message: What is wrong, naming the line and the field.
        field: The input field concerned, if any.
        hint: How to fix it.
    """

    line: str | None
    code: str
    message: str
    field: str | None = None
    hint: str | None = None


class FeeCoverage(_Frozen):
    """How the lines of one fee item's base were covered by its fee lines, for one part.

    Attributes:
        item: The fee item key.
        part: The part.
        base_key: The base key of the item for that part.
        fee_lines: The fee lines of the item for that part.
        expected_lines: The lines the norm's definition puts in the base.
        expected_amount: Their pre-VAT sum.
        missing_lines: Expected lines no fee line of the item took.
        missing_amount: Their pre-VAT sum.
        double_lines: Lines taken by two or more fee lines of the item.
    """

    item: str
    part: Part
    base_key: str
    fee_lines: tuple[str, ...]
    expected_lines: tuple[str, ...]
    expected_amount: Decimal
    missing_lines: tuple[str, ...] = ()
    missing_amount: Decimal = Decimal(0)
    double_lines: tuple[str, ...] = ()


class LineResult(_Frozen):
    """One computed line.

    Attributes:
        id: The line id.
        component: The cost component key.
        group: The statutory group key the line is totalled in.
        name: The line's name.
        method: How the amount was determined.
        method_status: See :data:`MethodStatus`.
        unit: The unit of quantity, if any.
        quantity: The quantity, if any.
        unit_price: The unit price, if any (exact).
        amount: The pre-VAT amount, whole đồng.
        vat_category: The VAT category given.
        vat_rate: The VAT rate in %, or ``None`` when the line is not subject to VAT.
        vat_treatment: ``taxable``, ``not_subject`` (không chịu thuế) or ``not_applicable``.
        vat: The VAT amount, whole đồng (0 when not taxable).
        total: ``amount + vat``.
        rate_percent: For norm lines, the item's rate in % of the base (before K).
        trace: How the amount was determined, typed (see :mod:`ictcost.estimate.trace`).
        basis: The document the figure rests on, if given.
        flags: Machine-readable flags (``reference_only``, ``below_range``, …).
        notes: What people should know, as structured notes.
        citations: The norm values used, with alternatives and override marks.
        part: The project part the line was placed in for the fee bases, if it is in one's groups.
        reference_for: The line this reference figure is shown beside, if any.
        in_total: Whether the amount is summed into the totals (a reference figure shown beside a
            listed-method line is not).
        vat_periods: The VAT by period of supply, when the line has a schedule.
    """

    id: str
    component: Component
    group: GroupKey
    name: str
    method: Method
    method_status: MethodStatus
    unit: str | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    amount: Decimal
    vat_category: str
    vat_rate: Decimal | None
    vat_treatment: VatTreatment
    vat: Decimal
    total: Decimal
    rate_percent: Decimal | None = None
    trace: LineTrace
    basis: str | None = None
    flags: tuple[Flag, ...] = ()
    notes: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = ()
    part: Part | None = None
    reference_for: str | None = None
    in_total: bool = True
    vat_periods: tuple[VatPeriod, ...] = ()


class ComponentTotal(_Frozen):
    """The totals of one statutory group."""

    key: GroupKey
    label_vi: str
    label_en: str | None
    symbol: str
    amount: Decimal
    vat: Decimal
    total: Decimal
    line_ids: tuple[str, ...]


class ContingencyResult(_Frozen):
    """Contingency (dự phòng) by the regime's rule, every figure typed.

    Attributes:
        rule: ``single_coefficient`` (TT 04/2020), ``quantity_and_escalation`` (NĐ 45 / NĐ 224),
            ``quantity_and_provisional`` (NĐ 224 rental plan).
        on: ``after_vat`` or ``before_vat``: which totals the percentages apply to.
        base: Σ of those totals.
        rate_percent: Kps (single coefficient rule).
        volume_percent: The extra-volume percentage (two-part rules).
        volume_amount: ``round(base × rate or volume %)``.
        escalation_amount: The price-escalation part.
        escalation: The schedule the escalation was computed from (empty when given as an
            amount or absent).
        escalation_base: The amount the schedule was applied to (the base before any
            contingency).
        cap_percent: The cap of the rule, if any.
        total: ``volume_amount + escalation_amount``.
    """

    rule: str
    on: str
    base: Decimal
    rate_percent: Decimal | None = None
    volume_percent: Decimal | None = None
    volume_amount: Decimal = Decimal(0)
    escalation_amount: Decimal = Decimal(0)
    escalation: tuple[EscalationYear, ...] = ()
    escalation_base: Decimal | None = None
    cap_percent: Decimal | None = None
    total: Decimal
    notes: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = ()


class NormVersionUsed(_Frozen):
    """One version of a norm table that the estimate read."""

    table_id: str
    period: str
    instrument: str
    pack: str
    overrides_shipped: bool = False


MoneyMode = Literal["decimal", "int", "float"]
"""How the DataFrames of the results hold money: ``decimal`` (exact ``Decimal`` objects, the
default), ``int`` (nullable ``Int64``, exact for whole đồng) or ``float`` (``Float64``, for display
and plots only: a float cannot hold every amount of đồng exactly)."""
MONEY_MODES: tuple[MoneyMode, ...] = ("decimal", "int", "float")


# --- DataFrames of the results ------------------------------------------------------------------------------------


def require_pandas(what: str) -> Any:  # noqa: ANN401 - the pandas module
    """Import pandas, or say which extra installs it.

    Args:
        what: The method that needs it (``Estimate.to_dataframe()``).

    Returns:
        The ``pandas`` module.

    Raises:
        ImportError: pandas is not installed; the message names the extra and the command.
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as exc:
        msg = (
            f"{what} needs pandas, the 'pandas' extra: pip install 'ictcost[pandas]' "
            "(from a checkout: pip install -e '.[pandas]')"
        )
        raise ImportError(msg, name="pandas") from exc
    return pd


def _money_column(values: list[Any], mode: MoneyMode, column: str, ids: Sequence[str]) -> Any:  # noqa: ANN401 - a pandas array
    pd = require_pandas("to_dataframe()")
    if mode == "decimal":
        return pd.array([pd.NA if v is None else v for v in values], dtype=object)
    if mode == "float":
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    out: list[int | None] = []
    for row_id, v in zip(ids, values, strict=True):
        if v is not None and Decimal(v) != Decimal(v).to_integral_value():
            raise InputError(
                f"{column} of {row_id} is {v}, not a whole number of đồng: money='int' would "
                "round it",
                field="money",
                hint="use money='decimal' (exact, the default) or money='float' (display only)",
            )
        out.append(None if v is None else int(v))
    return pd.array(out, dtype="Int64")


def dataframe(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    money_columns: Iterable[str] = (),
    decimal_columns: Iterable[str] = (),
    bool_columns: Iterable[str] = (),
    money_mode: MoneyMode = "decimal",
    id_column: str = "id",
) -> pandas.DataFrame:
    """Return rows as a DataFrame with one missing value throughout (``pd.NA``) and typed columns.

    Text columns are ``string``, flags ``boolean``, exact decimals ``object`` (``Decimal``),
    money as ``money_mode`` says (:data:`MoneyMode`).

    Args:
        rows: The rows (dicts with every column).
        columns: The columns, in order.
        money_columns: The columns of amounts of đồng.
        decimal_columns: The other exact decimals (quantities, rates).
        bool_columns: The yes/no columns.
        money_mode: ``decimal``, ``int`` or ``float``.
        id_column: The column that names a row in an error.

    Returns:
        The DataFrame.

    Raises:
        InputError: ``money_mode`` is unknown, or ``int`` is asked for an amount that is not
            whole.
        ImportError: pandas is not installed.
    """
    pd = require_pandas("to_dataframe()")
    if money_mode not in MONEY_MODES:
        raise InputError(
            f"money={money_mode!r} is not one of {', '.join(MONEY_MODES)}",
            field="money",
            hint="money='decimal' (exact), 'int' (whole đồng) or 'float' (display only)",
        )
    money_set, decimal_set, bool_set = set(money_columns), set(decimal_columns), set(bool_columns)
    ids = [str(r.get(id_column, i)) for i, r in enumerate(rows)]
    data: dict[str, Any] = {}
    for column in columns:
        values = [r[column] for r in rows]
        if column in money_set:
            data[column] = _money_column(values, money_mode, column, ids)
        elif column in decimal_set:
            data[column] = pd.array([pd.NA if v is None else v for v in values], dtype=object)
        elif column in bool_set:
            data[column] = pd.array(values, dtype="boolean")
        else:
            data[column] = pd.array(
                [None if v is None else str(v) for v in values], dtype=pd.StringDtype()
            )
    return pd.DataFrame(data, columns=list(columns))


_RENDERERS: dict[str, Callable[..., Any]] = {}

_TEXT_OUTPUTS = frozenset({"markdown", "html", "repr", "dataframe"})
"""The outputs :mod:`ictcost.report.text` registers when it is imported."""

_DISPLAY_MODULE = "ictcost.report.text"
"""The module that registers the text outputs, imported (by name) on the first use of one."""

_WORKBOOK_MODULE = "ictcost.report.excel"
"""The module of the workbook writer (the ``excel`` extra), imported by name on use."""


def register_renderer(name: str, render: Callable[..., Any]) -> None:
    """Register an output of the estimate (``markdown``, ``html``, ``repr``, ``dataframe``, ``xlsx``).

    The estimate knows only this hook, never the report modules: :mod:`ictcost.report.text`
    registers its renderers when it is imported, which the estimate does by name on the first
    use of a text output (so ``from ictcost.estimate import compute_estimate`` is enough for
    ``repr()`` and ``to_markdown()``); ``to_xlsx()`` imports the workbook writer on use. A
    renderer registered here replaces the default.

    Args:
        name: The output's name.
        render: A function of the estimate (and the output's options, as keywords).
    """
    _RENDERERS[name] = render


def _write_workbook(estimate: Estimate, path: str | os.PathLike[str], **options: Any) -> Path:  # noqa: ANN401 - the writer's options
    """The default ``xlsx`` output: :func:`ictcost.report.excel.write_xlsx`, imported on use.

    Raises:
        ImportError: the writer's library is not installed; the message names the extra.
    """
    try:
        writer = importlib.import_module(_WORKBOOK_MODULE)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if not missing or missing == "ictcost":
            raise
        msg = (
            f"Estimate.to_xlsx() needs {missing}, the 'excel' extra: pip install 'ictcost[excel]' "
            "(from a checkout: pip install -e '.[excel]')"
        )
        raise ImportError(msg, name=missing) from exc
    return Path(writer.write_xlsx(estimate, Path(path), **options))


def _renderer(name: str) -> Callable[..., Any] | None:
    """The registered output ``name``, its default module imported on first use."""
    render = _RENDERERS.get(name)
    if render is None and name in _TEXT_OUTPUTS:
        importlib.import_module(_DISPLAY_MODULE)  # registers the text outputs
        render = _RENDERERS.get(name)
    if render is None and name == "xlsx":
        render = _write_workbook
    return render


def _render(name: str, estimate: Estimate, *args: Any, **options: Any) -> Any:  # noqa: ANN401 - str, a DataFrame or a path
    render = _renderer(name)
    if render is None:
        msg = f"no {name} renderer is registered (register_renderer)"
        raise LookupError(msg)
    return render(estimate, *args, **options)


class Estimate(_Frozen):
    """A computed estimate (tổng mức đầu tư or dự toán).

    Attributes:
        schema_version: The version of the JSON layout (see docs, "JSON output").
        regime: The legal regime applied, with the facts it was built from.
        rule_date: The date regime-bound rules were read on (the project's date, or inside the
            applied regime's own period under a transitional override).
        project_kind: What the project is (investment, purchase, rental, recurrent_task).
        document: The document it is prepared in.
        profile: What that pair selects under the regime (structure, QĐ 1688 columns,
            contingency row), with its citations.
        form: The deprecated input field, when the input used it.
        fee_rate_on: Which base the QĐ 1688 rates were read on (``own_part`` or
            ``project_total``, an open reading).
        fee_coverage: For every fee item priced, which lines its bases should hold and which
            fee line took them, per part.
        problems: What could not be computed when the estimate was computed with
            ``collect_problems`` (an appraisal): each such line is left out of the totals, a
            contingency that cannot be computed is ``None``. Empty otherwise (errors raise).
        contingency_rule: The parts of the contingency rule of the document under the regime
            (``single_coefficient``, ``quantity_and_escalation``, ``quantity_and_provisional``,
            ``quantity_only``, or ``none`` where the rule has no contingency item), if encoded.
        norm_versions: Every norm table version the estimate read.
        amount: Σ pre-VAT amounts of the lines.
        total: The grand total (after VAT, with contingency), whole đồng.
    """

    schema_version: str = SCHEMA_VERSION
    name: str
    owner: str | None
    preparer: str | None
    prepared_by: str | None = None
    checked_by: str | None = None
    signed_by: str | None = None
    date: dt.date
    project_kind: ProjectKind
    document: DocumentKind
    profile: DocumentProfile
    form: ProjectForm | None = None
    fee_rate_on: FeeRateOn = "own_part"
    kind: EstimateKind
    regime: Regime
    rule_date: dt.date
    lines: tuple[LineResult, ...]
    components: tuple[ComponentTotal, ...]
    contingency: ContingencyResult | None
    amount: Decimal
    vat: Decimal
    total_before_contingency: Decimal
    total: Decimal
    total_in_words: str
    fee_coverage: tuple[FeeCoverage, ...] = ()
    contingency_rule: str | None = None
    problems: tuple[ComputeProblem, ...] = ()
    norm_versions: tuple[NormVersionUsed, ...] = ()
    flags: tuple[Flag, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def regime_in_force(self) -> str:
        """The id of the regime in force on the date (``regime.id`` differs under an override)."""
        return self.regime.in_force_id

    def line(self, line_id: str) -> LineResult:
        """Return a line by id.

        Raises:
            KeyError: no such line.
        """
        return self._line_index[line_id]

    @cached_property
    def _line_index(self) -> dict[str, LineResult]:
        return {ln.id: ln for ln in self.lines}

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the estimate as JSON (Decimals as exact strings; ``schema_version`` first)."""
        return self.model_dump_json(indent=indent)

    def to_markdown(self, lang: Literal["vi", "en"] = "vi") -> str:
        """Return the estimate as Markdown (:func:`ictcost.report.text.to_markdown`).

        Args:
            lang: The language of the document, ``vi`` (the default) or ``en``.
        """
        return str(_render("markdown", self, lang))

    def __repr__(self) -> str:
        return str(_render("repr", self))

    def _repr_html_(self) -> str:
        """The notebook display: the summary that adds up, the lines and notes folded."""
        return str(_render("html", self))

    def to_dataframe(
        self, *, money: MoneyMode = "decimal", lang: Literal["vi", "en"] | None = None
    ) -> pandas.DataFrame:
        """Return one row per line as a pandas DataFrame (``pandas`` extra).

        See :func:`ictcost.report.text.to_dataframe` for the columns.

        Args:
            money: ``decimal`` (exact ``Decimal`` objects, the default), ``int`` (exact whole
                đồng, ``Int64``) or ``float`` (``Float64``, for display and plots only).
            lang: The language of the label columns; the display language by default
                (:func:`ictcost.set_display_language`).

        Returns:
            The DataFrame; a missing value is ``pd.NA`` in every column.

        Raises:
            InputError: an unknown ``money``, or ``int`` for an amount that is not whole.
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        return _render("dataframe", self, money=money, lang=lang)

    def to_xlsx(self, path: str | os.PathLike[str], **options: Any) -> Path:  # noqa: ANN401 - the writer's options
        """Write the estimate as the Excel workbook (:func:`ictcost.report.excel.write_xlsx`).

        Args:
            path: The ``.xlsx`` file to write.
            **options: The writer's options (``cached_values`` …).

        Returns:
            The path written.

        Raises:
            ImportError: openpyxl is not installed (the ``excel`` extra:
                ``pip install 'ictcost[excel]'``; from a checkout ``pip install -e '.[excel]'``).
        """
        return Path(_render("xlsx", self, path, **options))

    def rows(self) -> list[dict[str, Any]]:
        """Return one flat dict per line (for tables and DataFrames)."""
        return [
            {
                "id": ln.id,
                "group": ln.group,
                "component": ln.component,
                "name": ln.name,
                "method": ln.method,
                "method_status": ln.method_status,
                "unit": ln.unit,
                "quantity": ln.quantity,
                "unit_price": ln.unit_price,
                "amount": ln.amount,
                "vat_rate": ln.vat_rate,
                "vat_treatment": ln.vat_treatment,
                "vat": ln.vat,
                "total": ln.total,
                "basis": ln.basis,
            }
            for ln in self.lines
        ]
