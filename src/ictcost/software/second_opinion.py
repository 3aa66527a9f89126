"""Second opinion on software effort: Karner's generic use case points and COCOMO II.2000.

The state figure for internal software is the use-case-point chain of the Vietnamese guidance
(:mod:`ictcost.software.ucp`). This module computes two *international* estimates that are reported
beside it and never mixed into it:

* **Karner (1993)** — effort in person-hours = UUCP × TCF × EF × PF, with Karner's productivity
  factor PF = 20 person-hours per use case point (table ``karner-1993``) unless the caller gives
  another one. UUCP, TCF and EF are taken as resolved inputs (the state chain already computes them
  with the same formulas); the result is in person-hours, and in person-months only when the caller
  gives the number of hours in a person-month (there is no default).
* **COCOMO II.2000, Post-Architecture model** (COCOMO II Model Definition Manual, Version 2.1,
  USC Center for Software Engineering):

  ====================  ===========================================================  ============
  E                     B + 0.01 × Σ SF_j over the 5 scale factors                    §3.1, eq. 1
  PM                    A × Size^E × Π EM_i over the 17 effort multipliers            §3, eq. 1
  PM_NS                 A × Size^E × Π EM_i without SCED (nominal schedule)          §1.2, §4
  F                     D + 0.2 × (E − B)                                             §4, eq. 14
  TDEV                  C × PM_NS^F × SCED% / 100                                     §4, eq. 14
  ====================  ===========================================================  ============

  with A = 2.94, B = 0.91, C = 3.67, D = 0.28 (tables ``cocomo2-constants``,
  ``cocomo2-scale-factors``, ``cocomo2-effort-multipliers``, ``cocomo2-sced-percent``). Size is in
  thousands of source lines (KSLOC), PM in person-months, TDEV in months. Scale factors are explicit
  inputs (a missing one is an error); an effort multiplier that is not rated is taken at Nominal,
  whose value is 1.00 for every driver (the model's definition, cited from the data), and the result
  lists every driver so defaulted.

Every constant is read from the norm data, never typed into this code, and every value used is
returned with its citation. None of the COCOMO values could be read in the manual itself (only its
text, §1.2 and §4, was readable): they are marked ``secondary-N`` in the data, and one cell (TEAM at
Very High: 1.10, or 1.01 in other transcriptions) is ``disputed``.

Arithmetic is exact ``Decimal`` in the 60-digit context of :func:`ictcost.money.exact`. Powers with a
non-integer exponent are computed as ``x^y = exp(y × ln x)`` with :meth:`decimal.Decimal.ln` and
:meth:`decimal.Decimal.exp`, each correctly rounded to 60 significant digits; nothing is rounded
afterwards (COCOMO results carry about 58 correct digits, far more than the model's accuracy).

Examples:
    >>> from decimal import Decimal
    >>> nominal = {"PREC": "N", "FLEX": "N", "RESL": "N", "TEAM": "N", "PMAT": "N"}
    >>> r = cocomo2(Decimal(10), scale_factors=nominal, on="2026-01-15")
    >>> r.exponent_e
    Decimal('1.0997')
    >>> round(r.effort_pm, 2), round(r.schedule_months, 2)
    (Decimal('36.99'), Decimal('11.57'))
    >>> len(r.defaulted)
    17
    >>> k = karner_effort(Decimal(100), Decimal("1.0"), Decimal("1.0"), on="2026-01-15")
    >>> k.hours, k.person_months
    (Decimal('2000.00'), None)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

from ictcost.errors import InputError, InputTypeError
from ictcost.money import exact
from ictcost.norms.models import Scalar
from ictcost.norms.registry import CitedValue, InForce, NormRegistry
from ictcost.norms.view import NormView, resolve_norms
from ictcost.notes import Note, NoteParam, note

__all__ = [
    "COCOMO_CONSTANTS",
    "COCOMO_EFFORT_MULTIPLIERS",
    "COCOMO_SCALE_FACTORS",
    "COCOMO_SCED_PERCENT",
    "KARNER_TABLE",
    "RATING_LEVELS",
    "SCHEDULE_DRIVER",
    "CocomoResult",
    "KarnerResult",
    "cocomo2",
    "karner_effort",
    "ucp_to_ksloc",
]

KARNER_TABLE = "karner-1993"
"""Karner's productivity factor, TCF/EF constants and factor weights."""
COCOMO_CONSTANTS = "cocomo2-constants"
"""A, B, C, D, the exponent weights and the default rating of an unrated effort multiplier."""
COCOMO_SCALE_FACTORS = "cocomo2-scale-factors"
"""The five scale factors (rows) by rating level (columns)."""
COCOMO_EFFORT_MULTIPLIERS = "cocomo2-effort-multipliers"
"""The seventeen effort multipliers (rows) by rating level (columns)."""
COCOMO_SCED_PERCENT = "cocomo2-sced-percent"
"""SCED% (the schedule as a percentage of the nominal one) by SCED rating (rows)."""
RATING_LEVELS = ("VL", "L", "N", "H", "VH", "XH")
"""COCOMO rating levels, very low to extra high; a driver defines only some of them."""
SCHEDULE_DRIVER = "SCED"
"""The effort multiplier left out of the nominal-schedule effort PM_NS."""

