"""Internal-software cost by the state use-case-point method (CV 2589/2011 → QĐ 671/2024).

The chain, with the symbols of the statutory annex tables (software-cost-ucp.md §2.1):

=====  ==========================================================================
TAW    Σ actors × actor weight (1 / 2 / 3)
TBF    Σ use cases of complexity weight (5 / 10 / 15) × BMT coefficient (1.0 / 1.2 / 1.5)
UUCP   TAW + TBF
TFW    Σ weight × rating (0–5) over the 13 technical factors
TCF    0.6 + 0.01 × TFW
EFW    Σ weight × rating (0–5) over the 8 environmental factors
EF     1.4 − 0.03 × EFW
AUCP   UUCP × TCF × EF
ES     Σ over the 8 factors of the experience-stability value of weight × rating
P      person-hours per AUCP: 48 (ES < 1), 32 (1 ≤ ES < 3), 20 (ES ≥ 3)
E      10/6 × AUCP
H      labour rate, đồng per person-hour (given or computed, :mod:`.labour`)
G      1.4 × E × P × H                       chi phí trực tiếp
C      G × 65 %                              chi phí chung
TL     (G + C) × 6 %                         thu nhập chịu thuế tính trước
G_PM   G + C + TL                            chi phí phần mềm
=====  ==========================================================================

Every constant and table is read from the norm data for the method version in force on the date
(``ucp-*`` tables), never typed into this code. All arithmetic is exact ``Decimal`` (60 digits);
nothing is rounded in between. The amounts G, C, TL and G_PM are reported exactly and rounded to whole
đồng (half up) once, at the end; the rounded G_PM is the rounding of the exact sum.

Examples:
    >>> from ictcost.software import SoftwareInput, compute_software_cost
    >>> data = SoftwareInput.model_validate({
    ...     "date": "2025-06-01",
    ...     "actors": {"simple": 0, "average": 0, "complex": 3},
    ...     "use_cases": [{"name": "Đăng nhập", "bmt": "B", "complexity": "simple"},
    ...                   {"name": "Tra cứu hồ sơ", "bmt": "M", "transactions": 5}],
    ...     "technical": {f"T{i}": 3 for i in range(1, 14)},
    ...     "environmental": {f"E{i}": 3 for i in range(1, 9)},
    ...     "labour_rate": 61250})
    >>> r = compute_software_cost(data)
    >>> r.TAW, r.TBF, r.UUCP
    (Decimal('9'), Decimal('17'), Decimal('26'))
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ictcost.errors import InputError, NormNotFoundError
from ictcost.money import exact, round_vnd, tidy
from ictcost.norms.registry import Citation, CitedValue, InForce, NormRegistry
from ictcost.software.inputs import ActorCounts, SoftwareInput
from ictcost.software.labour import LabourRateResult, compute_labour_rate
from ictcost.software.second_opinion import cocomo2, karner_effort, ucp_to_ksloc

__all__ = [
    "ActorRow",
    "FactorRow",
    "SecondOpinion",
    "SoftwareCostResult",
    "SummaryRow",
    "UseCaseRow",
    "compute_software_cost",
    "software_method_on",
]

CLASSES = ("simple", "average", "complex")
TECHNICAL = tuple(f"T{i}" for i in range(1, 14))
ENVIRONMENTAL = tuple(f"E{i}" for i in range(1, 9))
STATUS_UNKNOWN_FROM = dt.date(2026, 7, 1)
"""From this date TT 39/2026/TT-BKHCN governs IT costs; whether it keeps QĐ 671 is unknown."""


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
    """A row of the value summary (Bảng tính toán giá trị phần mềm / tổng hợp chi phí)."""

    symbol: str
    label: str
    formula: str
    value: Decimal
    amount: Decimal | None = None
    """The whole-đồng amount, for money rows."""


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
        notes: What each figure assumes.
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
    notes: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


class SoftwareCostResult(BaseModel):
    """Every figure of the state UCP method, the annex tables and their citations.

    The symbol fields (``TAW`` … ``G_PM``) are exact; ``amounts`` holds G, C, TL and G_PM in
    whole đồng. ``to_json()`` writes the symbols as keys and round-trips through
    ``SoftwareCostResult.model_validate_json``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    labour: LabourRateResult
    second_opinion: SecondOpinion | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = Field(default=(), repr=False)

    @property
    def g_pm(self) -> Decimal:
        """G_PM in whole đồng (the figure that goes into the estimate)."""
        return self.amounts["G_PM"]

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the result as JSON (Decimals as exact strings; symbols as keys)."""
        return self.model_dump_json(indent=indent)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Return the annex tables as lists of plain dicts, ready for a report or a DataFrame."""
        return {
            "actors": [r.model_dump(mode="json") for r in self.actors],
            "use_cases": [r.model_dump(mode="json") for r in self.use_cases],
            "technical": [r.model_dump(mode="json") for r in self.technical],
            "environmental": [r.model_dump(mode="json") for r in self.environmental],
            "summary": [r.model_dump(mode="json") for r in self.summary],
        }


