"""Load norm files: YAML → :class:`~ictcost.norms.models.NormTable`, every error located.

Two layers: :mod:`ictcost._internal._yaml` parses strictly and records positions; the pydantic
models then validate meaning, and :mod:`ictcost._internal._problems` (the one mapper shared with
the input readers) locates each of their errors. Every problem is reported as
``file:line:column: path: what (got …)``.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Final

from pydantic import ValidationError

from ictcost._internal._problems import locate, validation_problems
from ictcost._internal._validate import typed_args
from ictcost._internal._yaml import dotted, load_yaml
from ictcost.errors import (
    NormConsistencyError,
    NormDataError,
    NormSchemaError,
    Problem,
)
from ictcost.norms.models import NormTable, table_problems

__all__ = ["iter_norm_files", "load_table", "load_table_text", "validate_norms"]


_GRAMMAR_MESSAGES: Final = {
    "extra_forbidden": "unknown key (check its spelling; see norms/README.md for the grammar)",
}
"""Messages that replace pydantic's for a norm file, by error type."""


@typed_args
def load_table_text(text: str, file: str, *, expected_id: str | None = None) -> NormTable:
    """Parse and validate one norm file's text.

    Args:
        text: The YAML text.
        file: The name to use in messages (usually the path).
        expected_id: When given, the table's ``id`` must equal it (the file's stem).

    Returns:
        The validated, frozen table.

    Raises:
        NormSyntaxError: the text is not strict, well-formed YAML.
        NormSchemaError: the data does not follow the grammar (every problem is listed).
        NormConsistencyError: the table contradicts itself (every problem is listed).
    """
    data, marks = load_yaml(text, file)
    if not isinstance(data, dict):
        raise NormSchemaError(
            "a norm file must be a mapping with id, title, instrument, kind, unit, "
            "last_verified, sources and versions",
            problems=(Problem("not a mapping", file, 1, 1, got=type(data).__name__),),
            hint="see norms/README.md for a complete example",
        )
    try:
        table = NormTable.model_validate(data, context={"defer_consistency": True})
    except ValidationError as exc:
        grammar = validation_problems(exc, data, file=file, marks=marks, messages=_GRAMMAR_MESSAGES)
        raise NormSchemaError(
            f"{file}: {len(grammar)} problem(s) with the norm data grammar",
            problems=grammar,
            hint="correct each field listed; norms/README.md documents every key",
            file=file,
        ) from None
    problems = []
    for p in table_problems(table):
        line, col = locate(marks, p.path)
        problems.append(Problem(p.message, file, line, col, dotted(p.path), p.got))
    if expected_id is not None and table.id != expected_id:
        line, col = marks.get(("id",), (None, None))
        problems.append(
            Problem(
                f"the id must equal the file name {expected_id!r}",
                file,
                line,
                col,
                "id",
                repr(table.id),
            )
        )
    if problems:
        raise NormConsistencyError(
            f"{file}: {len(problems)} consistency problem(s)",
            problems=tuple(problems),
            hint="correct each entry listed (dates, breakpoints, sources, ids)",
            file=file,
        )
    return table


@typed_args
def load_table(path: FsPath | str) -> NormTable:
    """Load one norm file from disk; its ``id`` must equal the file's stem.

    Args:
        path: The ``.yaml`` file.

    Returns:
        The validated table.

    Raises:
        NormDataError: the file cannot be read or is not valid (see :func:`load_table_text`).
    """
    p = FsPath(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NormDataError(
            f"cannot read norm file {p}: {exc}",
            code="norm-syntax",
            problems=(Problem(str(exc), str(p)),),
            hint="check the path and that the file is UTF-8 text",
        ) from exc
    return load_table_text(text, str(p), expected_id=p.stem)


def iter_norm_files(root: FsPath) -> list[FsPath]:
    """List the norm files of a pack directory, sorted (``*.yaml``, recursively).

    Files under a ``schema`` folder and files whose name starts with ``_`` or ``.`` are skipped.

    Args:
        root: The pack directory.

    Returns:
        The sorted list of norm files.
    """
    out = []
    inside = root.resolve()
    for p in sorted(root.rglob("*.yaml")):
        rel = p.relative_to(root).parts
        if "schema" in rel[:-1] or any(part.startswith((".", "_")) for part in rel):
            continue
        if not p.resolve().is_relative_to(inside):
            # a link out of the pack would read (and quote in its errors) any file the user can
            # read: a pack holds its own files (reliability review D5)
            raise NormDataError(
                f"{p} links to a file outside the norm pack {root}",
                code="norm-pack-invalid",
                field="pack",
                hint="copy the norm file into the pack instead of linking to it",
            )
        out.append(p)
    return out


@typed_args
def validate_norms(root: FsPath | str) -> list[Problem]:
    """Check every norm file under a directory and collect all problems (does not stop early).

    Args:
        root: A pack directory (for instance the repository's ``norms/``).

    Returns:
        Every problem found, in file order; an empty list means the pack is valid. Duplicate
        ids across files are reported too.

    Examples:
        >>> from ictcost.norms.registry import shipped_norms_dir
        >>> validate_norms(shipped_norms_dir())
        []
    """
    root = FsPath(root)
    problems: list[Problem] = []
    seen: dict[str, FsPath] = {}
    for path in iter_norm_files(root):
        try:
            table = load_table(path)
        except NormDataError as exc:
            problems.extend(exc.problems or (Problem(exc.message, str(path)),))
            continue
        if table.id in seen:
            problems.append(
                Problem(
                    f"duplicate table id, also defined in {seen[table.id]}",
                    str(path),
                    1,
                    1,
                    "id",
                    repr(table.id),
                )
            )
        seen[table.id] = path
    return problems