_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KarnerResult(_Result):
    """Karner's generic use-case-point effort (a second opinion, not the state figure).

    Attributes:
        uucp: The unadjusted use case points given.
        tcf: The technical complexity factor given.
        ef: The environmental factor given.
        ucp: The adjusted use case points, UUCP × TCF × EF.
        productivity: PF, person-hours per use case point.
        productivity_from_data: ``True`` when PF is Karner's value from the norm data, ``False``
            when the caller gave it.
        hours: The effort in person-hours, UCP × PF (exact, not rounded).
        hours_per_person_month: The caller's hours in a person-month, or ``None``.
        person_months: ``hours / hours_per_person_month`` when that figure was given, else ``None``.
        on: The date of the computation.
        citations: The norm values used (PF when it came from the data).
        notes: What was assumed and why, as structured notes (codes ``software.karner_*``).
    """

    uucp: Decimal
    tcf: Decimal
    ef: Decimal
    ucp: Decimal
    productivity: Decimal
    productivity_from_data: bool
    hours: Decimal
    hours_per_person_month: Decimal | None
    person_months: Decimal | None
    on: dt.date
    citations: tuple[CitedValue, ...] = ()
    notes: tuple[Note, ...] = ()


class CocomoResult(_Result):
    """A COCOMO II.2000 Post-Architecture estimate (a second opinion, not the state figure).

    Attributes:
        size_ksloc: The size in thousands of source lines.
        on: The date of the computation.
        scale_factor_ratings: The rating of each scale factor, ``{"PREC": "N", ...}``.
        effort_multiplier_ratings: The rating of each of the 17 effort multipliers, the defaulted
            ones included.
        defaulted: The effort multipliers that were not rated and were taken at the default
            (Nominal) rating, in the table's order.
        scale_factor_sum: Σ SF_j.
        exponent_e: E = B + 0.01 × Σ SF_j.
        effort_adjustment: Π EM_i over the 17 drivers.
        effort_adjustment_nominal_schedule: Π EM_i without SCED.
        effort_pm: PM = A × Size^E × Π EM_i, in person-months.
        effort_pm_nominal_schedule: PM_NS, the same without SCED, in person-months.
        exponent_f: F = D + 0.2 × (E − B).
        sced_percent: SCED% of the SCED rating.
        schedule_months: TDEV = C × PM_NS^F × SCED% / 100, in months.
        citations: Every norm value used, in the order of use.
        notes: Defaults, disputed values, what the figure is not, as structured notes (codes
            ``software.cocomo_*`` and ``software.disputed_*``).
    """

    size_ksloc: Decimal
    on: dt.date
    scale_factor_ratings: dict[str, str]
    effort_multiplier_ratings: dict[str, str]
    defaulted: tuple[str, ...]
    scale_factor_sum: Decimal
    exponent_e: Decimal
    effort_adjustment: Decimal
    effort_adjustment_nominal_schedule: Decimal
    effort_pm: Decimal
    effort_pm_nominal_schedule: Decimal
    exponent_f: Decimal
    sced_percent: Decimal
    schedule_months: Decimal
    citations: tuple[CitedValue, ...] = ()
    notes: tuple[Note, ...] = ()


