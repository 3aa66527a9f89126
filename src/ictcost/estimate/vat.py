"""The VAT of a line, by period of supply.

VAT is due when goods or services are supplied, at the rate in force then (the ``vat-rates``
table, one version per period: the 8 % reductions end on their decree's date, software products and
services are not subject). A line is taxed:

* at an explicit ``vat_rate`` when one is given (no table);
* per payment of its ``payments`` schedule, or on its ``supply_date``;
* a rental per period: ``start`` dates the periods (price per period, or the annuity's ``n``
  periods), and consecutive periods at the same rate are grouped; a rental without ``start`` is
  dated from the project's date, with a note saying so;
* otherwise on the project's date; when the project's ``end_date`` lies after a change of the
  line's rate, a note says which rate was assumed.

Each period's VAT is exact; the line's VAT is their sum rounded once to the đồng (half up).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ictcost.errors import NormNotFoundError
from ictcost.estimate._context import Context, line_error
from ictcost.estimate.model import LineInput
from ictcost.estimate.result import VatPeriod
from ictcost.keys import VatTreatment
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue
from ictcost.notes import Note, note

__all__ = ["LineVat", "add_months", "line_vat"]

_TABLE = "vat-rates"


@dataclass
class LineVat:
    """The VAT of one line: rate (when one), treatment, amount, periods, citations, notes."""

    rate: Decimal | None
    treatment: VatTreatment
    vat: Decimal
    periods: tuple[VatPeriod, ...] = ()
    cited: list[CitedValue] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the date ``months`` calendar months after ``day`` (clamped to the month's end)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _cell(
    ctx: Context, line: LineInput, on: dt.date
) -> tuple[Decimal | None, VatTreatment, CitedValue]:
    """The rate (or treatment) of the line's category on a date, cited."""
    try:
        table = ctx.registry.get(_TABLE, on)
    except NormNotFoundError as exc:
        raise line_error(
            line,
            f"no VAT rates are encoded for {on} (the vat-rates table starts later)",
            "give vat_rate explicitly for this line, with its legal basis in 'basis'",
            field="vat",
        ) from exc
    row = table.version.row(line.vat)
    if row is None:
        known = ", ".join(r.name for r in table.rows())
        elsewhere = [
            v.period for v in ctx.registry.table(_TABLE).versions if v.row(line.vat) is not None
        ]
        if elsewhere:
            raise line_error(
                line,
                f"VAT category {line.vat!r} is not encoded on {on} (encoded for "
                f"{', '.join(elsewhere)})",
                f"categories on that date: {known}; or give vat_rate with its basis",
                field="vat",
            )
        raise line_error(
            line,
            f"unknown VAT category {line.vat!r} on {on}",
            f"categories: {known}, or not_applicable; or give vat_rate",
            field="vat",
        )
    if "rate" in row.values:
        cited = ctx.cell(table, line.vat, "rate")
        if not 0 <= cited.number <= 100:  # a pack's override (reliability review D15)
            raise line_error(
                line,
                f"the VAT rate of category {line.vat!r} in table {_TABLE} on {on} is "
                f"{cited.number} %, not a rate between 0 and 100 % ({cited.citation()})",
                "correct the rate in the norm pack that overrides the table",
                field="vat",
            )
        return cited.number, "taxable", cited
    cited = ctx.cell(table, line.vat, "treatment")
    return None, "not_subject" if cited.value == "not_subject" else "taxable", cited


def _dates(ctx: Context, line: LineInput) -> tuple[list[tuple[dt.date, int, int]], list[Note]]:
    """``(date, periods, of)`` slices of the line's supply, and the notes on assumed dates."""
    rental = line.rental
    if line.payments:
        return [(p.date, -1, 0) for p in line.payments], []
    if line.supply_date is not None:
        return [(line.supply_date, 1, 1)], []
    if rental is not None:
        start = rental.start or ctx.date
        n, months = rental.periods, rental.period_months
        notes = []
        if rental.start is None and add_months(start, months * (n - 1)) > start:
            notes.append(note("vat.rental_start_assumed", start=start.isoformat(), periods=n))
        return [(add_months(start, months * i), 1, n) for i in range(n)], notes
    return [(ctx.date, 1, 1)], []


