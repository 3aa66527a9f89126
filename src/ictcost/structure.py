"""The legal structure of an estimate, read from cited norm tables instead of Python constants.

Four tables of ``norms/vn/regimes/`` hold what used to be code:

* ``statutory-groups``: the cost groups (khoản mục chi phí) of each regime and project form, with
  their symbol and member components — NĐ 73/2019 Điều 19 k2 with TT 04/2020 Phụ lục 01 formula 1.1;
  NĐ 45/2026 Điều 16 k2–k3; NĐ 224/2026 Điều 49 k2–k3 and Điều 67 k2 h;
* ``method-rules``: when a line's method counts as listed by the regime (equivalent methods) and
  which unlisted methods are still computed as a reference estimate (ictcost's reading of the lists
  of ``cost-methods``);
* ``regime-facts``: yes/no rules that differ by regime (the TT 12/2020 annuity rental; a KTKT report
  above the one-step ceiling when the decision-maker allows it, NĐ 45/2026 Điều 9 k2 a, NĐ 224/2026
  Điều 42 k2);
* ``legal-dates``: dates that add a note (TT 18/2024/TT-BTTTT signed 30/12/2024; TT 39/2026/TT-BKHCN
  in force 01/07/2026).

Every function takes the :class:`~ictcost.norms.registry.NormRegistry` and the date to read; none
reaches a global registry. The regime-bound tables are versioned like the ``regimes`` timeline:
read them on a date inside the regime's own period (under a transitional override, the estimate's
rule date), and pass the regime's id, which is checked against the ``regimes`` table.

Examples:
    >>> import datetime as dt
    >>> from ictcost.norms import NormRegistry
    >>> reg = NormRegistry.shipped()
    >>> groups = statutory_groups(
    ...     reg, dt.date(2026, 8, 1), regime_id="nd224_2026", form="rental_plan"
    ... )
    >>> [(g.key, g.symbol) for g in groups]
    [('thue_dich_vu', 'G_TDV'), ('quan_ly_du_an', 'G_QLDA'), ('tu_van', 'G_TV'), ('chi_phi_khac', 'G_K')]
    >>> method_rules(reg, dt.date(2026, 8, 1)).status("norm", "tu_van", ["quotation", "expert"])
    'reference'
    >>> annuity_rental_allowed(reg, dt.date(2025, 5, 1), regime_id="nd73_2019").value
    True
    >>> tt18_2024_signed(reg, dt.date(2025, 5, 1)).applies_on(dt.date(2025, 5, 1))
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ictcost.errors import InputError, NormConsistencyError, NormNotFoundError, RegimeError
from ictcost.norms.models import Row
from ictcost.norms.registry import CitedValue, NormRegistry, as_date

__all__ = [
    "GROUPS_TABLE",
    "LEGAL_DATES_TABLE",
    "METHOD_RULES_TABLE",
    "REGIME_FACTS_TABLE",
    "DatedFact",
    "MethodRule",
    "MethodRules",
    "MethodStatus",
    "RegimeFact",
    "StatutoryGroup",
    "annuity_rental_allowed",
    "bad_cell",
    "cell_flag",
    "cell_word",
    "cell_words",
    "group_by_component",
    "legal_date",
    "method_rules",
    "one_step_above_ceiling_allowed",
    "regime_fact",
    "statutory_groups",
    "tt18_2024_signed",
    "tt39_2026_in_force",
]

GROUPS_TABLE = "statutory-groups"
"""The table of cost groups per regime and form (rows ``<form>.<group>``)."""
METHOD_RULES_TABLE = "method-rules"
"""The table of method equivalences and reference-only methods (rows per method)."""
REGIME_FACTS_TABLE = "regime-facts"
"""The table of yes/no rules that differ by regime (column ``value``)."""
LEGAL_DATES_TABLE = "legal-dates"
"""The table of dates that add a note (columns ``date`` and ``applies``)."""
_REGIMES_TABLE = "regimes"

MethodStatus = Literal["listed", "reference", "not_allowed"]
"""How a line's method stands against the regime's list (listed, reference, not allowed)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StatutoryGroup(_Frozen):
    """One statutory cost group of an estimate (e.g. *Chi phí thiết bị*, ``G_TB``).

    Attributes:
        key: The group's key (``thiet_bi``, ``trang_thiet_bi``, ``thue_dich_vu`` …).
        label_vi: Its statutory name (``Chi phí thiết bị``).
        label_en: Its English name, when the data has one.
        symbol: Its symbol in formulas (``G_TB``).
        components: The cost components (keys of ``cost-methods``) summed in the group.
        order: Its position in the structure, 1 first.
        citations: The cited cells it was built from (symbol, components, order).
    """

    key: str
    label_vi: str
    label_en: str | None
    symbol: str
    components: tuple[str, ...]
    order: int
    citations: tuple[CitedValue, ...]