def _number(value: object, name: str, *, allow_zero: bool = False) -> Decimal:
    """Check and convert a numeric input (``Decimal``, ``int`` or a decimal string).

    Args:
        value: The value given.
        name: The parameter name used in messages.
        allow_zero: Accept zero (otherwise the value must be greater than zero).

    Returns:
        The value as a finite ``Decimal``.

    Raises:
        InputTypeError: a ``float``, ``bool`` or another type.
        InputError: not a finite number, negative, or zero when zero is not allowed.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise InputTypeError(
            f"'{name}' must be a Decimal, an int or a decimal string "
            f"(got {type(value).__name__} {value!r})",
            field=name,
            hint=f"floats cannot hold decimals exactly: pass Decimal('...') for '{name}'",
        )
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise InputError(
            f"'{name}' is not a number (got {value!r})",
            field=name,
            hint="write a decimal number such as 12.5",
        ) from None
    if not number.is_finite():
        raise InputError(f"'{name}' must be a finite number (got {value!r})", field=name)
    if number < 0 or (number == 0 and not allow_zero):
        bound = "zero or more" if allow_zero else "greater than zero"
        raise InputError(f"'{name}' must be {bound} (got {value!r})", field=name)
    return number


def _power(base: Decimal, exponent: Decimal) -> Decimal:
    """Return ``base ** exponent`` for a positive base as ``exp(exponent × ln(base))``.

    Computed in the 60-digit context of :func:`ictcost.money.exact`; ``ln`` and ``exp`` are each
    correctly rounded to 60 significant digits.

    Args:
        base: A number greater than zero.
        exponent: Any finite exponent.

    Returns:
        The power.
    """
    with exact():
        return (exponent * base.ln()).exp()


def _note_value(value: Scalar) -> NoteParam:
    return value.isoformat() if isinstance(value, dt.date) else value


def _disputed_notes(cited: tuple[CitedValue, ...]) -> list[Note]:
    """Say, for each disputed value used, which value was used and what other sources give."""
    notes = []
    for cell in cited:
        if cell.confidence != "disputed" and cell.chosen_alternative is None:
            continue
        others = {
            "other_values": tuple(str(alt.value) for alt in cell.alternatives),
            "other_sources": tuple(sid for alt in cell.alternatives for sid in alt.source),
        }
        if cell.chosen_alternative is None:
            notes.append(
                note(
                    "software.disputed_default",
                    ref=cell.ref,
                    value=_note_value(cell.value),
                    **others,
                )
            )
        else:
            notes.append(
                note(
                    "software.disputed_alternative",
                    ref=cell.ref,
                    value=_note_value(cell.value),
                    alternative=cell.chosen_alternative,
                    **others,
                )
            )
    return notes


def _levels(inforce: InForce, row: str) -> tuple[str, ...]:
    """Return the rating levels a driver defines, in the order VL … XH."""
    defined = next(r for r in inforce.rows() if r.key == row).values
    return tuple(level for level in RATING_LEVELS if level in defined)


def _drivers(inforce: InForce) -> tuple[str, ...]:
    """Return the driver names (row keys) of a COCOMO table, in the table's order."""
    return tuple(r.key for r in inforce.rows() if r.key is not None)


def _ratings(
    given: object,
    *,
    name: str,
    inforce: InForce,
) -> dict[str, str]:
    """Check a ``{driver: level}`` mapping against a COCOMO table.

    Driver names and levels are matched without regard to case and surrounding spaces.

    Args:
        given: The caller's mapping.
        name: The parameter name used in messages.
        inforce: The table whose rows are the drivers and whose cells are the defined levels.

    Returns:
        ``{DRIVER: LEVEL}`` in upper case, for the drivers given.

    Raises:
        InputTypeError: ``given`` is not a mapping of strings to strings.
        InputError: an unknown driver, a driver given twice, or a level the driver does not define.
    """
    if not isinstance(given, Mapping):
        raise InputTypeError(
            f"'{name}' must be a mapping of driver to rating level (got {type(given).__name__})",
            field=name,
            hint='e.g. {"PREC": "N", "FLEX": "H"}',
        )
    drivers = _drivers(inforce)
    out: dict[str, str] = {}
    for key, level in given.items():
        if not isinstance(key, str) or not isinstance(level, str):
            raise InputTypeError(
                f"'{name}' maps driver names to level names, both strings (got {key!r}: {level!r})",
                field=name,
            )
        driver = key.strip().upper()
        if driver not in drivers:
            raise InputError(
                f"'{name}' has an unknown driver {key!r}; the drivers are: {', '.join(drivers)}",
                field=f"{name}.{key}",
            )
        if driver in out:
            raise InputError(
                f"'{name}' rates {driver} twice (as {key!r} and another spelling)",
                field=f"{name}.{key}",
            )
        rating = level.strip().upper()
        valid = _levels(inforce, driver)
        if rating not in valid:
            raise InputError(
                f"'{name}.{driver}' has rating {level!r}, which {driver} does not define; "
                f"its levels are: {', '.join(valid)}",
                field=f"{name}.{driver}",
                hint="levels are VL (very low), L, N (nominal), H, VH and XH (extra high)",
            )
        out[driver] = rating
    return out


