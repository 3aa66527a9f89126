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
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from ictcost._internal._validate import typed_args
from ictcost.errors import InputError, NormConsistencyError, NormNotFoundError
from ictcost.money import exact, round_vnd, settle
from ictcost.norms.registry import Citation, CitedValue, NormRegistry
from ictcost.norms.view import NormView, resolve_norms
from ictcost.notes import Note, note
from ictcost.software.inputs import ActorCounts, SoftwareInput
from ictcost.software.labour import compute_labour_rate
from ictcost.software.results import (
    ActorRow,
    FactorRow,
    SecondOpinion,
    SoftwareCostResult,
    SummaryRow,
    UcpConstants,
    UseCaseRow,
)
from ictcost.software.second_opinion import cocomo2, karner_effort, ucp_to_ksloc

__all__ = [
    "ActorRow",
    "FactorRow",
    "SecondOpinion",
    "SoftwareCostResult",
    "SummaryRow",
    "UcpConstants",
    "UseCaseRow",
    "compute_software_cost",
    "software_method_on",
]

CLASSES = ("simple", "average", "complex")
TECHNICAL = tuple(f"T{i}" for i in range(1, 14))
ENVIRONMENTAL = tuple(f"E{i}" for i in range(1, 9))


def software_method_on(
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    *,
    norms: NormView | None = None,
) -> str:
    """Return the software-cost method version in force on a date.

    Args:
        on: The date (required unless ``norms`` is given).
        registry: The registry; the shipped one by default.
        norms: The norms in force (``registry.at(on)``), instead of ``on`` and ``registry``.

    Returns:
        The basis of the version in force (``CV 2589/BTTTT-ƯDCNTT`` or ``QĐ 671/QĐ-BTTTT``).

    Raises:
        InputError: the date is before CV 2589, or not a date (code ``input-date``), or an
            argument contradicts ``norms``.

    Examples:
        >>> software_method_on("2024-04-26")
        'QĐ 671/QĐ-BTTTT'
    """
    return _method(resolve_norms(norms, registry=registry, on=on, date_field="date").view)


def _method(view: NormView) -> str:
    try:
        return view.table("ucp-constants").version.basis or ""
    except NormNotFoundError as exc:
        first = view.registry.table("ucp-constants").versions[0].valid_from
        raise InputError(
            f"'date' {view.on.isoformat()} is before the first state software-cost guidance "
            f"ictcost encodes (CV 2589/BTTTT-ƯDCNTT, in force from {first.isoformat()})",
            code="input-date",
            field="date",
            hint="give the date of the estimate; earlier guidance (CV 3364/2008) is not encoded",
        ) from exc


def _class_of(number: Callable[[str, str, str], Decimal], transactions: int) -> str:
    for cls in ("simple", "average"):
        if transactions <= number("ucp-use-case-weights", cls, "max_transactions"):
            return cls
    return "complex"


def _numbers(data: NormView) -> Callable[[str, str, str], Decimal]:
    """``data.number``, each cell read (and cited) once: the use cases repeat a few cells.

    The view records the first read of every cell in the same order as reading it each time
    would, so the citations (first use of each, :func:`_dedupe`) do not change.
    """
    found: dict[tuple[str, str, str], Decimal] = {}

    def number(table_id: str, row: str, column: str) -> Decimal:
        key = (table_id, row, column)
        value = found.get(key)
        if value is None:
            value = found[key] = data.number(table_id, row, column)
        return value

    return number


