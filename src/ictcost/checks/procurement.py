"""Procurement rules: the direct-appointment limit, the legal grounds of an exemption, splitting.

A package's price (giá gói thầu) "được tính đúng, tính đủ toàn bộ chi phí để thực hiện gói thầu, kể
cả chi phí dự phòng …, phí, lệ phí và thuế" (NĐ 214/2025/NĐ-CP Điều 18 k1): the rules hold against
the limit a package's stated ``value``, or else the after-VAT total of its lines **plus their share
of the estimate's contingency**. The share is ictcost's reading, as no text says how one estimate's
contingency divides among its packages: the recomputed contingency × the package's after-VAT lines
÷ the estimate's total before contingency, rounded to whole đồng (:func:`package_price`).

The limits are the table ``direct-appointment-limits`` (Điều 78 k4), the grounds that lift them the
closed list ``direct-appointment-grounds`` (Điều 78 k1–k3, k5–k7), both read from the registry the
estimate was computed with, on the project date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Literal

from ictcost.checks._base import Context, Hit, normalise, similarity
from ictcost.checks.rules import rule
from ictcost.errors import IctcostError
from ictcost.estimate import LineInput, Package
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue, NormRegistry

__all__ = ["PackagePrice", "directly_appointed", "package_price"]

_LIMITS = "direct-appointment-limits"
_GROUNDS = "direct-appointment-grounds"
_SPLIT_WINDOW_DAYS = 90
"""Packages whose contractor selection is planned to start this many days apart or less count as
planned close together (an ictcost screening default, not a legal number)."""

# --- the package price -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackagePrice:
    """The price of a package as the procurement rules hold it against the limit.

    Attributes:
        value: The package price: the stated ``value``, or ``lines + contingency``.
        lines: The after-VAT total of its lines (``None`` when the value is stated).
        contingency: Their share of the estimate's contingency (``None`` when the value is
            stated).
    """

    value: Decimal
    lines: Decimal | None = None
    contingency: Decimal | None = None


def package_price(ctx: Context, pkg: Package) -> PackagePrice:
    """Return a package's price: its stated value, or its lines with their share of contingency.

    Without a stated ``value``, the price is the after-VAT total of the package's lines (those in
    the totals; an unknown line id or a reference figure adds nothing) plus
    ``round(C × lines ÷ T)``, where C is the recomputed contingency and T the estimate's total
    before contingency. NĐ 214/2025 Điều 18 k1 puts the contingency, fees and taxes in the package
    price; the pro-rata share is ictcost's reading.

    Args:
        ctx: The estimate's context (with the recomputed estimate).
        pkg: The package.

    Returns:
        The price, with its parts when it was computed.
    """
    if pkg.value is not None:
        return PackagePrice(pkg.value)
    results = (ctx.result(i) for i in pkg.lines)
    lines = sum((r.total for r in results if r is not None and r.in_total), Decimal(0))
    share = Decimal(0)
    e = ctx.estimate
    if e is not None and e.contingency is not None and e.total_before_contingency > 0:
        with exact():
            share = round_vnd(e.contingency.total * lines / e.total_before_contingency)
    return PackagePrice(lines + share, lines, share)


def _package_value(ctx: Context, pkg: Package) -> Decimal:
    return package_price(ctx, pkg).value


# --- the limit ---------------------------------------------------------------------------------


def _limit(reg: NormRegistry, on: dt.date, row: str) -> CitedValue | None:
    try:
        return reg.get(_LIMITS, on).value(row, "max")
    except IctcostError:
        return None


def _limit_row(kind: str, *, in_project: bool) -> str:
    if not in_project:
        return "procurement_estimate"
    return "consulting_in_project" if kind == "consulting" else "non_consulting_in_project"


def directly_appointed(pkg: Package) -> bool:
    """Return whether a package is directly appointed (whatever its exemption says).

    Args:
        pkg: The package.

    Returns:
        ``True`` for ``selection: direct_appointment``.
    """
    return pkg.selection == "direct_appointment"


_direct = directly_appointed


# --- the grounds -------------------------------------------------------------------------------

_ARTICLE = re.compile(r"\bđiều (\d+)\b")
_KHOAN = re.compile(r"\b(?:khoản|k) ?(\d+)\b")
_DIEM = re.compile(r"\bđiểm ([a-zđ]\d?)\b")
_DIEM_AFTER_KHOAN = re.compile(r"\b(?:khoản|k) ?\d+ ([a-zđ]\d?)\b")
_DECREES = (
    re.compile(r"\b(\d+) (\d{4}) nđ cp\b"),
    re.compile(r"\bnđ (\d+) (\d{4})\b"),
    re.compile(r"\bnghị định (?:số )?(\d+) (\d{4})\b"),
)
_THE_DECREE = ("214", "2025")
_VALUE_LIMIT_KEY = "k4"

GroundStatus = Literal["none", "ground", "unverified", "unknown", "not_in_force", "value_limit"]


@dataclass(frozen=True, slots=True)
class _Ground:
    status: GroundStatus
    key: str | None = None
    cell: CitedValue | None = None
    known: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    """The periods the key is in force, as ISO intervals ``from/to`` (``from/..``: open)."""


def _cited_key(text: str) -> str | None:
    """The ground key a text cites (``Điều 78 khoản 3 điểm c`` → ``k3_c``), if it cites one."""
    words = normalise(text)
    decrees = {m.groups() for pattern in _DECREES for m in pattern.finditer(words)}
    if decrees and _THE_DECREE not in decrees:
        return None
    article = _ARTICLE.search(words)
    khoan = _KHOAN.search(words)
    if article is None or article.group(1) != "78" or khoan is None:
        return None
    diem = _DIEM.search(words) or _DIEM_AFTER_KHOAN.search(words)
    point = f"_{diem.group(1).replace('đ', 'dd')}" if diem else ""
    return f"k{khoan.group(1)}{point}"


def _ground(ctx: Context, pkg: Package) -> _Ground:
    """How a package's exemption reads against the grounds in force on the project date."""
    text = (pkg.exemption or "").strip()
    if not text:
        return _Ground("none")
    on = ctx.project.project.date
    try:
        table = ctx.registry.table(_GROUNDS)
        in_force = ctx.registry.get(_GROUNDS, on)
    except IctcostError:
        return _Ground("unverified")
    every = {r.name for v in table.versions for r in v.rows}
    key = text.lower() if text.lower() in every else _cited_key(text)
    known = tuple(r.name for r in in_force.rows())
    if key is not None and key in known:
        return _Ground("ground", key, in_force.value(key, "clause"))
    if key == _VALUE_LIMIT_KEY:
        return _Ground("value_limit", key)
    if key is not None and key in every:
        periods = tuple(
            f"{v.valid_from.isoformat()}/{v.valid_to.isoformat() if v.valid_to else '..'}"
            for v in table.versions
            if key in {r.name for r in v.rows}
        )
        return _Ground("not_in_force", key, known=known, periods=periods)
    return _Ground("unknown", known=known)