def karner_effort(
    uucp: Decimal | int | str,
    tcf: Decimal | int | str,
    ef: Decimal | int | str,
    *,
    productivity: Decimal | int | str | None = None,
    hours_per_person_month: Decimal | int | str | None = None,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    norms: NormView | None = None,
) -> KarnerResult:
    """Compute Karner's use-case-point effort: hours = UUCP × TCF × EF × PF.

    Karner (1993), "Resource Estimation for Objectory Projects"; PF = 20 person-hours per use case
    point from ``karner-1993/productivity/value`` (``single`` source: Karner's own text was not
    readable) unless ``productivity`` is given.

    Args:
        uucp: Unadjusted use case points (zero or more).
        tcf: Technical complexity factor, 0.6 + 0.01 × TFW (greater than zero).
        ef: Environmental factor, 1.4 − 0.03 × EFW (greater than zero).
        productivity: Person-hours per use case point; Karner's value from the data by default.
        hours_per_person_month: Hours in a person-month. Only when given is the effort also
            expressed in person-months: there is no default.
        on: The date that selects the version of the data (required unless ``norms`` is given).
        registry: The registry; the shipped one by default.
        norms: The norms in force (``registry.at(on)``), instead of ``on`` and ``registry``;
            those may only repeat it.

    Returns:
        The effort with its trace and citations.

    Raises:
        InputTypeError: a float, a bool or another non-numeric type.
        InputError: a negative UUCP, a TCF, EF, productivity or hours figure not above zero, a
            malformed date, or an argument that contradicts ``norms``.
        NormNotFoundError: no version of ``karner-1993`` on that date.

    Examples:
        >>> r = karner_effort(Decimal("120"), Decimal("0.95"), Decimal("0.80"),
        ...                   hours_per_person_month=Decimal(160), on="2026-01-15")
        >>> r.ucp, r.hours, r.person_months
        (Decimal('91.2000'), Decimal('1824.0000'), Decimal('11.4000'))
    """
    view = resolve_norms(norms, registry=registry, on=on).view
    points = _number(uucp, "uucp", allow_zero=True)
    technical = _number(tcf, "tcf")
    environmental = _number(ef, "ef")
    per_month = (
        None
        if hours_per_person_month is None
        else _number(hours_per_person_month, "hours_per_person_month")
    )
    citations: list[CitedValue] = []
    notes = [note("software.karner_second_opinion")]
    if productivity is None:
        cell = view.value(KARNER_TABLE, "productivity", "value")
        pf = cell.number
        citations.append(cell)
        notes.append(
            note(
                "software.karner_productivity_data",
                productivity=pf,
                instrument=cell.instrument,
                table=cell.table_id,
                row=cell.row,
                column=cell.column,
                confidence=cell.confidence,
                sources=tuple(sid for sid, _ in cell.sources),
            )
        )
    else:
        pf = _number(productivity, "productivity")
        notes.append(note("software.karner_productivity_given", productivity=pf))
    with exact():
        ucp = points * technical * environmental
        hours = ucp * pf
        months = None if per_month is None else hours / per_month
    if per_month is None:
        notes.append(note("software.karner_hours_only"))
    return KarnerResult(
        uucp=points,
        tcf=technical,
        ef=environmental,
        ucp=ucp,
        productivity=pf,
        productivity_from_data=productivity is None,
        hours=hours,
        hours_per_person_month=per_month,
        person_months=months,
        on=view.on,
        citations=tuple(citations),
        notes=tuple(notes),
    )