def _rate_changes(ctx: Context, line: LineInput, rate: Decimal | None) -> Note | None:
    """A note when the line's rate changes between the project's date and its end date."""
    end = ctx.project.project.end_date
    if end is None or end <= ctx.date:
        return None
    for version in ctx.registry.table(_TABLE).versions:
        start = version.valid_from
        if not ctx.date < start <= end:
            continue
        row = version.row(line.vat)
        if row is None:
            continue
        new_rate = row.values["rate"].value if "rate" in row.values else None
        if new_rate != rate:
            return note(
                "vat.rate_assumed",
                rate=rate,
                on=ctx.date.isoformat(),
                change=start.isoformat(),
                new_rate=new_rate if isinstance(new_rate, Decimal) else None,
                end=end.isoformat(),
            )
    return None


def line_vat(ctx: Context, line: LineInput, amount: Decimal) -> LineVat:
    """Return the VAT of a line of the given pre-VAT amount (rounded once, half up).

    Raises:
        InputError: a rate for a line outside VAT, no VAT data for a date, an unknown category.
    """
    if line.vat == "not_applicable":
        if line.vat_rate is not None:
            raise line_error(
                line,
                "vat_rate is given for a line outside VAT",
                "drop vat_rate, or give a VAT category",
                field="vat_rate",
            )
        return LineVat(None, "not_applicable", Decimal(0))
    if line.vat_rate is not None:
        return LineVat(line.vat_rate, "taxable", round_vnd(amount * line.vat_rate / 100))
    slices, notes = _dates(ctx, line)
    scheduled = bool(line.payments) or line.supply_date is not None or line.rental is not None
    periods: list[VatPeriod] = []
    cited: list[CitedValue] = []
    for i, (day, count, of) in enumerate(slices):
        rate, kind, cell = _cell(ctx, line, day)
        if cell not in cited:
            cited.append(cell)
        with exact():
            share = line.payments[i].share_percent if count < 0 else Decimal(100) * count / of
            part = amount * share / 100
            vat = part * rate / 100 if rate is not None else Decimal(0)
        last = periods[-1] if periods else None
        if last is not None and count > 0 and last.periods and last.rate == rate:
            with exact():
                periods[-1] = last.model_copy(
                    update={
                        "end": day,
                        "periods": last.periods + count,
                        "share_percent": last.share_percent + share,
                        "amount": last.amount + part,
                        "vat": last.vat + vat,
                    }
                )
            continue
        periods.append(
            VatPeriod(
                start=day,
                periods=count if count > 0 and line.rental is not None else None,
                share_percent=share,
                amount=part,
                rate=rate,
                treatment="taxable" if kind == "taxable" else "not_subject",
                vat=vat,
                citation=ctx.citation(cell),
            )
        )
    rates = {p.rate for p in periods}
    treatments = {p.treatment for p in periods}
    total = round_vnd(sum((p.vat for p in periods), Decimal(0)))
    single_rate = next(iter(rates)) if len(rates) == 1 else None
    treatment: VatTreatment = "taxable" if "taxable" in treatments else "not_subject"
    flags: list[str] = []
    if not scheduled:
        changed = _rate_changes(ctx, line, single_rate)
        if changed is not None:
            notes.append(changed)
            flags.append("vat_rate_assumed")
        return LineVat(single_rate, treatment, total, (), cited, notes, flags)
    if len(periods) > 1 or periods[0].start != ctx.date:
        flags.append("vat_by_period")
    if len(rates) > 1:
        notes.append(
            note(
                "vat.by_period",
                rates=tuple(
                    str(r) if r is not None else "KCT"
                    for r in sorted(rates, key=lambda r: (r is None, r or 0))
                ),
            )
        )
    return LineVat(single_rate, treatment, total, tuple(periods), cited, notes, flags)