def _limited(ctx: Context, pkg: Package) -> bool:
    """Whether the value limit applies: directly appointed, and no legal ground named."""
    return _direct(pkg) and _ground(ctx, pkg).status not in ("ground", "unverified")


@rule(
    "PROC-DIRECT-LIMIT",
    severity="error",
    basis="NĐ 214/2025/NĐ-CP Điều 78 k4 (as amended by NĐ 349/2026), Điều 18 k1 (giá gói thầu)",
    cases=("given", "lines"),
)
def _direct_limit(ctx: Context) -> Iterator[Hit]:
    """A direct-appointment package exceeds the limit on the date.

    A package with `selection: direct_appointment` whose `exemption` names no legal ground (see
    `PROC-EXEMPTION-GROUND`) is worth more than the direct-appointment limit on the date
    (`direct-appointment-limits` table, NĐ 214/2025/NĐ-CP Điều 78 k4 as amended by NĐ 349/2026):
    from 2025-08-04 500 triệu for a procurement estimate, 800 triệu for consulting and 2 tỷ for
    non-consulting packages (goods, works, mixed) of a project; from 2026-09-09 1 tỷ, 3 tỷ and
    5 tỷ. The limits are inclusive ('không quá'). No check before 2025-08-04.

    The package price (giá gói thầu) includes the contingency, fees and taxes (NĐ 214/2025 Điều 18
    k1). It is the package's `value` when given (case `given`); otherwise (case `lines`) the
    after-VAT total of its `lines` plus their share of the estimate's contingency — ictcost's
    reading: the recomputed contingency × the package's lines ÷ the estimate's total before
    contingency, rounded to whole đồng. A package of 1,950,000,000 đ of lines in an estimate with
    5 % contingency is priced 2,047,500,000 đ and is over the 2 tỷ limit.
    """
    date = ctx.project.project.date
    for pkg in ctx.project.packages:
        if not _limited(ctx, pkg):
            continue
        row = _limit_row(pkg.kind, in_project=pkg.in_project)
        cell = _limit(ctx.registry, date, row)
        price = package_price(ctx, pkg)
        if cell is None or price.value <= cell.number:
            continue
        params: dict[str, Decimal | str] = {
            "package": pkg.id,
            "value": price.value,
            "limit": cell.number,
            "row": row,
            "date": date.isoformat(),
        }
        if price.lines is not None and price.contingency is not None:
            params |= {"lines": price.lines, "contingency": price.contingency}
        yield Hit(
            params,
            case="given" if price.lines is None else "lines",
            field="packages",
            amount=price.value - cell.number,
            citations=(cell.to_citation(),),
        )


