"""Read the input of the software-cost computation from a file, a dict or pandas DataFrames.

The input file (YAML or JSON) has the shape of :class:`~ictcost.software.inputs.SoftwareInput`::

    date: 2025-06-01
    actors: {simple: 0, average: 0, complex: 3}      # counts, or a list of {name, complexity}
    use_cases:                                       # each with bmt and complexity or transactions
      - {name: Đăng nhập, bmt: B, complexity: simple}
      - {name: Tra cứu hồ sơ, bmt: M, transactions: 5}
    technical: {T1: 3, T2: 2, …, T13: 1}             # all 13 factors, ratings 0–5
    environmental: {E1: 4, E2: [3, 4], …, E8: 2}     # all 8; E1–E5 may list one rating per member
    labour_rate: 61250                               # H in đồng/person-hour, or a labour block

YAML is read with the strict norm reader (exact decimals, duplicate keys refused), so every error
names ``file:line:column`` and the field.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ictcost._internal._problems import MarkMap
from ictcost._internal._validate import typed_args
from ictcost.inputs._files import read_input_file
from ictcost.inputs._problems import input_error

if TYPE_CHECKING:
    from ictcost.software.inputs import SoftwareInput

__all__ = ["load_software_input", "software_input_from_frames"]


def _validate(
    data: object, *, file: str | None = None, marks: MarkMap | None = None
) -> SoftwareInput:
    # imported here: ictcost.software re-exports these readers, so this module must not import
    # the software package while it loads
    from ictcost.software.inputs import SoftwareInput  # noqa: PLC0415

    try:
        return SoftwareInput.model_validate(data)
    except ValidationError as exc:
        raise input_error(
            exc,
            data,
            subject="software input",
            file=file,
            marks=marks,
            hint="correct each field listed; docs/software.md documents the input shape",
        ) from None


@typed_args
def load_software_input(source: Path | str | Mapping[str, Any]) -> SoftwareInput:
    """Read a software-cost input from a YAML/JSON file or a plain dict.

    Args:
        source: A path to a ``.yaml``/``.yml``/``.json`` file, or a dict of the same shape.

    Returns:
        The validated input.

    Raises:
        InputError: the file cannot be read, is not well-formed, or a field is wrong (each
            problem names its field and, for YAML, its ``file:line:column``).
    """
    if isinstance(source, Mapping):
        return _validate(dict(source))
    path = Path(source)
    data, marks = read_input_file(path)
    return _validate(data, file=str(path), marks=marks)


_ABSENT = object()


def _cell(value: Any) -> Any:  # noqa: ANN401 - a DataFrame cell
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar → Python scalar
    if isinstance(value, float):
        if math.isnan(value):
            return _ABSENT  # pandas marks an empty cell with NaN
        if value.is_integer():
            return int(value)  # pandas turns an int column with gaps into floats
    return value


def _records(frame: Any) -> list[dict[str, Any]]:  # noqa: ANN401 - a pandas DataFrame or rows
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else list(frame)
    out = []
    for row in rows:
        cells = {str(key): _cell(value) for key, value in dict(row).items()}
        out.append({key: value for key, value in cells.items() if value is not _ABSENT})
    return out


def software_input_from_frames(
    *,
    date: dt.date | str,
    actors: Any,  # noqa: ANN401 - a DataFrame with columns name, complexity (or an iterable)
    use_cases: Any,  # noqa: ANN401 - a DataFrame with columns name, bmt, complexity/transactions
    technical: Mapping[str, Any],
    environmental: Mapping[str, Any],
    labour_rate: Any,  # noqa: ANN401 - H, or a labour block
    name: str | None = None,
) -> SoftwareInput:
    """Build the input from pandas DataFrames of actors and use cases (pandas is optional).

    Empty cells (NaN) are treated as absent; whole-number floats that pandas creates in columns
    with gaps are read as integers.

    Args:
        date: The estimate's date.
        actors: Rows with ``name`` and ``complexity``.
        use_cases: Rows with ``name``, ``bmt`` and ``complexity`` and/or ``transactions``
            (and optionally ``change``).
        technical: ``{T1: rating, …}``.
        environmental: ``{E1: rating or [ratings], …}``.
        labour_rate: H, or a labour block.
        name: The software's name.

    Returns:
        The validated input.

    Raises:
        InputError: as :func:`load_software_input`.

    Examples:
        >>> inp = software_input_from_frames(
        ...     date="2025-06-01",
        ...     actors=[{"name": "Cán bộ", "complexity": "complex"}],
        ...     use_cases=[{"name": "Tra cứu", "bmt": "M", "transactions": 5.0}],
        ...     technical={f"T{i}": 3 for i in range(1, 14)},
        ...     environmental={f"E{i}": 3 for i in range(1, 9)},
        ...     labour_rate=61250,
        ... )
        >>> inp.use_cases[0].transactions
        5
    """
    return _validate(
        {
            "name": name,
            "date": date,
            "actors": _records(actors),
            "use_cases": _records(use_cases),
            "technical": dict(technical),
            "environmental": dict(environmental),
            "labour_rate": labour_rate,
        }
    )