class _Data:
    """The UCP tables in force on one date, read once, with citation bookkeeping."""

    def __init__(self, registry: NormRegistry, on: dt.date) -> None:
        self.registry = registry
        self.on = on
        self.used: list[CitedValue] = []
        self._cache: dict[str, InForce] = {}

    def table(self, table_id: str) -> InForce:
        if table_id not in self._cache:
            self._cache[table_id] = self.registry.get(table_id, self.on)
        return self._cache[table_id]

    def value(self, table_id: str, row: str, column: str) -> CitedValue:
        cell = self.table(table_id).value(row, column)
        self.used.append(cell)
        return cell

    def number(self, table_id: str, row: str, column: str) -> Decimal:
        return self.value(table_id, row, column).number

    def label(self, table_id: str, row: str) -> str:
        r = self.table(table_id).version.row(row)
        return r.label.vi if r is not None and r.label is not None else row


def software_method_on(on: dt.date | str, registry: NormRegistry | None = None) -> str:
    """Return the software-cost method version in force on a date.

    Args:
        on: The date.
        registry: The registry; the shipped one by default.

    Returns:
        The basis of the version in force (``CV 2589/BTTTT-ƯDCNTT`` or ``QĐ 671/QĐ-BTTTT``).

    Raises:
        InputError: the date is before CV 2589 (code ``input-date``).

    Examples:
        >>> software_method_on("2024-04-26")
        'QĐ 671/QĐ-BTTTT'
    """
    reg = registry or NormRegistry.shipped()
    day = dt.date.fromisoformat(on) if isinstance(on, str) else on
    try:
        return reg.get("ucp-constants", day).version.basis or ""
    except NormNotFoundError as exc:
        first = reg.table("ucp-constants").versions[0].valid_from
        raise InputError(
            f"'date' {day.isoformat()} is before the first state software-cost guidance "
            f"ictcost encodes (CV 2589/BTTTT-ƯDCNTT, in force from {first.isoformat()})",
            code="input-date",
            field="date",
            hint="give the date of the estimate; earlier guidance (CV 3364/2008) is not encoded",
        ) from exc


def _class_of(data: _Data, transactions: int) -> str:
    for cls in ("simple", "average"):
        if transactions <= data.number("ucp-use-case-weights", cls, "max_transactions"):
            return cls
    return "complex"


def _actors(data: _Data, actors: ActorCounts | list[Any]) -> tuple[list[ActorRow], Decimal]:
    counts: dict[str, int] = dict.fromkeys(CLASSES, 0)
    names: dict[str, list[str]] = {c: [] for c in CLASSES}
    if isinstance(actors, ActorCounts):
        counts = {c: getattr(actors, c) for c in CLASSES}
    else:
        for actor in actors:
            counts[actor.complexity] += 1
            if actor.name:
                names[actor.complexity].append(actor.name)
    rows = []
    total = Decimal(0)
    for cls in CLASSES:
        weight = data.number("ucp-actor-weights", cls, "weight")
        points = weight * counts[cls]
        total += points
        rows.append(
            ActorRow(
                complexity=cls,
                label=data.label("ucp-actor-weights", cls),
                names=tuple(names[cls]),
                count=counts[cls],
                weight=weight,
                points=points,
            )
        )
    return rows, total