def _actors(data: NormView, actors: ActorCounts | list[Any]) -> tuple[list[ActorRow], Decimal]:
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
    data: NormView,
    inp: SoftwareInput,
    split_at: Decimal | None,
    flags: list[str],
    notes: list[Note],
) -> tuple[list[UseCaseRow], Decimal]:
    rows = []
    total = Decimal(0)
    number = _numbers(data)
    for i, uc in enumerate(inp.use_cases):
        row_flags = []
        source: Literal["given", "transactions"] = "given"
        cls: str | None = uc.complexity
        if uc.transactions is not None:
            derived = _class_of(number, uc.transactions)
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
        weight = number("ucp-use-case-weights", cls, "weight")
        coefficient = number("ucp-bmt", uc.bmt, "coefficient")
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
        names = tuple(r.name for r in rows if "split_review" in r.flags)
        notes.append(note("software.split_review", transactions=split_at, use_cases=names))
    if any(r.change != "new" for r in rows):
        flags.append("upgrade")
        skipped = sum(1 for r in rows if not r.counted)
        notes.append(note("software.upgrade", unchanged=skipped))
    return rows, total


def _factors(
    data: NormView,
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


def _stability(data: NormView, result: Decimal) -> Decimal:
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


def _productivity(data: NormView, es: Decimal) -> Decimal:
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


@typed_args
def compute_software_cost(
    inp: SoftwareInput,
    *,
    registry: NormRegistry | None = None,
    norms: NormView | None = None,
) -> SoftwareCostResult:
    """Compute the internal-software cost by the state UCP method in force on ``inp.date``.

    Legal basis: CV 2589/BTTTT-ƯDCNTT (24/08/2011) and, from 26/04/2024, QĐ 671/QĐ-BTTTT, which
    repealed it; NĐ 73/2019 Điều 28 k5 sends the method to Bộ TT&TT guidance. See the module
    docstring for the chain; every table is read from the ``ucp-*`` norm files.

    Args:
        inp: The validated input (see :class:`ictcost.software.SoftwareInput`).
        registry: The registry; the shipped one by default.
        norms: The norms in force on ``inp.date`` (``registry.at(inp.date)``), instead of
            ``registry``. A view on another date is refused.

    Returns:
        Every symbol, the constants, the annex tables, the citations and the notes.

    Raises:
        InputError: a date before CV 2589, a class that contradicts the transaction count, a
            missing or bad labour rate, a view for another date or registry.

    Examples:
        See the module docstring.
    """
    data, owns_alternatives = resolve_norms(
        norms, registry=registry, on=inp.date, date_field="date"
    )
    method = _method(data)
    flags: list[str] = []
    notes: list[Note] = []
    with exact():
        actor_rows, taw = _actors(data, inp.actors)
        split_at: Decimal | None = None
        if data.has("ucp-constants", "split_review_transactions", "value"):
            split_at = data.number("ucp-constants", "split_review_transactions", "value")
        uc_rows, tbf = _use_cases(data, inp, split_at, flags, notes)
        uucp = taw + tbf
        tech_rows, tfw, _ = _factors(
            data, "ucp-technical-factors", TECHNICAL, inp.technical, stability=False
        )
        tcf_base = _constant(data, "tcf_base")
        tcf_per_tfw = _constant(data, "tcf_per_tfw")
        tcf = tcf_base + tcf_per_tfw * tfw
        env_ratings, averaged = inp.environmental_ratings()
        env_rows, efw, es = _factors(
            data, "ucp-environmental-factors", ENVIRONMENTAL, env_ratings, stability=True
        )
        ef_base = _constant(data, "ef_base")
        ef_per_efw = _constant(data, "ef_per_efw")
        ef = ef_base - ef_per_efw * efw
        aucp = uucp * tcf * ef
        p = _productivity(data, es)
        numerator = _constant(data, "effort_numerator")
        denominator = _divisor(data, "effort_denominator")
        e = numerator * aucp / denominator
        labour = compute_labour_rate(inp.labour_rate, norms=data)
        h = labour.rate
        g_factor = _constant(data, "g_factor")
        g = g_factor * e * p * h
        overhead = _constant(data, "overhead_percent")
        c = g * overhead / 100
        pre_tax = _constant(data, "pre_tax_income_percent")
        tl = (g + c) * pre_tax / 100
        g_pm = g + c + tl
    constants = UcpConstants(
        tcf_base=tcf_base,
        tcf_per_tfw=tcf_per_tfw,
        ef_base=ef_base,
        ef_per_efw=ef_per_efw,
        effort_numerator=numerator,
        effort_denominator=denominator,
        g_factor=g_factor,
        overhead_percent=overhead,
        pre_tax_income_percent=pre_tax,
        split_review_transactions=split_at,
    )
    if averaged:
        notes.append(note("software.member_factors_averaged", factors=tuple(averaged)))
    # settle the 60-digit tails of 10/6 × AUCP and of averaged ratings before rounding: the half-up
    # rounding is then the exact fraction's (money.settle; reliability review D13)
    taw, tbf, uucp, tfw, tcf, efw, ef, aucp, es, p, e, h, g, c, tl, g_pm = (
        settle(x) for x in (taw, tbf, uucp, tfw, tcf, efw, ef, aucp, es, p, e, h, g, c, tl, g_pm)
    )
    amounts = {"G": round_vnd(g), "C": round_vnd(c), "TL": round_vnd(tl), "G_PM": round_vnd(g_pm)}
    if amounts["G"] + amounts["C"] + amounts["TL"] != amounts["G_PM"]:
        notes.append(note("software.rounded_parts"))
    _method_notes(data, method, flags, notes)
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
    citations = _dedupe(data.cited)
    opinion = _second_opinion(inp, data, uc_rows, taw=taw, tcf=tcf, ef=ef, aucp=aucp, g=g, h=h)
    if owns_alternatives:
        data.check_alternatives_used()
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
        summary=_summary(constants, symbols, amounts),
        constants=constants,
        labour=labour,
        second_opinion=opinion,
        flags=tuple(flags),
        notes=tuple(notes),
        citations=(*citations, *labour.citations),
    )


