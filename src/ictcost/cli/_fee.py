"""``ictcost fee``: a QĐ 1688 fee, by a bare table lookup or by an item with all its rules.

No choice with legal weight has a silent default: an item needs ``--category`` and ``--form``;
a table needs ``--form`` (its letter already fixes the category, so a ``--category`` that
contradicts it is an error, not ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

import typer

from ictcost.cli._common import (
    JsonOpt,
    LangOpt,
    LazyModule,
    OnOpt,
    OutputOpt,
    PackOpt,
    Run,
    dump_json,
    emit,
    fail,
    parse_date,
    registry,
)
from ictcost.errors import IctcostError, InputError

if TYPE_CHECKING:
    from ictcost import fees, money
    from ictcost.report import console as views
else:
    fees = LazyModule("ictcost.fees")
    money = LazyModule("ictcost.money")
    views = LazyModule("ictcost.report.console")

__all__ = ["EPILOG", "CategoryValue", "ConditionValue", "FormValue", "fee"]

CategoryValue = Literal["infrastructure", "software"]
FormValue = Literal["project", "ktkt"]


class ConditionValue(StrEnum):
    """The K conditions (``ictcost.fees.CONDITIONS``; a test keeps the two equal)."""

    island = "island"
    multi_province = "multi_province"
    high_equipment_share = "high_equipment_share"
    renovation = "renovation"
    typical_design = "typical_design"
    special = "special"


_TABLE_CATEGORY = {"a": "infrastructure", "b": "software"}
"""QĐ 1688's table letters: 'a' tables are the infrastructure part, 'b' the software part."""


def _complete_items(incomplete: str) -> Iterator[str]:
    """Shell completion of ``--item``: the item keys of today's norms."""
    try:
        keys = fees.fee_items(registry(None))
    except IctcostError:  # pragma: no cover - the shipped norms always have items
        return
    yield from (k for k in keys if k.startswith(incomplete))


def _alternatives(specs: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for spec in specs:
        ref, sep, index = spec.rpartition("=")
        if not sep or not re.fullmatch(r"[0-9]{1,6}", index, re.ASCII):
            raise InputError(
                f"--alternative must look like table/row/column=INDEX (got {spec!r})",
                code="alternative-invalid",
                field="--alternative",
                hint="e.g. --alternative qd1688-k-coefficients/lap_bao_cao_ktkt/island=0",
            )
        out[ref] = int(index)
    return out


def _check_table_category(table: str, category: CategoryValue | None) -> None:
    letter = table.removeprefix("qd1688-")[-1:]
    fixed = _TABLE_CATEGORY.get(letter)
    if category is not None and fixed is not None and category != fixed:
        raise InputError(
            f"--category {category} contradicts --table {table}: "
            f"table {table} is a table of the {fixed} part",
            field="--category",
            hint=f"leave out --category (the table fixes it), or give the {category} "
            f"part's table ({table[:-1]}{'a' if category == 'infrastructure' else 'b'})",
        )


_T = TypeVar("_T")


def _required(value: _T | None, option: str, hint: str) -> _T:
    if value is None:
        raise InputError(f"{option} is required", field=option, hint=hint)
    return value


_FORM_HINT = "--form project (dự án) or --form ktkt (báo cáo kinh tế - kỹ thuật)"
_CATEGORY_HINT = "--category infrastructure (hạ tầng kỹ thuật) or --category software"

EPILOG = """Examples:

  ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15

  ictcost fee --item quan_ly_du_an --category software --form ktkt --base 8500000000

  ictcost fee --item lap_bao_cao_ktkt --category software --form project
  --base 10000000000 --condition island --json -o fee.json

  ictcost fee --list
"""


def fee(
    item: Annotated[
        str | None,
        typer.Option(
            help="Item key, e.g. quan_ly_du_an (--list shows them).", autocompletion=_complete_items
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option(help="Table 1a to 8b (a bare lookup; the letter fixes the part).")
    ] = None,
    category: Annotated[
        CategoryValue | None,
        typer.Option(help="The part (hạng mục): required with --item; a table's letter fixes it."),
    ] = None,
    form: Annotated[
        FormValue | None,
        typer.Option(help="project (dự án) or ktkt (báo cáo KTKT); required."),
    ] = None,
    base: Annotated[
        str | None, typer.Option(help="Base cost in đồng before VAT.", metavar="AMOUNT")
    ] = None,
    on: OnOpt = None,
    condition: Annotated[
        list[ConditionValue] | None,
        typer.Option(
            help="K condition (repeatable): " + ", ".join(c.value for c in ConditionValue) + ".",
            metavar="CONDITION",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse a base outside the table's range.")
    ] = False,
    rate_decimals: Annotated[
        int | None, typer.Option(help="Round the rate (calculator convention).", min=0)
    ] = None,
    alternative: Annotated[
        list[str] | None,
        typer.Option(
            help="Use an alternative of a disputed value (repeatable).",
            metavar="TABLE/ROW/COLUMN=INDEX",
        ),
    ] = None,
    regime_override: Annotated[
        str | None, typer.Option(help="Transitional override: an earlier regime id.")
    ] = None,
    pack: PackOpt = None,
    list_items: Annotated[bool, typer.Option("--list", help="List the item keys.")] = False,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Compute a fee by the QĐ 1688 % norms (a table lookup, or an item with its rules)."""
    try:
        run = Run.of(lang=lang, pack=pack)
        reg = registry(run.pack)
        if list_items:
            items = fees.fee_items(reg, parse_date(on))
            emit(
                lambda: dump_json(items),
                lambda: views.fee_items_view(items),
                as_json=as_json,
                output=output,
                lang=run.lang,
            )
            return
        if (item is None) == (table is None):
            raise InputError(
                "give exactly one of --item or --table",
                field="--item",
                hint="e.g. --table 1b, or --item quan_ly_du_an; --list shows the items",
            )
        amount = money.parse_amount(
            _required(base, "--base", "the base cost in đồng before VAT, e.g. 8500000000"),
            "--base",
        )
        chosen_form: FormValue = _required(form, "--form", _FORM_HINT)
        day = parse_date(on)
        if table is not None:
            _check_table_category(table, category)
            result = fees.table_fee(
                table,
                form=chosen_form,
                base=amount,
                on=day,
                registry=reg,
                strict=strict,
                rate_decimals=rate_decimals,
                regime_override=regime_override,
            )
        else:
            assert item is not None
            chosen: CategoryValue = _required(category, "--category", _CATEGORY_HINT)
            result = fees.compute_fee(
                item,
                category=chosen,
                form=chosen_form,
                base=amount,
                on=day,
                conditions=[c.value for c in condition or ()],
                registry=reg,
                strict=strict,
                rate_decimals=rate_decimals,
                alternatives=_alternatives(alternative or []),
                regime_override=regime_override,
            )
        emit(
            result.to_json,
            lambda: views.fee_view(result, run.lang),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