@rule(
    "PROC-EXEMPTION-GROUND",
    severity="warning",
    basis="NĐ 214/2025/NĐ-CP Điều 78 (the cases of direct appointment); Luật Đấu thầu 22/2023/QH15 Điều 23",
    needs="input",
    cases=("unknown", "not_in_force", "value_limit"),
)
def _exemption_ground(ctx: Context) -> Iterator[Hit]:
    """A direct appointment's exemption names no legal ground of the decree in force.

    The `exemption` of a directly appointed package must name a case of NĐ 214/2025/NĐ-CP Điều 78
    in force on the project date (Luật Đấu thầu 22/2023/QH15 Điều 23 k2 leaves the cases to the
    Government): a key of the table `direct-appointment-grounds` (`k3_c` is khoản 3 điểm c; đ is
    written `dd`, so `k2_dd` is khoản 2 điểm đ), or a text citing the clause ('NĐ 214/2025 Điều 78
    khoản 3 điểm c', 'Điều 78 k3 c'). The table holds every point of khoản 1–3 and 5 and khoản 6
    and 7, verbatim, in three versions: the original text from 2025-08-04, point 1 g amended by
    NĐ 165/2026 from 2026-07-01, and the amendments of NĐ 349/2026 from 2026-09-09 (new points
    2 e1, 5 i, 5 k). Any other text stays in the input as written, but it is reported (case
    `unknown`, with the keys in force), and it does not lift the limit: `PROC-DIRECT-LIMIT` and
    `PROC-SPLIT` treat the package as limited. A ground of another version is reported with the
    periods it is in force (`not_in_force`); khoản 4 is the value limit itself, not a ground
    (`value_limit`). Whether the package's facts fit the ground is for the reviewer. No check
    before 2025-08-04 (no grounds encoded).
    """
    date = ctx.project.project.date.isoformat()
    for pkg in ctx.project.packages:
        if not _direct(pkg):
            continue
        ground = _ground(ctx, pkg)
        base: dict[str, str | tuple[str, ...]] = {
            "package": pkg.id,
            "exemption": (pkg.exemption or "").strip(),
            "date": date,
        }
        if ground.status == "unknown":
            yield Hit(base | {"known": ground.known}, case="unknown", field="packages")
        elif ground.status == "not_in_force" and ground.key is not None:
            yield Hit(
                base | {"key": ground.key, "periods": ground.periods},
                case="not_in_force",
                field="packages",
            )
        elif ground.status == "value_limit":
            yield Hit(base, case="value_limit", field="packages")


# --- splitting ---------------------------------------------------------------------------------

_CAUSES = ("kind", "relabelled", "items", "time")


@dataclass(frozen=True, slots=True)
class _Link:
    causes: frozenset[str]
    items: tuple[str, ...] = ()


def _lines_of(ctx: Context, pkg: Package) -> list[LineInput]:
    by_id = {ln.id: ln for ln in ctx.project.lines}
    return [by_id[i] for i in pkg.lines if i in by_id]


def _alike(a: LineInput, b: LineInput, threshold: float) -> bool:
    if a.id == b.id or similarity(a.name, b.name) >= threshold:
        return True
    return bool(a.model and b.model and normalise(a.model) == normalise(b.model))


def _link(ctx: Context, a: Package, b: Package) -> _Link:
    """Why two packages of one limit look like parts of one purchase (no causes: unrelated)."""
    causes: set[str] = set()
    lines_a, lines_b = _lines_of(ctx, a), _lines_of(ctx, b)
    if a.kind == b.kind:
        causes.add("kind")
    elif lines_a and {ln.component for ln in lines_a} == {ln.component for ln in lines_b}:
        causes.add("relabelled")
    threshold = ctx.config.name_similarity
    pairs = [(x, y) for x in lines_a for y in lines_b if _alike(x, y, threshold)]
    if pairs:
        causes.add("items")
    if (
        a.planned_date is not None
        and b.planned_date is not None
        and abs((a.planned_date - b.planned_date).days) <= _SPLIT_WINDOW_DAYS
    ):
        causes.add("time")
    items = tuple(dict.fromkeys(i for x, y in pairs for i in (x.id, y.id)))
    return _Link(frozenset(causes), items)