def _constant(data: NormView, row: str) -> Decimal:
    return data.number("ucp-constants", row, "value")


def _divisor(data: NormView, row: str) -> Decimal:
    """A constant the chain divides by: a pack that sets it to zero or below is refused."""
    value = _constant(data, row)
    if value <= 0:
        raise NormConsistencyError(
            f"ucp-constants/{row}/value is {value}: the use-case-point chain divides by it",
            code="norm-consistency",
            field=f"ucp-constants/{row}",
            hint="give a positive number in the pack's ucp-constants table",
        )
    return value


def _second_opinion(
    inp: SoftwareInput,
    data: NormView,
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
            uucp_k, tcf, ef, hours_per_person_month=opts.hours_per_person_month, norms=data
        )
        ratio = karner.hours / state_hours
    notes = [
        note("software.state_hours"),
        note("software.karner_basis", productivity=karner.productivity),
    ]
    citations = [c.to_citation() for c in karner.citations]
    fields: dict[str, Decimal | None] = {}
    if opts.cocomo is not None:
        size = opts.cocomo.ksloc
        if size is None:
            assert opts.cocomo.sloc_per_ucp is not None
            size = ucp_to_ksloc(aucp, opts.cocomo.sloc_per_ucp)
            notes.append(note("software.cocomo_size", sloc_per_ucp=opts.cocomo.sloc_per_ucp))
        cocomo = cocomo2(
            size,
            scale_factors=opts.cocomo.scale_factors,
            effort_multipliers=opts.cocomo.effort_multipliers or None,
            norms=data,
        )
        citations.extend(c.to_citation() for c in cocomo.citations)
        fields = {
            "cocomo_ksloc": size,
            "cocomo_pm": settle(cocomo.effort_pm),
            "cocomo_schedule_months": settle(cocomo.schedule_months),
        }
        if opts.hours_per_person_month is not None:
            with exact():
                hours = cocomo.effort_pm * opts.hours_per_person_month
                fields["cocomo_hours"] = settle(hours)
                fields["cocomo_ratio"] = settle(hours / state_hours)
        else:
            notes.append(note("software.cocomo_months_only"))
        notes.extend(cocomo.notes)
    return SecondOpinion(
        state_hours=settle(state_hours),
        karner_uucp=settle(uucp_k),
        karner_hours=settle(karner.hours),
        karner_ratio=settle(ratio),
        notes=tuple(notes),
        citations=tuple(_unique(citations)),
        **fields,
    )


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in citations:
        seen.setdefault(c.ref, c)
    return list(seen.values())


