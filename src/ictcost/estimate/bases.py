"""The base of each QĐ 1688 fee, derived from the norm's own definition, and its coverage.

A fee item's row of ``qd1688-items`` names its base (column ``base``); ``qd1688-bases`` defines
that base as the pre-VAT amounts of the lines of some statutory groups (and components) of the
fee's part — for project management TT 04/2020 Phụ lục 02 item 3 formula 2.6,
``G_THQLDA = T × (G_XL + G_TB)`` before tax. A line's part is stated on the line (``part``) or
read from ``qd1688-parts`` by its component. Fee lines, and reference figures shown beside a
listed-method line (``reference_for``), are never in a base.

The coverage of an estimate says, for every fee item it prices, which lines the norm's
definitions put in the item's bases and which fee line took each: a part with lines but no fee
line of the item, or a line in two bases of one item, is a gap the estimate notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from ictcost.documents import PARTS_TABLE, FeeBaseDefinition, default_part, fee_base_definition
from ictcost.errors import InputError
from ictcost.estimate._context import Context, line_error
from ictcost.estimate.model import FeeSpec, LineInput
from ictcost.estimate.result import FeeCoverage
from ictcost.estimate.trace import FeeTrace
from ictcost.fees import ITEMS_TABLE, compute_fee
from ictcost.keys import PARTS, Part
from ictcost.norms.registry import CitedValue

__all__ = [
    "DerivedBase",
    "FeeCoverage",
    "base_definition",
    "check_base_known",
    "derive_base",
    "fee_coverage",
    "line_part",
]


class DerivedBase(BaseModel):
    """The base the norm's definition gives a fee: its lines and amount.

    Attributes:
        key: The base key (``xay_lap_thiet_bi``, ``phan_mem_noi_bo`` …).
        part: The part whose lines were summed, or ``None`` for both parts (the project total).
        lines: The ids of the lines in the base, in the estimate's order.
        amount: The sum of their pre-VAT amounts.
        assumed: The lines whose part came from an inferred default (named in the notes).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    part: Part | None
    lines: tuple[str, ...]
    amount: Decimal
    assumed: tuple[str, ...] = ()


def base_definition(ctx: Context, item: str, part: Part) -> FeeBaseDefinition | None:
    """Return the base definition of an item for a part and the project's document, if priced."""
    key = f"{item}.{part}.{ctx.profile.fee_form}"
    if ctx.norms.row(ITEMS_TABLE, key) is None:
        return None
    cell = ctx.norms.value(ITEMS_TABLE, key, "base")
    return fee_base_definition(ctx.registry, ctx.date, str(cell.value))


def line_part(ctx: Context, line: LineInput) -> Part | None:
    """The part a line is placed in for the fee bases.

    ``None`` when its component has no default part (a rented service without ``part``) or can
    be in no fee base (no row in ``qd1688-parts``: management, consultancy, other costs).
    """
    if line.part is not None:
        return line.part
    if ctx.registry.get(PARTS_TABLE, ctx.date).version.row(line.component) is None:
        return None
    return default_part(ctx.registry, ctx.date, line.component).part


def _part_of(ctx: Context, line: LineInput) -> tuple[Part | None, CitedValue | None]:
    if line.part is not None:
        return line.part, None
    found = default_part(ctx.registry, ctx.date, line.component)
    return found.part, found.citation


def _members(ctx: Context, definition: FeeBaseDefinition) -> Iterable[LineInput]:
    for line in ctx.project.lines:
        if line.method == "norm" or line.reference_for is not None or line.id not in ctx.done:
            continue  # fee lines, reference figures, lines that could not be computed
        group = ctx.group_of.get(line.component)
        if group is not None and definition.holds(group, line.component):
            yield line