class MethodRule(_Frozen):
    """How one method word is matched against a regime's list of methods.

    Attributes:
        method: The method word (``quotation``).
        label_vi: Its Vietnamese name.
        label_en: Its English name, when the data has one.
        counts_as: The listed words that make the method count as listed (itself included).
        reference_for: The components for which the method, when not listed, is still computed
            and flagged as a reference estimate.
        citations: The cited cells of the rule.
    """

    method: str
    label_vi: str
    label_en: str | None
    counts_as: frozenset[str]
    reference_for: frozenset[str]
    citations: tuple[CitedValue, ...]


class MethodRules(_Frozen):
    """The method rules in force on a date (table ``method-rules``).

    Attributes:
        rules: One rule per method word, in the table's order.
    """

    rules: tuple[MethodRule, ...]

    @property
    def equivalents(self) -> dict[str, frozenset[str]]:
        """Method → the listed words that make it count as listed."""
        return {r.method: r.counts_as for r in self.rules}

    @property
    def reference_only(self) -> frozenset[tuple[str, str]]:
        """``(method, component)`` pairs computed as a reference where the method is not listed."""
        return frozenset((r.method, c) for r in self.rules for c in r.reference_for)

    @property
    def citations(self) -> tuple[CitedValue, ...]:
        """Every cited cell of the rules."""
        return tuple(c for r in self.rules for c in r.citations)

    def rule(self, method: str) -> MethodRule:
        """Return the rule of one method.

        Args:
            method: The method word.

        Returns:
            The rule.

        Raises:
            InputError: no rule for that method (code ``input-invalid``).
        """
        for r in self.rules:
            if r.method == method:
                return r
        raise InputError(
            f"no method rule for {method!r} in table {METHOD_RULES_TABLE}",
            field="method",
            hint=f"methods with a rule: {', '.join(r.method for r in self.rules)}; "
            "a given amount uses method 'fixed' and needs no rule",
        )

    def status(self, method: str, component: str, allowed: Iterable[str]) -> MethodStatus:
        """Return how a line's method stands against the methods a regime lists.

        Listed when the regime lists the method or an equivalent (``quotation`` where the regime
        lists ``market_price``); a reference when the pair is reference-only (a QĐ 1688 % norm for
        project management under NĐ 224/2026); otherwise not allowed.

        Args:
            method: The line's method.
            component: The line's component.
            allowed: The methods the regime lists for the component (``cost-methods``).

        Returns:
            ``listed``, ``reference`` or ``not_allowed``.

        Raises:
            InputError: no rule for that method.
        """
        rule = self.rule(method)
        if rule.counts_as & set(allowed):
            return "listed"
        if component in rule.reference_for:
            return "reference"
        return "not_allowed"


class RegimeFact(_Frozen):
    """A yes/no rule of one regime (table ``regime-facts``).

    Attributes:
        key: The rule's row key (``annuity_rental_allowed``).
        regime_id: The regime it was read for.
        value: The answer.
        citation: The cited cell.
    """

    key: str
    regime_id: str
    value: bool
    citation: CitedValue


class DatedFact(_Frozen):
    """A cited date that adds a note to results from (or after) it (table ``legal-dates``).

    Attributes:
        key: The row key (``tt18_2024_signed``).
        date: The cited date.
        applies: ``after`` (for dates after ``date``) or ``from`` (on or after it).
        citations: The cited cells (the date, the rule).
    """

    key: str
    date: dt.date
    applies: Literal["after", "from"]
    citations: tuple[CitedValue, ...]

    def applies_on(self, on: dt.date) -> bool:
        """Return whether the note applies on a date.

        Args:
            on: The date of the project or computation.

        Returns:
            ``on > date`` for ``after``, ``on >= date`` for ``from``.
        """
        return on > self.date if self.applies == "after" else on >= self.date