def _dedupe(cells: tuple[CitedValue, ...]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for cell in cells:
        if cell.ref not in seen:
            seen[cell.ref] = cell.to_citation()
    return tuple(seen.values())


def _method_notes(data: NormView, method: str, flags: list[str], notes: list[Note]) -> None:
    on = data.on
    notes.append(note("software.method", method=method, on=on.isoformat()))
    # from TT 39/2026/TT-BKHCN (legal-dates table) whether QĐ 671 still applies is not known
    tt39 = data.value("legal-dates", "tt39_2026_in_force", "date")
    applies = data.value("legal-dates", "tt39_2026_in_force", "applies")
    since = tt39.value
    assert isinstance(since, dt.date)  # the loader types date cells
    if on > since if applies.value == "after" else on >= since:
        flags.append("method_status_unknown")
        notes.append(note("software.method_status_unknown", since=since.isoformat()))
    try:
        methods = data.table("cost-methods").value("phan_mem_noi_bo", "methods").value
    except NormNotFoundError:
        return
    if isinstance(methods, tuple) and "calculation" not in methods:
        flags.append("reference_only")
        notes.append(note("software.reference_only", methods=methods))


def _fmt(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def _summary(
    k: UcpConstants, v: dict[str, Decimal], amounts: dict[str, Decimal]
) -> tuple[SummaryRow, ...]:
    rows = [
        ("TAW", "Tổng điểm các tác nhân", "Σ số tác nhân × trọng số"),
        ("TBF", "Tổng điểm các trường hợp sử dụng", "Σ trọng số × hệ số BMT"),
        ("UUCP", "Điểm trường hợp sử dụng chưa điều chỉnh", "TAW + TBF"),
        ("TFW", "Tổng điểm các yếu tố kỹ thuật - công nghệ", "Σ trọng số × giá trị xếp hạng"),
        (
            "TCF",
            "Hệ số phức tạp về kỹ thuật - công nghệ",
            f"{_fmt(k.tcf_base)} + {_fmt(k.tcf_per_tfw)} × TFW",
        ),
        ("EFW", "Tổng điểm các yếu tố môi trường", "Σ trọng số × giá trị xếp hạng"),
        (
            "EF",
            "Hệ số phức tạp về môi trường",
            f"{_fmt(k.ef_base)} − {_fmt(k.ef_per_efw)} × EFW",
        ),
        ("AUCP", "Điểm trường hợp sử dụng sau điều chỉnh", "UUCP × TCF × EF"),
        ("ES", "Độ ổn định kinh nghiệm", "Σ giá trị ổn định kinh nghiệm"),
        ("P", "Thời gian lao động (giờ công / AUCP)", "theo ES"),
        (
            "E",
            "Giá trị nỗ lực thực tế",
            f"{_fmt(k.effort_numerator)}/{_fmt(k.effort_denominator)} × AUCP",
        ),
        ("H", "Mức lương lao động bình quân (đồng/giờ công)", "đầu vào hoặc bảng lương"),
        ("G", "Chi phí trực tiếp", f"{_fmt(k.g_factor)} × E × P × H"),
        ("C", "Chi phí chung", f"G × {_fmt(k.overhead_percent)} %"),
        ("TL", "Thu nhập chịu thuế tính trước", f"(G + C) × {_fmt(k.pre_tax_income_percent)} %"),
        ("G_PM", "Chi phí phần mềm", "G + C + TL"),
    ]
    return tuple(
        SummaryRow(symbol=s, label=label, formula=f, value=v[s], amount=amounts.get(s))
        for s, label, f in rows
    )