def cocomo2(
    size_ksloc: Decimal | int | str,
    *,
    scale_factors: Mapping[str, str],
    effort_multipliers: Mapping[str, str] | None = None,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    alternatives: Mapping[str, int] | None = None,
    norms: NormView | None = None,
) -> CocomoResult:
    """Estimate effort and schedule with the COCOMO II.2000 Post-Architecture model.

    COCOMO II Model Definition Manual, Version 2.1 (USC CSE): PM = A × Size^E × Π EM_i with
    E = B + 0.01 × Σ SF_j (§1.2 eq. 1, §3); PM_NS leaves out SCED (§1.2); TDEV = C × PM_NS^F ×
    SCED% / 100 with F = D + 0.2 × (E − B) (§4 eq. 14). The constants and every rating value come
    from the tables named in the module docstring.

    Args:
        size_ksloc: Size in thousands of source lines of code (greater than zero); see
            :func:`ucp_to_ksloc` to convert use case points with a ratio you supply.
        scale_factors: The rating of each of the five scale factors, ``{"PREC": "N", "FLEX": "H",
            "RESL": "N", "TEAM": "VH", "PMAT": "L"}``. All five are required.
        effort_multipliers: Ratings of effort multipliers, ``{"RELY": "H", "SCED": "L", ...}``;
            a driver left out is taken at the default rating of ``cocomo2-constants`` (Nominal,
            value 1.00) and listed in :attr:`CocomoResult.defaulted`.
        on: The date that selects the version of the data (required unless ``norms`` is given).
        registry: The registry; the shipped one by default.
        alternatives: For disputed values, ``{"table/row/column": index}`` to use an alternative
            instead of the default, e.g. ``{"cocomo2-scale-factors/TEAM/VH": 0}`` for 1.01. Each
            must be used.
        norms: The norms in force (``registry.at(on)``), instead of ``on`` and ``registry``;
            those may only repeat it. The view's own alternatives are the caller's to check.

    Returns:
        The estimate (person-months and months, exact and not rounded) with every citation.

    Raises:
        InputTypeError: ``size_ksloc`` is a float or bool, or a rating mapping is not a mapping of
            strings.
        InputError: size not above zero; a scale factor missing; an unknown driver or a level the
            driver does not define (the message lists the valid ones); an alternative that is not
            used; a malformed date; an argument that contradicts ``norms``.
        NormNotFoundError: no version of the COCOMO tables on that date (before 2000-01-01).

    Examples:
        >>> vl = dict.fromkeys(["PREC", "FLEX", "RESL", "TEAM", "PMAT"], "VL")
        >>> r = cocomo2(100, scale_factors=vl, on="2026-01-15")
        >>> r.scale_factor_sum, r.exponent_e, round(r.effort_pm, 1)
        (Decimal('31.62'), Decimal('1.2262'), Decimal('833.2'))
    """
    look, owns_alternatives = resolve_norms(
        norms, registry=registry, on=on, alternatives=alternatives
    )
    size = _number(size_ksloc, "size_ksloc")
    sf_table = look.table(COCOMO_SCALE_FACTORS)
    em_table = look.table(COCOMO_EFFORT_MULTIPLIERS)

    sf_ratings = _ratings(scale_factors, name="scale_factors", inforce=sf_table)
    missing = [d for d in _drivers(sf_table) if d not in sf_ratings]
    if missing:
        raise InputError(
            f"'scale_factors' must rate all five scale factors; missing: {', '.join(missing)}",
            field="scale_factors",
            hint="scale factors have no default: rate each of "
            + ", ".join(_drivers(sf_table))
            + " (VL … XH)",
        )
    given_em = _ratings(
        {} if effort_multipliers is None else effort_multipliers,
        name="effort_multipliers",
        inforce=em_table,
    )
    em_drivers = _drivers(em_table)
    if SCHEDULE_DRIVER not in em_drivers:  # pragma: no cover - a user pack without SCED
        raise InputError(
            f"table {COCOMO_EFFORT_MULTIPLIERS} has no {SCHEDULE_DRIVER} row",
            code="norm-value-not-found",
            field=COCOMO_EFFORT_MULTIPLIERS,
        )

    a = look.number(COCOMO_CONSTANTS, "A", "value")
    b = look.number(COCOMO_CONSTANTS, "B", "value")
    c = look.number(COCOMO_CONSTANTS, "C", "value")
    d = look.number(COCOMO_CONSTANTS, "D", "value")
    sf_weight = look.number(COCOMO_CONSTANTS, "scale_factor_weight", "value")
    f_weight = look.number(COCOMO_CONSTANTS, "schedule_exponent_weight", "value")
    defaulted = tuple(driver for driver in em_drivers if driver not in given_em)
    em_ratings = dict(given_em)
    if defaulted:
        default = look.value(COCOMO_CONSTANTS, "default_effort_multiplier_rating", "value")
        for driver in defaulted:
            em_ratings[driver] = str(default.value)

    with exact():
        sf_sum = sum(
            (
                look.number(COCOMO_SCALE_FACTORS, driver, sf_ratings[driver])
                for driver in sf_ratings
            ),
            Decimal(0),
        )
        e = b + sf_weight * sf_sum
        eaf_ns = Decimal(1)
        sced = Decimal(1)
        for driver in em_drivers:
            multiplier = look.number(COCOMO_EFFORT_MULTIPLIERS, driver, em_ratings[driver])
            if driver == SCHEDULE_DRIVER:
                sced = multiplier
            else:
                eaf_ns *= multiplier
        eaf = eaf_ns * sced
        scaled = a * _power(size, e)
        pm_ns = scaled * eaf_ns
        pm = scaled * eaf
        f = d + f_weight * (e - b)
        sced_percent = look.number(COCOMO_SCED_PERCENT, em_ratings[SCHEDULE_DRIVER], "percent")
        tdev = c * _power(pm_ns, f) * sced_percent / _HUNDRED
    if owns_alternatives:
        look.check_alternatives_used(example="cocomo2-scale-factors/TEAM/VH")

    cited = look.cited
    return CocomoResult(
        size_ksloc=size,
        on=look.on,
        scale_factor_ratings={driver: sf_ratings[driver] for driver in _drivers(sf_table)},
        effort_multiplier_ratings={driver: em_ratings[driver] for driver in em_drivers},
        defaulted=defaulted,
        scale_factor_sum=sf_sum,
        exponent_e=e,
        effort_adjustment=eaf,
        effort_adjustment_nominal_schedule=eaf_ns,
        effort_pm=pm,
        effort_pm_nominal_schedule=pm_ns,
        exponent_f=f,
        sced_percent=sced_percent,
        schedule_months=tdev,
        citations=cited,
        notes=_cocomo_notes(cited, defaulted, em_ratings),
    )