# --- helpers -----------------------------------------------------------------------------------


def bad_cell(cell: CitedValue, expected: str) -> NormConsistencyError:
    """Return the error for a norm cell that does not hold what the structure reads from it."""
    return NormConsistencyError(
        f"{cell.ref} must be {expected} (got {cell.value!r})",
        field=cell.ref,
        hint=f"correct the table {cell.table_id} ({cell.origin.path or cell.origin.pack})",
        table_id=cell.table_id,
    )


def cell_word(cell: CitedValue) -> str:
    """Return a cell's value as a word (a key), or raise :func:`bad_cell`'s error."""
    if isinstance(cell.value, str):
        return cell.value
    raise bad_cell(cell, "a word")


def cell_words(cell: CitedValue) -> tuple[str, ...]:
    """Return a cell's value as a list of words, or raise :func:`bad_cell`'s error."""
    if isinstance(cell.value, tuple) and all(isinstance(v, str) for v in cell.value):
        return tuple(str(v) for v in cell.value)
    raise bad_cell(cell, "a list of words")


def cell_flag(cell: CitedValue) -> bool:
    """Return a cell's value as true or false, or raise :func:`bad_cell`'s error."""
    if isinstance(cell.value, bool):
        return cell.value
    raise bad_cell(cell, "true or false")


def _regime_ids(registry: NormRegistry) -> list[str]:
    table = registry.table(_REGIMES_TABLE)
    return [
        str(registry.get(_REGIMES_TABLE, v.valid_from).value("regime", "value").value)
        for v in table.versions
    ]


def _check_regime(registry: NormRegistry, day: dt.date, regime_id: str) -> None:
    """Raise unless ``regime_id`` is the regime of the ``regimes`` table in force on ``day``."""
    known = _regime_ids(registry)
    if regime_id not in known:
        raise RegimeError(
            f"unknown regime {regime_id!r}",
            field="regime_id",
            hint=f"known regimes: {', '.join(known)}",
        )
    try:
        inforce = registry.get(_REGIMES_TABLE, day)
    except NormNotFoundError as exc:
        raise RegimeError(
            f"no legal regime of ictcost covers {day.isoformat()}",
            field="on",
            hint="give a date inside the regime timeline (see `ictcost norms show regimes`)",
        ) from exc
    current = str(inforce.value("regime", "value").value)
    if current != regime_id:
        version = registry.table(_REGIMES_TABLE).versions[known.index(regime_id)]
        raise RegimeError(
            f"regime {regime_id} is not in force on {day.isoformat()} ({current} is)",
            field="on",
            hint=f"read the structure of {regime_id} on a date of its own period "
            f"({version.period}); under a transitional override use the estimate's rule date",
        )


# --- statutory groups --------------------------------------------------------------------------


