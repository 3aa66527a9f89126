"""Strict YAML reading with positions: no domain meaning here.

* Safe: only plain YAML scalars, sequences and mappings (no tags, no Python objects).
* Decimal: YAML floats become :class:`decimal.Decimal` built from the *text* of the scalar, so
  ``2.809`` is exactly ``Decimal("2.809")``, never a binary float.
* Strict: duplicate keys, non-string keys, anchors/aliases and ``.inf``/``.nan`` are rejected.
* Bounded: a number of more than 40 digits written out in full (``MAX_DIGITS`` of
  :mod:`ictcost._internal._coerce`; an integer of more than 4 300 digits cannot even be converted)
  is rejected on its text.
* Located: every node's ``(line, column)`` (1-based) is recorded under its path, so later
  validation errors can name ``file:line:column``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ictcost._internal._coerce import LIMITS_HINT, check_digits
from ictcost.errors import NormSyntaxError, Problem

__all__ = ["Marks", "Path", "dotted", "load_yaml"]

Path = tuple[str | int, ...]
Marks = dict[Path, tuple[int, int]]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL_INT_RE = re.compile(r"^[-+]?[0-9][0-9_]*$")
_SCALARS = yaml.SafeLoader(stream="")


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _too_long(node: yaml.ScalarNode, file: str, path: Path, why: str) -> NormSyntaxError:
    line, col = _pos(node)
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return NormSyntaxError(
        "a number is too long to be read",
        problems=(Problem(why, file, line, col, dotted(path), repr(shown)),),
        hint=LIMITS_HINT,
    )


def _number(node: yaml.ScalarNode, file: str, path: Path) -> int | Decimal:
    """An integer or a decimal scalar, bounded on its text (``MAX_DIGITS``)."""
    text = node.value
    why = check_digits(text)
    if why is not None:
        raise _too_long(node, file, path, why)
    if node.tag == _INT:
        if not _DECIMAL_INT_RE.match(text):
            line, col = _pos(node)
            raise NormSyntaxError(
                "integers must be written in plain decimal digits",
                problems=(
                    Problem(
                        "octal, hexadecimal or sexagesimal integers are not allowed",
                        file,
                        line,
                        col,
                        dotted(path),
                        repr(text),
                    ),
                ),
                hint="write the number in base 10 (YAML 1.1 would read 0x1F as 31 and 1:30 as 90)",
            )
        return int(text.replace("_", ""))
    cleaned = text.replace("_", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        line, col = _pos(node)
        raise NormSyntaxError(
            "a number must be finite and written in plain decimal notation",
            code="norm-syntax",
            problems=(
                Problem("not a finite decimal number", file, line, col, dotted(path), repr(text)),
            ),
            hint="write the number as digits with a dot for decimals, e.g. 2.809",
        )
    return value


def _scalar(node: yaml.ScalarNode, file: str, path: Path) -> Any:  # noqa: ANN401 - YAML scalar
    tag = node.tag
    text = node.value
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        if text not in ("true", "false"):
            line, col = _pos(node)
            raise NormSyntaxError(
                "flags must be written true or false",
                problems=(
                    Problem("a YAML 1.1 boolean word", file, line, col, dotted(path), repr(text)),
                ),
                hint="write true or false; quote the word if you mean text (e.g. 'on')",
            )
        return text == "true"
    if tag in (_INT, _FLOAT):
        return _number(node, file, path)
    if tag == _TIMESTAMP:
        if not _DATE_RE.match(text):
            line, col = _pos(node)
            raise NormSyntaxError(
                "only calendar dates (YYYY-MM-DD) are allowed, not date-times",
                problems=(
                    Problem(
                        "a date-time is not allowed here",
                        file,
                        line,
                        col,
                        dotted(path),
                        repr(text),
                    ),
                ),
                hint="write the date as YYYY-MM-DD",
            )
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            line, col = _pos(node)
            raise NormSyntaxError(
                "not a real calendar date",
                problems=(Problem("no such day", file, line, col, dotted(path), repr(text)),),
                hint="check the day and month (YYYY-MM-DD)",
            ) from None
    line, col = _pos(node)
    raise NormSyntaxError(
        "custom YAML tags are not allowed in norm files",
        problems=(Problem("unsupported tag", file, line, col, dotted(path), repr(tag)),),
        hint="remove the '!tag' and write a plain value",
    )


def dotted(
    path: Iterable[str | int], labels: Mapping[Path, Mapping[int, str]] | None = None
) -> str:
    """Write a data path the way every ictcost message does: ``versions[0].rows[2].values``.

    Args:
        path: The keys and list indexes from the root.
        labels: Names to show beside list indexes, by the path of the list:
            ``{("lines",): {0: "TB-01"}}`` writes ``lines[0: TB-01].amount``.

    Returns:
        The dotted path (``""`` for the root).

    Examples:
        >>> dotted(("versions", 0, "rows", 2, "values"))
        'versions[0].rows[2].values'
        >>> dotted(("lines", 0, "amount"), {("lines",): {0: "TB-01"}})
        'lines[0: TB-01].amount'
    """
    out = ""
    seen: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            label = (labels or {}).get(tuple(seen), {}).get(part)
            out += f"[{part}: {label}]" if label is not None else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        seen.append(part)
    return out


def _convert(node: yaml.Node, file: str, path: Path, marks: Marks) -> Any:  # noqa: ANN401
    marks[path] = _pos(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, file, path)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, file, (*path, i), marks) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        key_pos: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            line, col = _pos(key_node)
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                raise NormSyntaxError(
                    "mapping keys must be plain words (no '<<' merges, no complex keys)",
                    problems=(Problem("unsupported key", file, line, col, dotted(path)),),
                    hint="write each key out in full",
                )
            key = key_node.value
            if key in out:
                first_line, first_col = key_pos[key]
                raise NormSyntaxError(
                    f"duplicate key {key!r} (first defined at line {first_line}, "
                    f"column {first_col})",
                    code="norm-duplicate-key",
                    problems=(
                        Problem(f"duplicate key {key!r}", file, line, col, dotted((*path, key))),
                    ),
                    hint="remove one of the two entries; YAML would silently keep only the last",
                )
            key_pos[key] = (line, col)
            marks[(*path, key)] = (line, col)
            out[key] = _convert(value_node, file, (*path, key), marks)
            if not isinstance(value_node, yaml.ScalarNode) and not value_node.flow_style:
                # a block value starts on the next line: point at the key itself
                marks[(*path, key)] = (line, col)
            # the value's own position is more useful than the key's for scalars
            if isinstance(value_node, yaml.ScalarNode):
                marks[(*path, key)] = _pos(value_node)
        return out
    raise NormSyntaxError(  # pragma: no cover - PyYAML has only the three node kinds
        "unknown YAML node", problems=(Problem("unknown node", file, *_pos(node)),)
    )


def load_yaml(text: str, file: str) -> tuple[Any, Marks]:
    """Parse one YAML document strictly, returning the data and the position of every node.

    Args:
        text: The YAML text.
        file: A name for messages (usually the path).

    Returns:
        ``(data, marks)``: plain Python data (dicts, lists, str, int, Decimal, bool, date, None)
        and a map from each node's path to its 1-based ``(line, column)``.

    Raises:
        NormSyntaxError: malformed YAML, duplicate keys, aliases, tags, non-finite numbers,
            date-times, or more than one document.
    """
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise NormSyntaxError(
            "the file is not well-formed YAML",
            problems=(Problem(str(exc.problem or exc), file, line, col),),
            hint="fix the YAML syntax at the position shown (indentation, quotes, colons)",
        ) from exc
    except yaml.YAMLError as exc:
        raise NormSyntaxError(
            "the file is not well-formed YAML",
            problems=(Problem(str(exc), file),),
            hint="fix the YAML syntax; a norm file is one YAML document",
        ) from exc
    if root is None:
        raise NormSyntaxError(
            "the file is empty",
            problems=(Problem("no YAML document", file, 1, 1),),
            hint="a norm file holds one table; see norms/README.md",
        )
    marks: Marks = {}
    return _convert(root, file, (), marks), marks


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when available (15x faster), refusing anchors and aliases."""
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is None:  # pragma: no cover - PyYAML wheels ship libyaml
        return yaml.compose(text, Loader=_StrictLoader)
    for event in yaml.parse(text, Loader=c_loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "aliases (*name)" if isinstance(event, yaml.AliasEvent) else "anchors (&name)"
            mark: Any = event.start_mark  # libyaml's Mark has the same fields as PyYAML's
            raise yaml.composer.ComposerError(
                None, None, f"{kind} are not allowed in norm files; repeat the value", mark
            )
    return yaml.compose(text, Loader=c_loader)


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases (they hide where a value comes from)."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:  # noqa: ANN401
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in norm files; repeat the value",
                event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors (&name) are not allowed in norm files; repeat the value",
                event.start_mark,
            )
        return super().compose_node(parent, index)
