"""Hypothesis strategies that build and mutate ictcost inputs from strangers (issue 13 item 8).

The review's fuzzer (kept outside the repository) started from the examples and applied one to four
mutations; this is that fuzzer, in the repository. Every strategy yields a :class:`Case`: the
files to write into a fresh folder and the thing to run on them. The inputs are

* **projects** (``examples/*.yaml``, read with ictcost's own strict YAML loader so that dates stay
  as they were written), mutated and written as YAML or JSON;
* **software inputs** (``examples/software-portal.yaml``), mutated the same way;
* **packs**: the example price list, or a copy of a shipped table (VAT rates, the contingency
  rule, a use-case-point constant) put in a user pack, with its values mutated;
* **workbooks**: the input template filled from an example, with cells changed, then (sometimes)
  a part of the archive damaged.

Mutations: delete a key, put in a hostile value (``None``, booleans, 10²¹/10⁴⁰/10⁷⁰, ``1E+400``,
``NaN``, empty and 5 000-character texts, emoji and RTL marks, formula and markup injection,
invalid dates, traversal paths), swap a value for another one seen under the same key (an enum
value, another date: these get further into the computation), change the type (wrap in a list,
stringify, a number for a text), add an unknown key, duplicate a list item, put a random number or
date, and append a percentage fee line with random ``base_lines`` (itself, unknown ids).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from hypothesis import strategies as st
from tests.strategies import dates as norm_dates
from tests.strategies import texts

from ictcost._internal._yaml import load_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NORMS = ROOT / "norms"

Mode = Literal["api", "cli", "software", "pack", "workbook"]

PROJECTS = (
    "portal-project.yaml",
    "purchase-ktkt.yaml",
    "investment-fs-2026.yaml",
    "recurrent-task.yaml",
    "rental-plan-2025.yaml",
    "rental-plan-2026.yaml",
)
"""The example projects mutated (``portal-project`` needs ``examples/pack`` and its software file)."""

SHIPPED_FOR_PACKS = (
    "vat-rates.yaml",
    "ucp-constants.yaml",
    "base-salary.yaml",
    "project-groups.yaml",
)
"""Shipped tables a mutated copy of which goes into a user pack (overriding the shipped one)."""

HOSTILE: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    -1,
    10**21,
    10**40,
    10**70,
    "1E+400",
    "1e-60",
    "NaN",
    "-Infinity",
    "",
    " ",
    "x" * 5000,
    "9" * 5000,
    "🙂\u202eevil\u202c",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "[/]",
    "[bold red]x[/]",
    "\x1b[31mred\x1b[0m\x07",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "0001-01-01",
    "1:30",
    "0x1F",
    "yes",
    ".nan",
    "8.500",
    "8,500,000",
    "1 000 000",
    "../../../../etc/passwd",
    "/etc/passwd",
    "/dev/zero",
    "software-portal.yaml",
    [],
    {},
    [None],
    {"": None},
    Decimal("0.30000000000000004"),
    Decimal("1e-30"),
    Decimal("123456789012345678.5"),
)
"""Values the review put into inputs (as JSON-like data: YAML and JSON both carry them)."""

Tree = Any
PathKey = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True)
class Case:
    """One fuzz input: the files to write, the mode to run and, for the CLI, the arguments.

    Attributes:
        mode: How the input is run (see ``tests/fuzz/harness.py``).
        files: File name → bytes, written into a fresh folder.
        main: The file the run starts from.
        pack: Whether ``pack/`` (written from ``files``) is given as the user pack.
        args: Extra command-line arguments (CLI mode).
        ops: The mutations applied, for the report.
    """

    mode: Mode
    files: dict[str, bytes] = dataclasses.field(repr=False)
    main: str = "project.yaml"
    pack: bool = False
    args: tuple[str, ...] = ()
    ops: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Case({self.mode!r}, main={self.main!r}, args={self.args!r}, ops={self.ops!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Print the short form in Hypothesis's reports (not the files' bytes)."""
        printer.text(repr(self))

    def write(self, folder: Path) -> Path:
        """Write the files into ``folder``; return the main file's path."""
        for name, data in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return folder / self.main


# --- the base documents -----------------------------------------------------------------------


def _plain(value: object) -> object:
    """The loader's data as plain JSON-like data (dates as ISO text, as a person writes them)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@functools.cache
def base_document(path: Path) -> Tree:
    """An example file read with ictcost's strict loader (cached; callers get a deep copy)."""
    data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
    return _plain(data)