def _use_cases(
    data: _Data, inp: SoftwareInput, flags: list[str], notes: list[str]
) -> tuple[list[UseCaseRow], Decimal]:
    split_at: Decimal | None = None
    if data.table("ucp-constants").has("split_review_transactions", "value"):
        split_at = data.number("ucp-constants", "split_review_transactions", "value")
    rows = []
    total = Decimal(0)
    for i, uc in enumerate(inp.use_cases):
        row_flags = []
        source: Literal["given", "transactions"] = "given"
        cls: str | None = uc.complexity
        if uc.transactions is not None:
            derived = _class_of(data, uc.transactions)
            if cls is not None and cls != derived:
                raise InputError(
                    f"use_cases[{i}] ({uc.name!r}): complexity {cls!r} does not match its "
                    f"{uc.transactions} transactions, which make it {derived!r}",
                    field=f"use_cases[{i}].complexity",
                    hint="give the class or the transaction count, or make them agree",
                )
            if cls is None:
                cls, source = derived, "transactions"
            if split_at is not None and uc.transactions > split_at:
                row_flags.append("split_review")
        assert cls is not None  # the input model requires a class or a transaction count
        weight = data.number("ucp-use-case-weights", cls, "weight")
        coefficient = data.number("ucp-bmt", uc.bmt, "coefficient")
        counted = uc.change != "unchanged"
        points = weight * coefficient
        if counted:
            total += points
        rows.append(
            UseCaseRow(
                name=uc.name,
                bmt=uc.bmt,
                complexity=cls,
                complexity_source=source,
                transactions=uc.transactions,
                weight=weight,
                bmt_coefficient=coefficient,
                points=points,
                change=uc.change,
                counted=counted,
                flags=tuple(row_flags),
            )
        )
    if any("split_review" in r.flags for r in rows):
        flags.append("split_review")
        names = ", ".join(r.name for r in rows if "split_review" in r.flags)
        notes.append(
            f"Use case(s) with more than {split_at} transactions should be re-examined "
            f"and normally split (QĐ 671 practice, single source): {names}."
        )
    if any(r.change != "new" for r in rows):
        flags.append("upgrade")
        skipped = sum(1 for r in rows if not r.counted)
        notes.append(
            f"Upgrade: only new or changed use cases are counted ({skipped} unchanged use case(s) "
            "listed but not counted). The guidance states no rule for partially changed use "
            "cases: each counts with its own class and BMT coefficient."
        )
    return rows, total


def _factors(
    data: _Data,
    table_id: str,
    codes: tuple[str, ...],
    ratings: dict[str, Decimal],
    *,
    stability: bool,
) -> tuple[list[FactorRow], Decimal, Decimal]:
    rows = []
    total = Decimal(0)
    es = Decimal(0)
    for code in codes:
        weight = data.number(table_id, code, "weight")
        rating = ratings[code]
        result = weight * rating
        total += result
        st = _stability(data, result) if stability else None
        if st is not None:
            es += st
        group = None
        if stability and data.table(table_id).has(code, "group"):
            group = str(data.value(table_id, code, "group").value)
        rows.append(
            FactorRow(
                code=code,
                label=data.label(table_id, code),
                weight=weight,
                rating=rating,
                result=result,
                stability=st,
                group=group,
            )
        )
    return rows, total, es


def _stability(data: _Data, result: Decimal) -> Decimal:
    table = data.table("ucp-experience-stability")
    for row in table.rows():
        key = row.name
        above = row.values["above"].value if "above" in row.values else None
        up_to = row.values["up_to"].value if "up_to" in row.values else None
        if (above is None or result > data.number("ucp-experience-stability", key, "above")) and (
            up_to is None or result <= data.number("ucp-experience-stability", key, "up_to")
        ):
            return data.number("ucp-experience-stability", key, "value")
    raise InputError(
        f"no experience-stability band holds {result}",  # pragma: no cover
        code="norm-value-not-found",
    )