def _groups(members: Sequence[Package], links: dict[tuple[int, int], _Link]) -> list[list[int]]:
    """The connected groups of packages (indexes into ``members``), in input order."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), link in links.items():
        if link.causes:
            parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(members)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _case(packages: Sequence[Package], causes: set[str]) -> str:
    if len({p.kind for p in packages}) == 1:
        return "kind"
    return next(c for c in ("items", "relabelled", "time") if c in causes)


@rule(
    "PROC-SPLIT",
    severity="warning",
    basis="Luật Đấu thầu 22/2023/QH15 Điều 16 k6 l (no splitting to appoint directly); NĐ 214/2025 Điều 78 k4",
    cases=("kind", "relabelled", "items", "time"),
)
def _split(ctx: Context) -> Iterator[Hit]:
    """Packages under one limit are each within it but together over it: a purchase split?

    Luật Đấu thầu 22/2023/QH15 Điều 16 k6 l forbids 'chia nhỏ dự án, dự toán mua sắm thành các gói
    thầu nhằm mục đích chỉ định thầu'. Among the directly appointed packages without a legal ground
    (see `PROC-EXEMPTION-GROUND`) that share one limit of NĐ 214/2025 Điều 78 k4 (the consulting
    packages of a project; its non-consulting, goods, works and mixed packages; or the packages of
    a procurement estimate) and are each within it, two packages are linked when they are of one
    kind (cause `kind`); of different kinds but with lines of the same cost components, e.g. the
    same equipment labelled `goods` in one and `mixed` or `non_consulting` in the other
    (`relabelled`); when a line of one is alike a line of the other — names at least
    `name_similarity` alike, or the same model (`items`); or when both state a `planned_date` and
    are planned at most 90 days apart (`time`, an ictcost screening default). Each group of linked
    packages whose prices add up to more than the limit is one finding, with the packages, their
    prices (`values`, exact amounts as text, in the order of `packages`), the limit, the total and
    every cause found (`causes`); the case is `kind` when the packages are all of one kind, else
    the first of `items`, `relabelled`, `time`. Prices include the lines' share of contingency,
    as in `PROC-DIRECT-LIMIT`; a package over the limit on its own is `PROC-DIRECT-LIMIT` and is
    left out here.
    """
    date = ctx.project.project.date
    by_row: dict[str, list[Package]] = {}
    for pkg in ctx.project.packages:
        if _limited(ctx, pkg):
            by_row.setdefault(_limit_row(pkg.kind, in_project=pkg.in_project), []).append(pkg)
    for row, packages in by_row.items():
        cell = _limit(ctx.registry, date, row)
        if cell is None:
            continue
        prices = {p.id: _package_value(ctx, p) for p in packages}
        members = [p for p in packages if prices[p.id] <= cell.number]
        links = {(i, j): _link(ctx, a, b) for (i, a), (j, b) in combinations(enumerate(members), 2)}
        for group in _groups(members, links):
            chosen = [members[i] for i in group]
            total = sum((prices[p.id] for p in chosen), Decimal(0))
            if total <= cell.number:
                continue
            inside = [links[(i, j)] for i, j in combinations(group, 2)]
            causes = set().union(*(link.causes for link in inside))
            case = _case(chosen, causes)
            params: dict[str, Decimal | str | int | tuple[str, ...]] = {
                "packages": tuple(p.id for p in chosen),
                "values": tuple(str(prices[p.id]) for p in chosen),
                "limit": cell.number,
                "total": total,
                "row": row,
                "causes": tuple(c for c in _CAUSES if c in causes),
            }
            if case == "kind":
                params["kind"] = chosen[0].kind
            elif case == "relabelled":
                params["kinds"] = tuple(dict.fromkeys(p.kind for p in chosen))
            elif case == "items":
                params["items"] = tuple(dict.fromkeys(i for link in inside for i in link.items))
            else:
                dates = sorted(p.planned_date for p in chosen if p.planned_date is not None)
                params |= {
                    "first": dates[0].isoformat(),
                    "last": dates[-1].isoformat(),
                    "window": _SPLIT_WINDOW_DAYS,
                }
            yield Hit(
                params,
                case=case,
                field="packages",
                amount=total,
                citations=(cell.to_citation(),),
            )
