"""Structure rules: every fee on the base its norm defines, every part of the project covered.

These rules read the recomputed estimate's typed trace (:class:`~ictcost.estimate.trace.FeeTrace`:
the base used, the base the norm's definition gives, the lines left out or added) and its
coverage (:attr:`~ictcost.estimate.Estimate.fee_coverage`). The definitions are norm data:
``qd1688-items`` (column ``base``), ``qd1688-bases`` and ``qd1688-parts``; for project management
TT 04/2020 Phụ lục 02 item 3 formula 2.6 (G_THQLDA = T × (G_XL + G_TB) before tax).
"""

from __future__ import annotations

from collections.abc import Iterator

from ictcost.checks._base import Context, Hit, Param
from ictcost.checks.rules import rule
from ictcost.estimate.trace import FeeTrace

__all__: list[str] = []

_BASIS = "QĐ 1688/QĐ-BTTTT (Ci = Gi × Ni); TT 04/2020 Phụ lục 02 mục 3 (công thức 2.6)"


def _base_hits(ctx: Context, *, with_reason: bool) -> Iterator[Hit]:
    for ln in ctx.recomputed.lines:
        t = ln.trace
        if not isinstance(t, FeeTrace) or t.base_source == "derived" or t.derived_base is None:
            continue
        difference = t.fee.base - t.derived_base
        if difference == 0 or (t.override_reason is not None) != with_reason:
            continue
        params: dict[str, Param] = {
            "used": t.fee.base,
            "derived": t.derived_base,
            "difference": difference,
            "left_out": t.left_out,
            "added": t.added,
            "reason": t.override_reason or "",
        }
        yield Hit(params, line=ln.id, field="fee.base_lines", amount=difference)


@rule("STRUCT-FEE-BASE", severity="warning", basis=_BASIS)
def _fee_base(ctx: Context) -> Iterator[Hit]:
    """A fee's base differs from the base its norm defines, and no reason is given.

    The line gives its own base (`base_lines` or `base`) and it is not the sum of the lines the
    norm's definition puts in the base (the groups and the part of `qd1688-bases`): the finding
    names the lines left out and added and the difference in đồng. Drop the override to use the
    definition, or give `base_reason` (then STRUCT-FEE-BASE-OVERRIDE records it).
    """
    yield from _base_hits(ctx, with_reason=False)


@rule("STRUCT-FEE-BASE-OVERRIDE", severity="info", basis=_BASIS)
def _fee_base_override(ctx: Context) -> Iterator[Hit]:
    """A fee's base was overridden with a reason (accepted, for the record).

    The override differs from the norm's definition by the amount shown; the reason given is
    quoted so that the appraiser can weigh it.
    """
    yield from _base_hits(ctx, with_reason=True)


@rule("STRUCT-FEE-PART", severity="warning", basis=_BASIS, cases=("missing", "twice"))
def _fee_part(ctx: Context) -> Iterator[Hit]:
    """A part of the project is outside every base of a fee item the estimate prices, or in two.

    For each fee item the estimate prices, every line the norm's definition puts in the item's
    base (for its part: infrastructure 'a' or software/database 'b') must be in the base of exactly
    one line of that item: a part left without the item (the infrastructure part of a KTKT report
    with no lập BCKTKT for it, a database line outside every project-management base) or a line
    counted in two bases.
    """
    for cov in ctx.recomputed.fee_coverage:
        if cov.missing_lines:
            yield Hit(
                {
                    "item": cov.item,
                    "part": cov.part,
                    "lines": cov.missing_lines,
                    "amount": cov.missing_amount,
                },
                case="missing",
                amount=cov.missing_amount,
            )
        if cov.double_lines:
            yield Hit(
                {"item": cov.item, "part": cov.part, "lines": cov.double_lines},
                case="twice",
            )


@rule(
    "STRUCT-REFERENCE-IN-TOTAL",
    severity="warning",
    basis="NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5 (the listed methods)",
)
def _reference_in_total(ctx: Context) -> Iterator[Hit]:
    """A figure of a method the regime lists only as a reference is in the totals.

    Under NĐ 45/2026 and NĐ 224/2026 the % norms of QĐ 1688 (and, for equipment, the use-case-point
    method) are not listed methods: such a figure belongs beside a line priced by a listed method
    (`reference_for`), not in the totals, unless it is the only figure of that cost.
    """
    for ln in ctx.recomputed.lines:
        if ln.method_status == "reference" and ln.in_total:
            yield Hit({"method": ln.method, "amount": ln.total}, line=ln.id, amount=ln.total)