def _productivity(data: _Data, es: Decimal) -> Decimal:
    for row in data.table("ucp-productivity").rows():
        key = row.name
        lo = row.values["es_from"].value if "es_from" in row.values else None
        hi = row.values["es_below"].value if "es_below" in row.values else None
        if (lo is None or es >= data.number("ucp-productivity", key, "es_from")) and (
            hi is None or es < data.number("ucp-productivity", key, "es_below")
        ):
            return data.number("ucp-productivity", key, "hours")
    raise InputError(
        f"no productivity band holds ES = {es}",  # pragma: no cover
        code="norm-value-not-found",
    )


def compute_software_cost(
    inp: SoftwareInput,
    *,
    registry: NormRegistry | None = None,
) -> SoftwareCostResult:
    """Compute the internal-software cost by the state UCP method in force on ``inp.date``.

    Legal basis: CV 2589/BTTTT-ƯDCNTT (24/08/2011) and, from 26/04/2024, QĐ 671/QĐ-BTTTT, which
    repealed it; NĐ 73/2019 Điều 28 k5 sends the method to Bộ TT&TT guidance. See the module
    docstring for the chain; every table is read from the ``ucp-*`` norm files.

    Args:
        inp: The validated input (see :class:`ictcost.software.SoftwareInput`).
        registry: The registry; the shipped one by default.

    Returns:
        Every symbol, the annex tables, the citations and the notes.

    Raises:
        InputError: a date before CV 2589, a class that contradicts the transaction count, a
            missing or bad labour rate.

    Examples:
        See the module docstring.
    """
    reg = registry or NormRegistry.shipped()
    method = software_method_on(inp.date, reg)
    data = _Data(reg, inp.date)
    flags: list[str] = []
    notes: list[str] = []
    with exact():
        actor_rows, taw = _actors(data, inp.actors)
        uc_rows, tbf = _use_cases(data, inp, flags, notes)
        uucp = taw + tbf
        tech_rows, tfw, _ = _factors(
            data, "ucp-technical-factors", TECHNICAL, inp.technical, stability=False
        )
        tcf = (
            data.number("ucp-constants", "tcf_base", "value")
            + data.number("ucp-constants", "tcf_per_tfw", "value") * tfw
        )
        env_ratings, averaged = inp.environmental_ratings()
        env_rows, efw, es = _factors(
            data, "ucp-environmental-factors", ENVIRONMENTAL, env_ratings, stability=True
        )
        ef = (
            data.number("ucp-constants", "ef_base", "value")
            - data.number("ucp-constants", "ef_per_efw", "value") * efw
        )
        aucp = uucp * tcf * ef
        p = _productivity(data, es)
        e = (
            data.number("ucp-constants", "effort_numerator", "value")
            * aucp
            / data.number("ucp-constants", "effort_denominator", "value")
        )
        labour = compute_labour_rate(inp.labour_rate, on=inp.date, registry=reg)
        h = labour.rate
        g = data.number("ucp-constants", "g_factor", "value") * e * p * h
        c = g * data.number("ucp-constants", "overhead_percent", "value") / 100
        tl = (g + c) * data.number("ucp-constants", "pre_tax_income_percent", "value") / 100
        g_pm = g + c + tl
    if averaged:
        notes.append(
            f"Member factors {', '.join(averaged)} were averaged over the team members "
            "given (one CV 2589-era tool does the same; single source)."
        )
    amounts = {"G": round_vnd(g), "C": round_vnd(c), "TL": round_vnd(tl), "G_PM": round_vnd(g_pm)}
    if amounts["G"] + amounts["C"] + amounts["TL"] != amounts["G_PM"]:
        notes.append(
            "G, C and TL are each rounded to whole đồng for display; G_PM is the rounding "
            "of their exact sum, so the rounded parts differ from it by 1 đồng."
        )
    _method_notes(reg, inp.date, method, flags, notes)
    taw, tbf, uucp, tfw, tcf, efw, ef, aucp, es, p, e, h, g, c, tl, g_pm = (
        tidy(x) for x in (taw, tbf, uucp, tfw, tcf, efw, ef, aucp, es, p, e, h, g, c, tl, g_pm)
    )
    symbols = {
        "TAW": taw,
        "TBF": tbf,
        "UUCP": uucp,
        "TFW": tfw,
        "TCF": tcf,
        "EFW": efw,
        "EF": ef,
        "AUCP": aucp,
        "ES": es,
        "P": p,
        "E": e,
        "H": h,
        "G": g,
        "C": c,
        "TL": tl,
        "G_PM": g_pm,
    }
    summary = _summary(data, symbols, amounts)
    citations = _dedupe([*data.used])
    opinion = _second_opinion(inp, reg, uc_rows, taw=taw, tcf=tcf, ef=ef, aucp=aucp, g=g, h=h)
    return SoftwareCostResult(
        date=inp.date,
        method=method,
        TAW=taw,
        TBF=tbf,
        UUCP=uucp,
        TFW=tfw,
        TCF=tcf,
        EFW=efw,
        EF=ef,
        AUCP=aucp,
        ES=es,
        P=p,
        E=e,
        H=h,
        G=g,
        C=c,
        TL=tl,
        G_PM=g_pm,
        amounts=amounts,
        actors=tuple(actor_rows),
        use_cases=tuple(uc_rows),
        technical=tuple(tech_rows),
        environmental=tuple(env_rows),
        summary=summary,
        labour=labour,
        second_opinion=opinion,
        flags=tuple(flags),
        notes=tuple(notes),
        citations=(*citations, *labour.citations),
    )