def _cocomo_notes(
    cited: tuple[CitedValue, ...], defaulted: tuple[str, ...], ratings: Mapping[str, str]
) -> tuple[Note, ...]:
    """What a COCOMO figure is not, what was defaulted and which values are disputed."""
    notes = [note("software.cocomo_second_opinion")]
    not_primary = sum(1 for cell in cited if cell.confidence != "primary")
    if not_primary:
        notes.append(note("software.cocomo_not_primary", count=not_primary, total=len(cited)))
    if defaulted:
        notes.append(
            note(
                "software.cocomo_defaulted",
                rating=ratings[defaulted[0]],
                table=COCOMO_CONSTANTS,
                drivers=defaulted,
            )
        )
    notes.extend(_disputed_notes(cited))
    return tuple(notes)


def ucp_to_ksloc(ucp: Decimal | int | str, sloc_per_ucp: Decimal | int | str) -> Decimal:
    """Convert use case points to KSLOC with a ratio the caller supplies.

    No ratio of source lines per use case point is cited in ictcost's research notes, so there is no
    default: the ratio is the caller's assumption and should be stated with the result.

    Args:
        ucp: Use case points (greater than zero).
        sloc_per_ucp: Source lines of code per use case point (greater than zero).

    Returns:
        ``ucp × sloc_per_ucp / 1000``, exact.

    Raises:
        InputTypeError: a float, a bool or another non-numeric type.
        InputError: a value not above zero or not a number.

    Examples:
        >>> ucp_to_ksloc(Decimal("91.2"), 500)
        Decimal('45.6')
    """
    points = _number(ucp, "ucp")
    ratio = _number(sloc_per_ucp, "sloc_per_ucp")
    with exact():
        return points * ratio / _THOUSAND