def statutory_groups(
    registry: NormRegistry,
    on: dt.date | str,
    *,
    regime_id: str,
    form: str,
) -> tuple[StatutoryGroup, ...]:
    """Return the statutory cost groups of an estimate, in their legal order.

    Legal basis: NĐ 73/2019 Điều 19 k2 and TT 04/2020 Phụ lục 01 formula 1.1
    (V = GXL + GTB + GQLDA + GTV + GK + GDP); under NĐ 73/2019 a rental plan has the TT 12/2020
    structure of a custom IT-service rental (Gt = Gtdv + Gv + Gbt + Gk) and a recurrent-budget task
    (``recurrent_task``) the items of TT 03/2020 Điều 5 k2; NĐ 45/2026 Điều 16 k2 (system and
    purchase projects) and k3 (rental projects); NĐ 224/2026 Điều 49 k2–k3 and Điều 67 k2 h
    (rental plans). The groups of a KTKT report, of a purchase under NĐ 73/2019, management and
    consultancy inside G_k of a TT 12/2020 rental plan, the content of the TT 03/2020 items, a
    rental plan after 2026-03-01 and the symbols after 2026-03-01 are ictcost's reading (marked
    ``inferred`` in the data). Dự phòng is computed on its own and is not a group here.

    Args:
        registry: The norm registry to read.
        on: The date to read (inside the regime's own period).
        regime_id: The regime applied (``nd73_2019``, ``nd45_2026``, ``nd224_2026``); it must be
            the regime in force on ``on``.
        form: The cost structure (``investment_project``, ``ktkt``, ``rental_plan``,
            ``purchase``; ``recurrent_task`` under NĐ 73/2019 only).

    Returns:
        The groups, sorted by ``order``.

    Raises:
        RegimeError: the regime is unknown or not in force on ``on`` (code ``regime-not-found``).
        InputError: the form has no groups in the table version of ``on`` (code
            ``input-invalid``; the message names the regime when another version has the form),
            or ``on`` is not a date.
        NormNotFoundError: the table has no version on ``on``.
        NormConsistencyError: a cell of the table has the wrong type, or two groups share a
            position.

    Examples:
        >>> import datetime as dt
        >>> from ictcost.norms import NormRegistry
        >>> g = statutory_groups(
        ...     NormRegistry.shipped(), "2025-05-01", regime_id="nd73_2019", form="ktkt"
        ... )
        >>> [x.symbol for x in g]
        ['G_XL', 'G_TB', 'G_QLDA', 'G_TV', 'G_K']
    """
    day = as_date(on)
    _check_regime(registry, day, regime_id)
    inforce = registry.get(GROUPS_TABLE, day)
    rows = [r for r in inforce.rows() if r.key is not None and r.key.partition(".")[0] == form]
    if not rows:
        raise _no_structure(
            registry,
            day,
            regime_id=regime_id,
            form=form,
            period=inforce.version.period,
            rows=inforce.rows(),
        )
    groups: list[StatutoryGroup] = []
    for row in rows:
        assert row.key is not None  # filtered above
        group = row.key.partition(".")[2]
        if not group:
            raise NormConsistencyError(
                f"row {row.key!r} of table {GROUPS_TABLE} names no group",
                field=f"{GROUPS_TABLE}/{row.key}",
                hint="write the row key as <form>.<group>, e.g. ktkt.tu_van",
                table_id=GROUPS_TABLE,
            )
        symbol = inforce.value(row.key, "symbol")
        components = inforce.value(row.key, "components")
        order = inforce.value(row.key, "order")
        if not isinstance(order.value, Decimal) or order.value != order.value.to_integral_value():
            raise bad_cell(order, "a whole number")
        label = row.label
        groups.append(
            StatutoryGroup(
                key=group,
                label_vi=label.vi if label else group,
                label_en=label.en if label else None,
                symbol=cell_word(symbol),
                components=cell_words(components),
                order=int(order.value),
                citations=(symbol, components, order),
            )
        )
    groups.sort(key=lambda g: g.order)
    positions = [g.order for g in groups]
    if len(set(positions)) != len(positions):
        raise NormConsistencyError(
            f"two groups of form {form!r} share a position in table {GROUPS_TABLE} "
            f"({inforce.version.period}): {positions}",
            field=f"{GROUPS_TABLE}/{form}",
            hint="give every group of a form its own order",
            table_id=GROUPS_TABLE,
        )
    return tuple(groups)


def _decree_name(registry: NormRegistry, day: dt.date, regime_id: str) -> str:
    """``NĐ 224/2026`` for the regime in force on ``day`` (its id when the table names no decree)."""
    inforce = registry.get(_REGIMES_TABLE, day)
    if not inforce.has("decree", "value"):
        return regime_id
    decree = str(inforce.value("decree", "value").value)
    return f"NĐ {decree.removesuffix('/NĐ-CP')}" if decree.endswith("/NĐ-CP") else decree


def _no_structure(
    registry: NormRegistry,
    day: dt.date,
    *,
    regime_id: str,
    form: str,
    period: str,
    rows: Iterable[Row],
) -> InputError:
    """The error for a form with no groups on ``day``: unknown, or a structure of another regime."""
    forms = ", ".join(sorted({r.key.partition(".")[0] for r in rows if r.key}))
    elsewhere = [
        v.period
        for v in registry.table(GROUPS_TABLE).versions
        if any(r.key and r.key.partition(".")[0] == form for r in v.rows)
    ]
    if not elsewhere:
        return InputError(
            f"unknown project form {form!r} in table {GROUPS_TABLE} ({period})",
            field="form",
            hint=f"forms: {forms}",
        )
    return InputError(
        f"no structure {form!r} is encoded under {_decree_name(registry, day, regime_id)} "
        f"({regime_id}, {period}) in table {GROUPS_TABLE}",
        field="form",
        hint=f"forms: {forms}; {form!r} is a structure of {', '.join(elsewhere)} only",
    )


