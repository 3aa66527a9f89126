"""The norm registry: every table of the shipped pack (and user packs), looked up "as of" a date.

Examples:
    >>> import datetime as dt
    >>> from ictcost import NormRegistry
    >>> reg = NormRegistry.shipped()
    >>> v = reg.get("qd1688-1b", on=dt.date(2026, 1, 15))
    >>> v.value("7", "project").value
    Decimal('2.809')
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import importlib
import importlib.resources
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ictcost._internal._coerce import CoercionError, coerce_date
from ictcost._internal._validate import typed_args
from ictcost.errors import DuplicateNormError, InputError, NormNotFoundError, Problem
from ictcost.norms.cited import SHIPPED, Citation, CitedAlternative, CitedValue, Origin
from ictcost.norms.loader import iter_norm_files, load_table
from ictcost.norms.models import NormTable, NormVersion, Row, Scalar

if TYPE_CHECKING:
    from ictcost.norms.view import NormView

__all__ = [
    "SHIPPED",
    "Citation",
    "CitedAlternative",
    "CitedValue",
    "InForce",
    "NormRegistry",
    "Origin",
    "as_date",
    "shipped_norms_dir",
]


def shipped_norms_dir() -> Path:
    """Return the directory of the shipped norm pack.

    In an installed wheel the pack sits in the package as ``ictcost/_norms``; in a source checkout
    (editable install) it is the repository's ``norms/`` folder.

    Returns:
        The directory holding the shipped ``*.yaml`` files.
    """
    packaged = importlib.resources.files("ictcost").joinpath("_norms")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "norms"


@dataclass(frozen=True, slots=True)
class InForce:
    """The version of a table in force on a date, ready for lookups.

    Attributes:
        table: The whole table.
        version: The version in force on ``on``.
        on: The date asked for.
        origin: Where the table was loaded from.
    """

    table: NormTable
    version: NormVersion
    on: dt.date
    origin: Origin

    def row(self, row: str) -> Row:
        """Return a row of the version by key, or by breakpoint (``"7"`` and ``"7.0"`` alike).

        Args:
            row: The row key, or the breakpoint as text for rate tables.

        Returns:
            The row.

        Raises:
            NormNotFoundError: no such row (code ``norm-value-not-found``; the message lists the
                rows).
        """
        found = self.version.find_row(row)
        if found is not None:
            return found
        names = [r.name for r in self.version.rows]
        raise NormNotFoundError(
            f"table {self.table.id} ({self.version.period}) has no row {row!r}",
            code="norm-value-not-found",
            hint=f"rows are: {', '.join(names)}",
            table_id=self.table.id,
        )

    def has(self, row: str, column: str) -> bool:
        """Return whether the cell ``(row, column)`` exists in this version."""
        try:
            return column in self.row(row).values
        except NormNotFoundError:
            return False

    def value(self, row: str | Row, column: str, *, alternative: int | None = None) -> CitedValue:
        """Return one cell with its citation.

        Args:
            row: The row key (or the breakpoint as text, for rate tables), or a row of this
                version as returned by :meth:`row`.
            column: The column key.
            alternative: For a disputed value, the index of the alternative to use instead of
                the default value (0 = first alternative).

        Returns:
            The cited value.

        Raises:
            NormNotFoundError: no such row or column (code ``norm-value-not-found``).
            InputError: ``alternative`` given for a value that has no such alternative.
        """
        r = row if isinstance(row, Row) else self.row(row)
        if column not in r.values:
            raise NormNotFoundError(
                f"table {self.table.id} row {r.name!r} has no value in column {column!r}",
                code="norm-value-not-found",
                hint=f"columns with a value in this row: {', '.join(r.values)}",
                table_id=self.table.id,
            )
        cell = r.values[column]
        value: Scalar = cell.value
        source_ids = cell.source
        if alternative is not None:
            if not 0 <= alternative < len(cell.alternatives):
                raise InputError(
                    f"{self.table.id}/{r.name}/{column} has {len(cell.alternatives)} "
                    f"alternative(s); alternative {alternative} does not exist",
                    code="alternative-invalid",
                    field=f"{self.table.id}/{r.name}/{column}",
                    hint="choose an index listed by `ictcost norms show`, or none for the default",
                )
            value = cell.alternatives[alternative].value
            source_ids = cell.alternatives[alternative].source
        return CitedValue.model_construct(
            value=value,
            table_id=self.table.id,
            table_title=self.table.title.vi,
            instrument=self.version.basis or self.table.instrument.number,
            period=self.version.period,
            row=r.name,
            column=column,
            sources=tuple((sid, self.table.sources[sid]) for sid in source_ids),
            confidence=cell.confidence,
            note=cell.note,
            alternatives=cell.alternatives,
            chosen_alternative=alternative,
            origin=self.origin,
        )

    def rows(self) -> tuple[Row, ...]:
        """Return the rows of the version."""
        return self.version.rows


def as_date(on: object, name: str = "on") -> dt.date:
    """Return a date given as a ``datetime.date`` (a ``datetime`` is cut to its date) or ISO text.

    Args:
        on: The value.
        name: The parameter's name, for the message.

    Returns:
        The date.

    Raises:
        InputError: not a date (code ``input-date``).

    Examples:
        >>> as_date("2026-01-15")
        datetime.date(2026, 1, 15)
    """
    return _to_date(on, name)


def _to_date(on: object, name: str = "on") -> dt.date:
    try:
        return coerce_date(on, allow_datetime=True)
    except CoercionError:
        raise InputError(
            f"'{name}' must be a date (YYYY-MM-DD) (got {on!r})",
            code="input-date",
            field=name,
            hint="give a datetime.date or an ISO date such as 2026-01-15",
        ) from None


_KEEP_IN_FORCE = 4096
"""How many (table, date) versions in force a registry keeps (then it starts again)."""

_VIEW_MODULE = "ictcost.norms.view"
"""The module of :class:`~ictcost.norms.view.NormView`, imported by name on the first :meth:`at`."""

_LOAD_LOCK = threading.Lock()
"""Guards the first parse of a lazily loaded table (every reader then gets the same object)."""


class _Entry:
    """One table of a registry: where it came from, and the table once parsed."""

    __slots__ = ("origin", "path", "table")

    def __init__(
        self, origin: Origin, *, table: NormTable | None, path: Path | None = None
    ) -> None:
        self.origin = origin
        self.table = table
        self.path = path

    def load(self) -> NormTable:
        """Return the table, parsing its file on the first call.

        Raises:
            NormDataError: the file is not a valid norm file.
        """
        table = self.table
        if table is None:
            with _LOAD_LOCK:
                table = self.table
                if table is None:
                    assert self.path is not None
                    table = self.table = load_table(self.path)
        return table

    def __getstate__(self) -> tuple[Origin, NormTable]:
        return (self.origin, self.load())

    def __setstate__(self, state: tuple[Origin, NormTable]) -> None:
        self.origin, self.table = state
        self.path = None


class NormRegistry:
    """All loaded norm tables by id, with "in force on a date" lookups.

    A registry is immutable. :meth:`shipped` gives the tables that ship with ictcost (each file
    parsed the first time one of its values is read); :meth:`with_pack` returns a new registry
    with a user pack loaded (and validated) on top: a user table with the id of an existing one
    replaces it, and every value read from it says so. A registry is hashable by identity (the
    caches of views and estimates are kept per registry) and pickles with every table parsed.
    """

    view_type: ClassVar[type[NormView] | None] = None
    """The class :meth:`at` builds: :class:`ictcost.norms.view.NormView` sets itself here when it
    is defined (the view reads the regimes, a floor above the registry, so the registry never
    imports it; :meth:`at` imports the view's module by name the first time it is needed)."""

    def __init__(self, tables: Mapping[str, tuple[NormTable, Origin]]) -> None:
        self._tables: dict[str, _Entry] = {
            tid: _Entry(origin, table=table) for tid, (table, origin) in tables.items()
        }
        self._in_force: dict[tuple[str, dt.date], InForce] = {}

    def __getstate__(self) -> dict[str, object]:
        # a pickled registry carries its tables, never paths to read later (another machine)
        for entry in self._tables.values():
            entry.load()
        return {"_tables": self._tables}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._in_force = {}

    @classmethod
    @functools.cache
    def shipped(cls) -> NormRegistry:
        """Return the registry of the shipped pack (loaded once, then cached).

        Returns:
            The shipped registry.
        """
        # the shipped files are parsed when first read (a fee reads a few of them): each of them
        # is validated by the test suite and by `ictcost norms validate`, which read eagerly
        return cls({})._with_files(shipped_norms_dir(), pack_name=SHIPPED, lazy=True)

    @typed_args
    def with_pack(self, directory: Path | str, *, pack_name: str | None = None) -> NormRegistry:
        """Return a new registry with the tables of ``directory`` loaded on top of this one.

        Args:
            directory: The pack directory (``*.yaml`` files, searched recursively).
            pack_name: The name shown in citations; defaults to the directory's own name (its
                last path component, however the path was spelled).

        Returns:
            A new registry; this one is unchanged.

        Raises:
            NormDataError: a file of the pack is invalid.
            DuplicateNormError: two files of the pack declare the same id.
            InputError: the directory does not exist or holds no norm file.
        """
        root = Path(directory)
        if not root.is_dir():
            raise InputError(
                f"norm pack {root} is not a directory",
                code="norm-pack-invalid",
                field="pack",
                hint="give the folder that holds the *.yaml files",
            )
        files = iter_norm_files(root)
        if not files:
            raise InputError(
                f"norm pack {root} holds no *.yaml file",
                code="norm-pack-invalid",
                field="pack",
                hint="a pack is a folder of norm files",
            )
        return self._with_files(root, pack_name=pack_name, lazy=False, files=files)

    def _with_files(
        self,
        root: Path,
        *,
        pack_name: str | None,
        lazy: bool,
        files: list[Path] | None = None,
    ) -> NormRegistry:
        """The registry with the files of ``root`` on top; ``lazy`` parses each on first read.

        A table's id is its file's stem (:func:`~ictcost.norms.loader.load_table` checks it), so
        the ids, the duplicates and the overrides are known without parsing a file.
        """
        if files is None:
            files = iter_norm_files(root)
        # the folder's own name, not the path as typed: `--pack pack` and `--pack /abs/pack` give
        # the same citations and the same JSON (reliability review D20)
        name = pack_name or root.resolve().name or str(root)
        tables = dict(self._tables)
        loaded: dict[str, Path] = {}
        for path in files:
            table = None if lazy else load_table(path)
            table_id = path.stem
            if table_id in loaded:
                raise DuplicateNormError(
                    f"table id {table_id!r} is defined twice in pack {name}",
                    problems=(
                        Problem("first definition", str(loaded[table_id])),
                        Problem("second definition", str(path)),
                    ),
                    hint="keep one file per table id",
                    table_id=table_id,
                )
            loaded[table_id] = path
            previous = tables.get(table_id)
            origin = Origin(
                pack=name,
                path=path.relative_to(root).as_posix(),
                overrides=f"{previous.origin.pack}:{previous.origin.path}" if previous else None,
            )
            tables[table_id] = _Entry(origin, table=table, path=path)
        registry = NormRegistry({})
        registry._tables = tables
        return registry

    def __getitem__(self, table_id: str) -> NormTable:
        return self.table(table_id)

    def __contains__(self, table_id: object) -> bool:
        return table_id in self._tables

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._tables))

    def __len__(self) -> int:
        return len(self._tables)

    @typed_args
    def table(self, table_id: str) -> NormTable:
        """Return a table by id.

        Args:
            table_id: The table id (the file's stem).

        Returns:
            The table.

        Raises:
            NormNotFoundError: no such table (the message suggests close ids).
        """
        try:
            entry = self._tables[table_id]
        except KeyError:
            close = difflib.get_close_matches(table_id, list(self._tables), n=3)
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else "`ictcost norms list` shows every table id"
            )
            raise NormNotFoundError(
                f"no norm table with id {table_id!r}", hint=hint, table_id=table_id
            ) from None
        return entry.load()

    def origin(self, table_id: str) -> Origin:
        """Return where a table was loaded from."""
        self.table(table_id)
        return self._tables[table_id].origin

    def at(
        self,
        on: dt.date | str,
        *,
        alternatives: Mapping[str, int] | None = None,
        regime_override: str | None = None,
    ) -> NormView:
        """Return the view of the norms in force on a date: what every formula reads.

        The view resolves the regime once, caches the tables in force, applies the chosen
        alternatives of disputed values and records which were used (see
        :class:`~ictcost.norms.view.NormView`). Views of one registry on one date and override
        share their caches, so building one is cheap.

        Args:
            on: The date (a ``datetime.date`` or an ISO string).
            alternatives: For disputed values, ``{"table/row/column": index}`` of the alternative
                to use instead of the default.
            regime_override: A transitional override: an earlier regime id (see
                :func:`ictcost.regimes.regime_on`).

        Returns:
            The view.

        Raises:
            InputError: ``on`` is not a date.

        Examples:
            >>> view = NormRegistry.shipped().at("2026-01-15")
            >>> view.regime.id, view.number("qd1688-1b", "7", "project")
            ('nd73_2019', Decimal('2.809'))
        """
        view_type = NormRegistry.view_type
        if view_type is None:
            importlib.import_module(_VIEW_MODULE)  # defines the view, which sets view_type
            view_type = NormRegistry.view_type
            assert view_type is not None
        return view_type(
            self, _to_date(on), alternatives=alternatives, regime_override=regime_override
        )

    @typed_args(skip=("on",))
    def get(self, table_id: str, on: dt.date | str) -> InForce:
        """Return the version of a table in force on a date (found once per table and date).

        Args:
            table_id: The table id.
            on: The date (a ``datetime.date`` or an ISO string).

        Returns:
            The version in force, with its table and origin.

        Raises:
            NormNotFoundError: no such table, or no version in force on that date (the message
                lists the periods that exist; code ``norm-version-not-found``).
            InputError: ``on`` is not a date.
        """
        day = on if type(on) is dt.date else _to_date(on)
        found = self._in_force.get((table_id, day))
        if found is not None:
            return found
        table = self.table(table_id)
        version = table.version_on(day)
        if version is None:
            periods = "; ".join(v.period for v in table.versions)
            raise NormNotFoundError(
                f"table {table_id} has no version in force on {day.isoformat()}; "
                f"its versions cover: {periods}",
                code="norm-version-not-found",
                hint="use a date inside one of those periods, or load a pack that covers it",
                table_id=table_id,
                on=day.isoformat(),
            )
        found = InForce(table, version, day, self._tables[table_id].origin)
        if len(self._in_force) >= _KEEP_IN_FORCE:
            self._in_force.clear()
        self._in_force[(table_id, day)] = found
        return found

    @typed_args(skip=("on",))
    def in_force(self, on: dt.date | str) -> list[str]:
        """Return the ids of the tables that have a version in force on a date.

        Args:
            on: The date.

        Returns:
            The sorted ids.
        """
        day = _to_date(on)
        return [tid for tid in self if self.table(tid).version_on(day) is not None]
