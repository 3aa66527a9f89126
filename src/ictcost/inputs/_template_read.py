"""Reading a filled input template back into the dict of a project, every problem at its cell.

The layout is :mod:`ictcost.inputs._template_layout`'s; :func:`read_template` of
:mod:`ictcost.inputs.template` is the public face. Each problem is located ``Sheet!Cell``
(``Dòng chi phí!F7``); the reader collects every problem of the workbook before it raises.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from ictcost._internal._coerce import CoercionError, parse_amount_text
from ictcost.errors import InputError, Problem
from ictcost.inputs._cells import CellReader, cell_key, occupied_rows
from ictcost.inputs._rows import CellMarks, validate_project
from ictcost.inputs._template_layout import (
    OPEN_VOCABULARIES,
    PROJECT_ROWS,
    TABLES,
    Column,
    Lang,
    Table,
    Vocabulary,
    sheet_names,
    text,
    vocabularies,
)
from ictcost.types import parse_date

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = ["TemplateReader"]

_MAX_EXACT_DOUBLE: Final = 2**53
_NESTED: Final = {"quotes": "quotes", "expert": "expert", "payments": "payments"}
"""Table → the line's field its rows fill (a list); ``rentals`` fills ``rental`` (one)."""
_KEY_LIKE: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.-")
HINT: Final = (
    "correct each cell listed; the sheet 'Hướng dẫn' (Instructions) of the template says how to "
    "fill it, and `ictcost template` writes a blank one"
)


class _Cells(CellReader):
    """A cell reader whose locations are ``Sheet!Cell`` (the workbook is named once, above)."""

    def ref(self, sheet: str, row: int, col: int | None = None) -> str:
        if col is None:
            return f"{sheet}!{row}:{row}"
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        return f"{sheet}!{get_column_letter(col)}{row}"