def group_by_component(groups: Iterable[StatutoryGroup]) -> dict[str, str]:
    """Map each component to the key of the group it is summed in.

    Args:
        groups: The groups of one structure (from :func:`statutory_groups`).

    Returns:
        ``{component: group key}``; a component of no group is absent.
    """
    return {c: g.key for g in groups for c in g.components}


# --- method rules ------------------------------------------------------------------------------


def method_rules(registry: NormRegistry, on: dt.date | str) -> MethodRules:
    """Return the rules that match a line's method against the regime's list.

    Legal basis: ictcost's reading (values marked ``inferred``) of NĐ 73/2019 Điều 19 k4,
    Điều 28 k2 and TT 04/2020 Điều 5 (market prices from quotations; Phụ lục 05 expert estimate as
    a detailed estimate), and of NĐ 45/2026 Điều 16 k4–k5 and NĐ 224/2026 Điều 49 k4–k5, which name
    no % norm: the QĐ 1688 norms (project management, consultancy, other costs) and the QĐ 671
    use-case points (internal software) are then computed as a labelled reference.

    Args:
        registry: The norm registry to read.
        on: The date to read.

    Returns:
        The rules, one per method word.

    Raises:
        NormNotFoundError: the table has no version on ``on``.
        NormConsistencyError: a cell is not a list of words.
        InputError: ``on`` is not a date.
    """
    inforce = registry.get(METHOD_RULES_TABLE, as_date(on))
    rules = []
    for row in inforce.rows():
        assert row.key is not None  # a rule_set has keyed rows
        counts = inforce.value(row.key, "counts_as")
        cites = [counts]
        reference: tuple[str, ...] = ()
        if inforce.has(row.key, "reference_for"):
            cell = inforce.value(row.key, "reference_for")
            reference = cell_words(cell)
            cites.append(cell)
        rules.append(
            MethodRule(
                method=row.key,
                label_vi=row.label.vi if row.label else row.key,
                label_en=row.label.en if row.label else None,
                counts_as=frozenset(cell_words(counts)),
                reference_for=frozenset(reference),
                citations=tuple(cites),
            )
        )
    return MethodRules(rules=tuple(rules))


# --- regime facts ------------------------------------------------------------------------------


def regime_fact(
    registry: NormRegistry, on: dt.date | str, *, regime_id: str, key: str
) -> RegimeFact:
    """Return one yes/no rule of a regime (table ``regime-facts``).

    Args:
        registry: The norm registry to read.
        on: The date to read (inside the regime's own period).
        regime_id: The regime applied; it must be the regime in force on ``on``.
        key: The rule's row key (``annuity_rental_allowed``, ``one_step_above_ceiling_allowed``).

    Returns:
        The rule's answer with its citation.

    Raises:
        RegimeError: the regime is unknown or not in force on ``on``.
        NormNotFoundError: no such rule (code ``norm-value-not-found``; the hint lists the rows)
            or no version on ``on``.
        NormConsistencyError: the value is not ``true`` or ``false``.
    """
    day = as_date(on)
    _check_regime(registry, day, regime_id)
    cell = registry.get(REGIME_FACTS_TABLE, day).value(key, "value")
    return RegimeFact(key=key, regime_id=regime_id, value=cell_flag(cell), citation=cell)