def _second_opinion(
    inp: SoftwareInput,
    reg: NormRegistry,
    uc_rows: list[UseCaseRow],
    *,
    taw: Decimal,
    tcf: Decimal,
    ef: Decimal,
    aucp: Decimal,
    g: Decimal,
    h: Decimal,
) -> SecondOpinion:
    """Karner's effort (always) and COCOMO II (when asked), beside the state person-hours."""
    opts = inp.second_opinion
    with exact():
        state_hours = g / h
        uucp_k = taw + sum((r.weight for r in uc_rows if r.counted), Decimal(0))
        karner = karner_effort(
            uucp_k,
            tcf,
            ef,
            hours_per_person_month=opts.hours_per_person_month,
            on=inp.date,
            registry=reg,
        )
        ratio = karner.hours / state_hours
    notes = [
        "State person-hours = G / H = 1.4 × E × P (the meaning of 1.4 and 10/6 is not stated in "
        "any source read).",
        "Karner: UUCP without the BMT coefficient (his method has none), the same TCF and EF, "
        f"PF = {karner.productivity} person-hours per UCP (single source).",
    ]
    citations = [c.to_citation() for c in karner.citations]
    fields: dict[str, Decimal | None] = {}
    if opts.cocomo is not None:
        size = opts.cocomo.ksloc
        if size is None:
            assert opts.cocomo.sloc_per_ucp is not None
            size = ucp_to_ksloc(aucp, opts.cocomo.sloc_per_ucp)
            notes.append(
                f"COCOMO size = AUCP × {opts.cocomo.sloc_per_ucp} SLOC per UCP / 1000: "
                "the ratio is the estimator's assumption, not a cited figure."
            )
        cocomo = cocomo2(
            size,
            scale_factors=opts.cocomo.scale_factors,
            effort_multipliers=opts.cocomo.effort_multipliers or None,
            on=inp.date,
            registry=reg,
        )
        citations.extend(c.to_citation() for c in cocomo.citations)
        fields = {
            "cocomo_ksloc": size,
            "cocomo_pm": cocomo.effort_pm,
            "cocomo_schedule_months": cocomo.schedule_months,
        }
        if opts.hours_per_person_month is not None:
            with exact():
                hours = cocomo.effort_pm * opts.hours_per_person_month
                fields["cocomo_hours"] = tidy(hours)
                fields["cocomo_ratio"] = tidy(hours / state_hours)
        else:
            notes.append(
                "COCOMO person-months are not converted to hours: give "
                "hours_per_person_month to compare them with the state figure."
            )
        notes.extend(cocomo.notes)
    return SecondOpinion(
        state_hours=tidy(state_hours),
        karner_uucp=tidy(uucp_k),
        karner_hours=tidy(karner.hours),
        karner_ratio=tidy(ratio),
        notes=tuple(notes),
        citations=tuple(_unique(citations)),
        **fields,
    )


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in citations:
        seen.setdefault(c.ref, c)
    return list(seen.values())