class TemplateReader:
    """Reads one filled template into the dict of a :class:`~ictcost.estimate.model.ProjectInput`.

    Args:
        label: The workbook's name in messages.
        values: The workbook opened with cached values.
        formulas: The same workbook opened with its formulas.
        lang: The template's language (the words its messages list for a choice).
    """

    def __init__(self, label: str, values: Workbook, formulas: Workbook, lang: Lang) -> None:
        self.label = label
        self.cells = _Cells(label, values, formulas)
        self.marks: CellMarks = {}
        today = dt.datetime.now(tz=dt.UTC).date()
        self.vocabs = vocabularies(today, lang)

    # --- one cell ---------------------------------------------------------------------------------

    def _problem(self, ref: str, message: str, got: object = None) -> None:
        self.cells.problem(ref, message, got)

    def _amount(self, ref: str, value: object) -> Decimal | None:  # noqa: PLR0911 - one per refusal
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
            self._problem(ref, "not an amount: write the amount in đồng, digits only", value)
            return None
        if isinstance(value, str):
            try:
                return parse_amount_text(value)
            except CoercionError as exc:
                self._problem(ref, f"not an amount: {exc.hint}", value)
                return None
        if isinstance(value, float):
            amount = Decimal(repr(value))
            if not amount.is_finite() or abs(amount) > _MAX_EXACT_DOUBLE:
                self._problem(ref, "too large for a number cell: write it as text", value)
                return None
            if amount != amount.quantize(Decimal("0.01")):
                self._problem(
                    ref, "an amount with more than 2 decimals: round it, e.g. =ROUND(…,0)", value
                )
                return None
            return amount
        return Decimal(value)

    def _number(self, ref: str, value: object) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
            self._problem(ref, "not a number: write a number, e.g. 2 or 2,5", value)
            return None
        raw = str(value).replace(" ", "") if isinstance(value, str) else repr(value)
        if isinstance(value, str) and raw.count(",") == 1 and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            number = Decimal(raw)
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite():
            self._problem(ref, "not a number: write a number, e.g. 2 or 2,5", value)
            return None
        return number

    def _date(self, ref: str, value: object) -> dt.date | None:
        try:
            return parse_date(value, allow_datetime=True)
        except CoercionError as exc:
            if isinstance(value, (int, float)):
                hint = "a number is not a date: format the cell as a date, or write 15/01/2026"
            else:
                hint = exc.hint or "write 15/01/2026"
            self._problem(ref, f"not a date: {hint} (or use a date cell)", value)
            return None

    def _choice(self, ref: str, value: object, vocab_name: str) -> str | None:
        vocab: Vocabulary = self.vocabs[vocab_name]
        if isinstance(value, bool) and vocab_name == "bool":
            return "true" if value else "false"
        word = str(value)
        found = vocab.read(word)
        if found is not None:
            return found
        if vocab_name in OPEN_VOCABULARIES and set(word) <= _KEY_LIKE:
            return word  # a key of a user pack: the estimate checks it against the norm data
        shown = "; ".join(vocab.shown[k] for k in vocab.keys)
        self._problem(ref, f"not one of the allowed values: choose one of: {shown}", value)
        return None

    def value(self, sheet: str, row: int, col: int, column: Column) -> object:  # noqa: PLR0911 - one per kind
        """Return a cell's value for a column (``None`` when empty or wrong, with a problem)."""
        raw = self.cells.raw(sheet, row, col)
        if raw is None:
            return None
        ref = self.cells.ref(sheet, row, col)
        kind = column.kind
        if kind == "money":
            return self._amount(ref, raw)
        if kind in {"number", "percent", "int"}:
            number = self._number(ref, raw)
            fmt = str(self.cells.values[sheet].cell(row=row, column=col).number_format)
            if number is not None and kind == "percent" and "%" in fmt and not isinstance(raw, str):
                number *= 100  # a percentage cell stores 5 % as 0.05
            if number is not None and kind == "int":
                if number != number.to_integral_value():
                    self._problem(ref, "not a whole number: write a whole number", raw)
                    return None
                return int(number)
            return number
        if kind == "date":
            return self._date(ref, raw)
        if kind in {"choice", "bool"} and column.vocab is not None:
            result = self._choice(ref, raw, column.vocab)
            return None if result is None else (result == "true" if kind == "bool" else result)
        text_value = self.cells.text(sheet, row, col)
        if kind == "list" and text_value is not None:
            return tuple(p.strip() for p in text_value.replace(";", ",").split(",") if p.strip())
        return text_value

    # --- sheets -----------------------------------------------------------------------------------

    def sheet(self, key: str) -> str | None:
        """Return the name of a table's sheet in the workbook (Vietnamese or English), if any."""
        wanted = {cell_key(name) for name in sheet_names(key)}
        return next((n for n in self.cells.values.sheetnames if cell_key(n) in wanted), None)

    def _headers(self, sheet: str, table: Table) -> dict[int, Column]:
        names: dict[str, Column] = {}
        for known_column in table.columns:
            for lang in ("vi", "en"):
                names[cell_key(text(f"col.{table.key}.{known_column.key}", lang))] = known_column
            names[cell_key(known_column.key)] = known_column
        ws = self.cells.values[sheet]
        found: dict[int, Column] = {}
        for col in range(1, ws.max_column + 1):
            header = self.cells.text(sheet, 1, col)
            if header is None:
                continue
            named = names.get(cell_key(header.rstrip("* ")))
            ref = self.cells.ref(sheet, 1, col)
            if named is None:
                known = "; ".join(text(f"col.{table.key}.{c.key}", "vi") for c in table.columns)
                self._problem(
                    ref, f"unknown column: rename it to one of the template's ({known})", header
                )
            elif named in found.values():
                self._problem(ref, "the column is given twice: delete one", header)
            else:
                found[col] = named
        for column in table.columns:
            if column.required and column not in found.values():
                heading = text(f"col.{table.key}.{column.key}", "vi")
                self._problem(f"{sheet}!1:1", f"no column '{heading}': add it (it is required)")
        return found

    def rows(self, table: Table) -> list[tuple[int, dict[str, Any], dict[str, str]]]:
        """Return each filled row of a table sheet: (row, data, the cell of each column key)."""
        sheet = self.sheet(table.key)
        if sheet is None:
            if table.key == "lines":
                names = ", ".join(sheet_names("lines"))
                self._problem(self.label, f"no sheet of cost lines ({names}): add it")
            return []
        columns = self._headers(sheet, table)
        ws = self.cells.values[sheet]
        out = []
        for row in occupied_rows(ws, 2):
            if all(self.cells.raw(sheet, row, col) is None for col in columns):
                continue
            data: dict[str, Any] = {}
            cells = {"": self.cells.ref(sheet, row)}
            for col, column in columns.items():
                cells[column.key] = self.cells.ref(sheet, row, col)
                value = self.value(sheet, row, col, column)
                if value is not None:
                    _put(data, column.path, value)
            out.append((row, data, cells))
        return out

    def project(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Read the project sheet: (the project's fields, the contingency's fields)."""
        sheet = self.sheet("project")
        meta: dict[str, Any] = {}
        contingency: dict[str, Any] = {}
        if sheet is None:
            names = ", ".join(sheet_names("project"))
            self._problem(self.label, f"no project sheet ({names}): add it")
            return meta, contingency
        by_word: dict[str, Column] = {}
        for row_column in PROJECT_ROWS:
            by_word[cell_key(row_column.key)] = row_column
            for lang in ("vi", "en"):
                by_word[cell_key(text(f"col.project.{row_column.key}", lang))] = row_column
        ws = self.cells.values[sheet]
        seen: dict[str, str] = {}
        for row in occupied_rows(ws, 2):
            key_text = self.cells.text(sheet, row, 4)
            label = self.cells.text(sheet, row, 1)
            column = by_word.get(cell_key(key_text)) if key_text else None
            if column is None and label is not None:
                column = by_word.get(cell_key(label.rstrip("* ")))
            ref = self.cells.ref(sheet, row, 2)
            if column is None:
                if label is not None and self.cells.raw(sheet, row, 2) is not None:
                    self._problem(
                        self.cells.ref(sheet, row, 1),
                        "unknown field: use the labels of the template's column A",
                        label,
                    )
                continue
            if column.key in seen:
                self._problem(ref, f"given twice (first at {seen[column.key]}): delete one row")
                continue
            seen[column.key] = ref
            target, path = (
                (contingency, column.path[1:])
                if column.path[0] == "contingency"
                else (meta, column.path)
            )
            self.marks[("contingency", *path) if target is contingency else ("project", *path)] = (
                ref
            )
            value = self.value(sheet, row, 2, column)
            if value is not None:
                _put(target, path, value)
        for column in PROJECT_ROWS:
            if column.required and column.key not in seen:
                heading = text(f"col.project.{column.key}", "vi")
                self._problem(f"{sheet}!A:A", f"no row '{heading}': add it (it is required)")
        return meta, contingency

    # --- the whole workbook -----------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        """Read the workbook into the dict of a project and validate it.

        Returns:
            The project's data, validated (the caller builds the model from it).

        Raises:
            InputError: every problem, each at its cell.
        """
        meta, contingency = self.project()
        lines = self._lines()
        escalation = []
        for j, (_, data, cells) in enumerate(self.rows(_table("escalation"))):
            self._mark(("contingency", "escalation", j), cells)
            escalation.append(data)
        if escalation:
            contingency["escalation"] = escalation
            project_sheet = self.sheet("project") or self.label
            self.marks.setdefault(
                ("contingency",), self.marks.get(("contingency", "on"), f"{project_sheet}!A1")
            )
        packages = []
        for j, (_, data, cells) in enumerate(self.rows(_table("packages"))):
            self._mark(("packages", j), cells)
            packages.append(data)
        project: dict[str, Any] = {"project": meta, "lines": lines}
        if contingency:
            project["contingency"] = contingency
        if packages:
            project["packages"] = packages
        self.marks.setdefault(("lines",), f"{self.sheet('lines') or self.label}!A2")
        self.marks.setdefault(("project",), f"{self.sheet('project') or self.label}!A1")
        return project

    def _mark(self, base: tuple[str | int, ...], cells: dict[str, str]) -> None:
        for key, ref in cells.items():
            path = tuple(key.split(".")) if key else ()
            self.marks[(*base, *path)] = ref

    def _lines(self) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = []
        index: dict[str, int] = {}
        for i, (_, data, cells) in enumerate(self.rows(_table("lines"))):
            self._mark(("lines", i), cells)
            line_id = data.get("id")
            if isinstance(line_id, str):
                if line_id in index:
                    first = self.marks["lines", index[line_id], "id"]
                    self._problem(
                        cells["id"],
                        f"line id {line_id!r} is used twice (first at {first}): give each line "
                        "its own id",
                    )
                else:
                    index[line_id] = i
            lines.append(data)
        for table in TABLES:
            if table.key in {*_NESTED, "rentals"}:
                self._nested(table, lines, index)
        return lines

    def _nested(self, table: Table, lines: list[dict[str, Any]], index: dict[str, int]) -> None:
        lines_sheet = self.sheet("lines") or sheet_names("lines")[0]
        for _, data, cells in self.rows(table):
            line_id = data.pop("line", None)
            if line_id is None:
                continue  # the required column reports an empty cell below
            i = index.get(str(line_id))
            if i is None:
                self._problem(
                    cells["line"],
                    f"no line with id {line_id!r} in sheet '{lines_sheet}': write the id of a "
                    "line there, or add the line",
                )
                continue
            cells.pop("line")
            if table.key == "rentals":
                if "rental" in lines[i]:
                    self._problem(cells[""], f"line {line_id!r} has a second rental row: keep one")
                    continue
                lines[i]["rental"] = data
                self._mark(("lines", i, "rental"), cells)
                continue
            field = _NESTED[table.key]
            items = lines[i].setdefault(field, [])
            self._mark(("lines", i, field, len(items)), cells)
            items.append(data)

    def validated(self, data: dict[str, Any]) -> Any:  # noqa: ANN401 - a ProjectInput
        """Validate the data read; raise every problem found (the cells' and the model's)."""
        found = self.cells.all_problems()
        model = None
        try:
            model = validate_project(self.label, data, self.marks, hint=HINT)
        except InputError as exc:
            reported = {p.file for p in found}
            if found:
                reported.add(self.label)  # a whole-project error that the cells' explain
            found += [_worded(p) for p in exc.problems if p.file not in reported]
        if found:
            raise InputError(
                f"{self.label}: {len(found)} problem(s) in the template",
                field="file",
                problems=tuple(found),
                hint=HINT,
            )
        return model


def _worded(problem: Problem) -> Problem:
    """Say how to fix a missing field (pydantic says only that it is required)."""
    if problem.message == "Field required":
        return Problem(
            "required: fill in this cell", file=problem.file, path=problem.path, got=problem.got
        )
    return problem


def _table(key: str) -> Table:
    return next(t for t in TABLES if t.key == key)


def _put(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