def annuity_rental_allowed(
    registry: NormRegistry, on: dt.date | str, *, regime_id: str
) -> RegimeFact:
    """Return whether the TT 12/2020/TT-BTTTT annuity formula may price an IT-service rental.

    Legal basis: TT 12/2020/TT-BTTTT (in force 14/07/2020) under NĐ 73/2019 — allowed for the whole
    NĐ 73/2019 period (ictcost's reading, ``inferred``); NĐ 45/2026 Điều 16 k4 and NĐ 224/2026
    Điều 67 k3 name no cost-calculation method for rentals — not allowed.

    Args:
        registry: The norm registry to read.
        on: The date to read (inside the regime's own period).
        regime_id: The regime applied.

    Returns:
        The answer with its citation.

    Raises:
        RegimeError: the regime is unknown or not in force on ``on``.
    """
    return regime_fact(registry, on, regime_id=regime_id, key="annuity_rental_allowed")


def one_step_above_ceiling_allowed(
    registry: NormRegistry, on: dt.date | str, *, regime_id: str
) -> RegimeFact:
    """Return whether the decision-maker may allow a KTKT report above the one-step ceiling.

    Legal basis: NĐ 45/2026 Điều 9 k2 a (≤ 20 tỷ, or larger if the decision-maker allows) and
    NĐ 224/2026 Điều 42 k2 — allowed; NĐ 73/2019 Điều 10 k2 b has no such clause — not allowed
    (ictcost's reading, ``inferred``). The ceiling itself is in the ``regimes`` table.

    Args:
        registry: The norm registry to read.
        on: The date to read (inside the regime's own period).
        regime_id: The regime applied.

    Returns:
        The answer with its citation.

    Raises:
        RegimeError: the regime is unknown or not in force on ``on``.
    """
    return regime_fact(registry, on, regime_id=regime_id, key="one_step_above_ceiling_allowed")


# --- legal dates -------------------------------------------------------------------------------


def legal_date(registry: NormRegistry, on: dt.date | str, *, key: str) -> DatedFact:
    """Return a cited date that adds a note to results (table ``legal-dates``).

    Args:
        registry: The norm registry to read.
        on: The date to read (any date ictcost computes for).
        key: The row key (``tt18_2024_signed``, ``tt39_2026_in_force``).

    Returns:
        The date, how it applies and its citations.

    Raises:
        NormNotFoundError: no such row (code ``norm-value-not-found``) or no version on ``on``.
        NormConsistencyError: the date or the rule has the wrong type.
    """
    inforce = registry.get(LEGAL_DATES_TABLE, as_date(on))
    date = inforce.value(key, "date")
    applies = inforce.value(key, "applies")
    if not isinstance(date.value, dt.date):
        raise bad_cell(date, "a date")
    if applies.value not in ("after", "from"):
        raise bad_cell(applies, "'after' or 'from'")
    return DatedFact(
        key=key,
        date=date.value,
        applies="after" if applies.value == "after" else "from",
        citations=(date, applies),
    )


def tt18_2024_signed(registry: NormRegistry, on: dt.date | str) -> DatedFact:
    """Return the signing date of TT 18/2024/TT-BTTTT (30/12/2024, three secondary sources).

    For a project dated after it, the contingency cap of TT 04/2020/TT-BTTTT (Phụ lục 02 item 6:
    Kps ≤ 7 %, ≤ 5 % for KTKT) carries a note: TT 18/2024 probably superseded it, and its
    contingency rule was not read.

    Args:
        registry: The norm registry to read.
        on: The date to read.

    Returns:
        The dated fact (``applies`` is ``after``).

    Examples:
        >>> import datetime as dt
        >>> from ictcost.norms import NormRegistry
        >>> fact = tt18_2024_signed(NormRegistry.shipped(), dt.date(2024, 12, 30))
        >>> fact.date, fact.applies_on(dt.date(2024, 12, 30)), fact.applies_on(dt.date(2024, 12, 31))
        (datetime.date(2024, 12, 30), False, True)
    """
    return legal_date(registry, on, key="tt18_2024_signed")


def tt39_2026_in_force(registry: NormRegistry, on: dt.date | str) -> DatedFact:
    """Return the date TT 39/2026/TT-BKHCN took effect (01/07/2026, two secondary sources).

    From it on IT costs are governed by TT 39/2026, whose text was not read: whether it keeps the
    QĐ 671/QĐ-BTTTT use-case-point method is unknown, so such results are flagged.

    Args:
        registry: The norm registry to read.
        on: The date to read.

    Returns:
        The dated fact (``applies`` is ``from``).
    """
    return legal_date(registry, on, key="tt39_2026_in_force")