def _dedupe(cells: list[CitedValue]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for cell in cells:
        seen.setdefault(cell.ref, cell.to_citation())
    return tuple(seen.values())


def _method_notes(
    reg: NormRegistry, on: dt.date, method: str, flags: list[str], notes: list[str]
) -> None:
    notes.append(f"Method: {method}, the version in force on {on.isoformat()}.")
    if on >= STATUS_UNKNOWN_FROM:
        flags.append("method_status_unknown")
        notes.append(
            "From 2026-07-01 costs are governed by TT 39/2026/TT-BKHCN, whose text was "
            "not read: whether it keeps the QĐ 671 method is unknown."
        )
    try:
        methods = reg.get("cost-methods", on).value("phan_mem_noi_bo", "methods").value
    except NormNotFoundError:
        return
    if isinstance(methods, tuple) and "calculation" not in methods:
        flags.append("reference_only")
        notes.append(
            "The regime in force on this date does not list a cost-calculation method "
            f"for internal software (allowed: {', '.join(methods)}): this UCP figure is "
            "a reference estimate beside the quotation-type methods."
        )


def _fmt(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def _summary(
    data: _Data, v: dict[str, Decimal], amounts: dict[str, Decimal]
) -> tuple[SummaryRow, ...]:
    def k(row: str) -> str:
        return _fmt(data.number("ucp-constants", row, "value"))

    rows = [
        ("TAW", "Tổng điểm các tác nhân", "Σ số tác nhân × trọng số"),
        ("TBF", "Tổng điểm các trường hợp sử dụng", "Σ trọng số × hệ số BMT"),
        ("UUCP", "Điểm trường hợp sử dụng chưa điều chỉnh", "TAW + TBF"),
        ("TFW", "Tổng điểm các yếu tố kỹ thuật - công nghệ", "Σ trọng số × giá trị xếp hạng"),
        (
            "TCF",
            "Hệ số phức tạp về kỹ thuật - công nghệ",
            f"{k('tcf_base')} + {k('tcf_per_tfw')} × TFW",
        ),
        ("EFW", "Tổng điểm các yếu tố môi trường", "Σ trọng số × giá trị xếp hạng"),
        ("EF", "Hệ số phức tạp về môi trường", f"{k('ef_base')} − {k('ef_per_efw')} × EFW"),
        ("AUCP", "Điểm trường hợp sử dụng sau điều chỉnh", "UUCP × TCF × EF"),
        ("ES", "Độ ổn định kinh nghiệm", "Σ giá trị ổn định kinh nghiệm"),
        ("P", "Thời gian lao động (giờ công / AUCP)", "theo ES"),
        (
            "E",
            "Giá trị nỗ lực thực tế",
            f"{k('effort_numerator')}/{k('effort_denominator')} × AUCP",
        ),
        ("H", "Mức lương lao động bình quân (đồng/giờ công)", "đầu vào hoặc bảng lương"),
        ("G", "Chi phí trực tiếp", f"{k('g_factor')} × E × P × H"),
        ("C", "Chi phí chung", f"G × {k('overhead_percent')} %"),
        ("TL", "Thu nhập chịu thuế tính trước", f"(G + C) × {k('pre_tax_income_percent')} %"),
        ("G_PM", "Chi phí phần mềm", "G + C + TL"),
    ]
    return tuple(
        SummaryRow(symbol=s, label=label, formula=f, value=v[s], amount=amounts.get(s))
        for s, label, f in rows
    )