def derive_base(
    ctx: Context, fee_line: LineInput, definition: FeeBaseDefinition, *, part: Part | None
) -> DerivedBase:
    """Derive a fee's base from its definition: the computed lines of the groups and the part.

    Every fee line is computed after the lines it can be based on, so a base is derived once per
    base key and part and shared by the fee lines and the coverage (linear in the lines).

    Args:
        ctx: The estimate's context (every non-fee line is computed).
        fee_line: The fee line (named in errors).
        definition: The base definition.
        part: The part whose lines are summed, or ``None`` for both (the project total).

    Raises:
        InputError: a line in the base's groups has no part (its component has no default).
    """
    key = (definition.key, part)
    found = ctx.bases.get(key)
    if found is None:
        found = ctx.bases[key] = _derive(ctx, definition, part=part)
    if isinstance(found, DerivedBase):
        return found
    assert isinstance(found, str)
    raise line_error(
        fee_line,
        f"line {found} is in the groups of this fee's base but has no part, and its component "
        "has no default part (table qd1688-parts)",
        f"give line {found} part: infrastructure or software",
        field="fee",
    )


def _derive(ctx: Context, definition: FeeBaseDefinition, *, part: Part | None) -> DerivedBase | str:
    """The derived base, or the line (``'id' (component)``) that has no part."""
    lines: list[str] = []
    assumed: list[str] = []
    amount = Decimal(0)
    for line in _members(ctx, definition):
        line_part, cited = _part_of(ctx, line)
        if line_part is None:
            return f"{line.id!r} ({line.component})"
        if part is not None and line_part != part:
            continue
        lines.append(line.id)
        amount += ctx.done[line.id].amount
        if cited is not None and cited.confidence == "inferred":
            assumed.append(line.id)
    return DerivedBase(
        key=definition.key, part=part, lines=tuple(lines), amount=amount, assumed=tuple(assumed)
    )


def check_base_known(ctx: Context, line: LineInput, spec: FeeSpec) -> FeeBaseDefinition:
    """Return the base definition of a fee line, or raise the fee's own refusal if not priced."""
    definition = base_definition(ctx, spec.item, spec.category)
    if definition is None:
        # the fee module says why (unknown item, or not priced for the category and document)
        compute_fee(
            spec.item,
            category=spec.category,
            form=ctx.profile.fee_form,
            base=1,
            norms=ctx.norms,
        )
        msg = f"{spec.item}: no base definition"  # pragma: no cover - compute_fee raised
        raise InputError(msg)  # pragma: no cover
    return definition


def fee_coverage(
    ctx: Context, fee_lines: Sequence[tuple[LineInput, tuple[str, ...]]]
) -> tuple[FeeCoverage, ...]:
    """Return, for every fee item the estimate prices, how its fee lines cover each part.

    Args:
        ctx: The estimate's context (every line computed).
        fee_lines: Each fee line with the ids of the lines its base summed.

    A reference figure shown beside another line covers nothing; the lines an override with a
    ``base_reason`` leaves out are not missing (they were left out on purpose).
    """
    by_item: dict[str, list[tuple[LineInput, tuple[str, ...]]]] = {}
    for line, used in fee_lines:
        assert line.fee is not None
        if line.reference_for is None:  # a reference figure beside another line covers nothing
            by_item.setdefault(line.fee.item, []).append((line, used))
    out: list[FeeCoverage] = []
    for item, entries in by_item.items():
        taken: dict[str, int] = {}
        excused: set[str] = set()
        for line, used in entries:
            for lid in used:
                taken[lid] = taken.get(lid, 0) + 1
            trace = ctx.done[line.id].trace
            if isinstance(trace, FeeTrace) and trace.override_reason is not None:
                excused.update(trace.left_out)  # left out on purpose, with the reason given
        for part in PARTS:
            definition = base_definition(ctx, item, part)
            if definition is None:
                continue
            try:
                expected = derive_base(ctx, entries[0][0], definition, part=part)
            except InputError:
                continue  # a line without a part: the fee line that derives its base says so
            mine = tuple(
                ln.id for ln, _ in entries if ln.fee is not None and ln.fee.category == part
            )
            if not expected.lines and not mine:
                continue
            missing = tuple(i for i in expected.lines if i not in taken and i not in excused)
            out.append(
                FeeCoverage(
                    item=item,
                    part=part,
                    base_key=definition.key,
                    fee_lines=mine,
                    expected_lines=expected.lines,
                    expected_amount=expected.amount,
                    missing_lines=missing,
                    missing_amount=sum((ctx.done[i].amount for i in missing), Decimal(0)),
                    double_lines=tuple(i for i in expected.lines if taken.get(i, 0) > 1),
                )
            )
    return tuple(out)