def _walk(tree: Tree, prefix: PathKey = ()) -> Iterator[tuple[PathKey, Tree]]:
    yield prefix, tree
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _walk(value, (*prefix, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _walk(value, (*prefix, i))


@functools.cache
def _seen_values() -> dict[str, tuple[object, ...]]:
    """Every scalar seen under each key in the examples (for type-preserving swaps)."""
    seen: dict[str, set[str]] = {}
    for name in (*PROJECTS, "software-portal.yaml"):
        for path, value in _walk(base_document(EXAMPLES / name)):
            if path and isinstance(path[-1], str) and isinstance(value, (str, int)):
                seen.setdefault(path[-1], set()).add(json.dumps(value))
    return {k: tuple(json.loads(v) for v in sorted(vs)) for k, vs in seen.items()}


def _get(tree: Tree, path: PathKey) -> Tree:
    for key in path:
        tree = tree[key]
    return tree


def _set(tree: Tree, path: PathKey, value: object) -> Tree:
    if not path:
        return value
    _get(tree, path[:-1])[path[-1]] = value
    return tree


def _delete(tree: Tree, path: PathKey) -> Tree:
    if not path:
        return tree
    parent = _get(tree, path[:-1])
    del parent[path[-1]]
    return tree


# --- mutations --------------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(-(10**6), 10**13),
    st.integers(-(10**25), 10**25),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**12
    ),
    st.sampled_from([0, 1, 2, 100, 10**18, 10**18 + 1, 10**12, 10**12 + 1, 10_000, 10_001]),
)
random_dates = st.one_of(
    norm_dates, st.sampled_from(["2019-12-31", "2020-01-01", "2026-02-28", "2026-03-01"])
)


@st.composite
def mutate(draw: st.DrawFn, tree: Tree, *, max_ops: int = 4) -> tuple[Tree, tuple[str, ...]]:
    """Apply one to ``max_ops`` mutations to a copy of ``tree``; return it and their names."""
    tree = copy.deepcopy(tree)
    ops: list[str] = []
    for _ in range(draw(st.integers(1, max_ops))):
        paths = [p for p, _ in _walk(tree)]
        path = draw(st.sampled_from(paths))
        node = _get(tree, path)
        op = draw(
            st.sampled_from(
                [
                    "delete",
                    "hostile",
                    "hostile",
                    "swap",
                    "swap",
                    "swap",
                    "retype",
                    "unknown_key",
                    "duplicate",
                    "number",
                    "date",
                    "text",
                    "fee_line",
                ]
            )
        )
        if op == "delete" and path:
            tree = _delete(tree, path)
        elif op == "hostile":
            tree = _set(tree, path, copy.deepcopy(draw(st.sampled_from(HOSTILE))))
        elif op == "swap" and path and isinstance(path[-1], str) and path[-1] in _seen_values():
            tree = _set(tree, path, draw(st.sampled_from(_seen_values()[path[-1]])))
        elif op == "retype":
            kind = draw(st.sampled_from(["list", "str", "dict", "int"]))
            new = {"list": [node], "str": str(node), "dict": {"value": node}, "int": 7}[kind]
            tree = _set(tree, path, new)
        elif op == "unknown_key" and isinstance(node, dict):
            node[draw(st.sampled_from(["extra", "Name", "id ", "lines", "__proto__"]))] = 1
        elif op == "duplicate" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[draw(st.integers(0, len(node) - 1))]))
        elif op == "number":
            tree = _set(tree, path, draw(numbers))
        elif op == "date":
            tree = _set(tree, path, draw(random_dates.map(str)))
        elif op == "text":
            tree = _set(tree, path, draw(texts))
        elif op == "fee_line" and isinstance(tree, dict) and isinstance(tree.get("lines"), list):
            tree["lines"].append(draw(fee_lines(tree["lines"])))
        else:
            op = f"{op}(skipped)"
        ops.append(f"{op}@{'.'.join(map(str, path)) or '<root>'}")
    return tree, tuple(ops)


@st.composite
def fee_lines(draw: st.DrawFn, lines: list[Any]) -> dict[str, Any]:
    """A % norm fee line whose ``base_lines`` are drawn from the lines (itself, unknown ids)."""
    ids = [
        line["id"] for line in lines if isinstance(line, dict) and isinstance(line.get("id"), str)
    ]
    own = draw(st.sampled_from(["QL-F", "TV-F", *ids[:1]]))
    bases = draw(st.lists(st.sampled_from([*ids, own, "NOPE", ""]), min_size=0, max_size=4))
    line: dict[str, Any] = {
        "id": own,
        "component": draw(st.sampled_from(["quan_ly_du_an", "tu_van", "chi_phi_khac"])),
        "name": "Phí theo định mức",
        "method": "norm_percent",
        "vat": "general",
        "fee": draw(
            st.sampled_from(["quan_ly_du_an", "lap_bao_cao_ktkt", "tham_tra_du_toan", "x"])
        ),
    }
    if draw(st.booleans()):
        line["base_lines"] = bases
    return line


def _dump(tree: Tree, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(tree, ensure_ascii=False, default=str).encode("utf-8")
    return yaml.safe_dump(
        json.loads(json.dumps(tree, default=str)), allow_unicode=True, sort_keys=False
    ).encode("utf-8")


def _example_files(name: str) -> dict[str, bytes]:
    """The files an example project needs besides itself (its software input, its pack)."""
    if name != "portal-project.yaml":
        return {}
    return {
        "software-portal.yaml": (EXAMPLES / "software-portal.yaml").read_bytes(),
        "pack/demo-price-list.yaml": (EXAMPLES / "pack" / "demo-price-list.yaml").read_bytes(),
    }


# --- the cases --------------------------------------------------------------------------------


@st.composite
def project_cases(draw: st.DrawFn, mode: Mode = "api") -> Case:
    """A mutated example project, as YAML or JSON, for the API or the CLI."""
    name = draw(st.sampled_from(PROJECTS))
    tree, ops = draw(mutate(base_document(EXAMPLES / name)))
    fmt = draw(st.sampled_from(["yaml", "json"]))
    main = f"project.{fmt}"
    files = {main: _dump(tree, fmt), **_example_files(name)}
    args: tuple[str, ...] = ()
    if mode == "cli":
        command = draw(st.sampled_from(["estimate", "estimate", "check"]))
        args = (command,)
    return Case(mode, files, main, pack="pack/demo-price-list.yaml" in files, args=args, ops=ops)


@st.composite
def software_cases(draw: st.DrawFn) -> Case:
    """A mutated software input (use-case points), as YAML or JSON."""
    tree, ops = draw(mutate(base_document(EXAMPLES / "software-portal.yaml")))
    fmt = draw(st.sampled_from(["yaml", "json"]))
    return Case("software", {f"software.{fmt}": _dump(tree, fmt)}, f"software.{fmt}", ops=ops)


@functools.cache
def _shipped(name: str) -> Path:
    (path,) = sorted(NORMS.rglob(name))
    return path


@st.composite
def pack_cases(draw: st.DrawFn) -> Case:
    """The portal project with a user pack whose table (the price list, or a copy of a shipped
    table overriding it) is mutated; the mutations keep to the table's ``versions``."""
    table = draw(st.sampled_from(("demo-price-list.yaml", *SHIPPED_FOR_PACKS)))
    source = EXAMPLES / "pack" / table if table == "demo-price-list.yaml" else _shipped(table)
    tree = base_document(source)
    versions, ops = draw(mutate(tree["versions"], max_ops=3))
    pack_tree = {**copy.deepcopy(tree), "versions": versions}
    if draw(st.integers(0, 9)) == 0:  # sometimes the header too
        pack_tree, more = draw(mutate(pack_tree, max_ops=1))
        ops += more
    files = {
        "project.yaml": (EXAMPLES / "portal-project.yaml").read_bytes(),
        "software-portal.yaml": (EXAMPLES / "software-portal.yaml").read_bytes(),
        "pack/demo-price-list.yaml": (EXAMPLES / "pack" / "demo-price-list.yaml").read_bytes(),
        f"pack/{table}": _dump(pack_tree, "yaml"),
    }
    return Case("pack", files, "project.yaml", pack=True, ops=(f"table={table}", *ops))


CELL_VALUES = st.one_of(
    st.sampled_from([v for v in HOSTILE if isinstance(v, (str, int, bool, type(None)))]),
    numbers.map(lambda n: int(n) if isinstance(n, int) else float(n)),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),
)


@st.composite
def workbook_cases(draw: st.DrawFn) -> Case:
    """The input template filled from an example, with one to six cells changed; sometimes a
    part of the archive is then truncated or a byte flipped."""
    from tests.fuzz.harness import template_bytes  # noqa: PLC0415 - needs ictcost's writer

    name = draw(
        st.sampled_from(["purchase-ktkt.yaml", "recurrent-task.yaml", "rental-plan-2026.yaml"])
    )
    data = template_bytes(name)
    edits = draw(
        st.lists(
            st.tuples(st.integers(0, 3), st.integers(1, 40), st.integers(1, 14), CELL_VALUES),
            min_size=1,
            max_size=6,
        )
    )
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "flip"]))
    offset = draw(st.integers(0, 10**6))
    from tests.fuzz.harness import edit_workbook  # noqa: PLC0415

    out = edit_workbook(data, edits, damage=damage, offset=offset)
    ops = (
        f"base={name}",
        *(f"cell[{s}]{r},{c}={v!r:.40}" for s, r, c, v in edits),
        f"damage={damage}",
    )
    return Case("workbook", {"project.xlsx": out}, "project.xlsx", ops=ops)


def any_case(
    modes: tuple[Mode, ...] = ("api", "cli", "software", "pack", "workbook"),
) -> st.SearchStrategy[Case]:
    """A case of any of ``modes``."""
    build: dict[Mode, Callable[[], st.SearchStrategy[Case]]] = {
        "api": lambda: project_cases("api"),
        "cli": lambda: project_cases("cli"),
        "software": software_cases,
        "pack": pack_cases,
        "workbook": workbook_cases,
    }
    return st.one_of(*(build[m]() for m in modes))
