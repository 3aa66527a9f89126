"""The result of a planning-stage Monte Carlo: the legal figure first, then the spread of the total.

:class:`Simulation` keeps the deterministic legal total of the exact estimate (labelled as the
legal figure: the Monte Carlo never replaces it), the percentiles P10/P50/P80/P90, the mean and
the extremes of the simulated totals (whole đồng), the same by statutory group, and the drivers
of the spread: the Spearman rank correlation of each ranged input with the total, strongest
first. Its JSON is byte-identical across runs with the same seed; the draws themselves are kept
in memory only (:meth:`Simulation.to_dataframe`).
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, PrivateAttr

from ictcost._version import SCHEMA_VERSION
from ictcost.money import format_amount
from ictcost.simulation.ranges import Distribution

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PERCENTILES", "Driver", "GroupSpread", "Simulation"]

Lang = Literal["vi", "en"]
PERCENTILES = (10, 50, 80, 90)
"""The percentiles reported (P10, P50, P80, P90)."""
WIDTH = 80

_WORDS: dict[str, dict[Lang, str]] = {
    "title": {
        "vi": "Mô phỏng Monte Carlo (giai đoạn lập kế hoạch)",
        "en": "Monte Carlo simulation (planning stage)",
    },
    "legal": {
        "vi": "Tổng mức theo dự toán (con số pháp lý)",
        "en": "Estimate total (the legal figure)",
    },
    "note": {
        "vi": "Các khoảng dưới đây chỉ để lập kế hoạch, không thay con số pháp lý.",
        "en": "The ranges below are for planning only; they never replace the legal figure.",
    },
    "draws": {"vi": "Số lần rút", "en": "Draws"},
    "seed": {"vi": "hạt giống", "en": "seed"},
    "distribution": {"vi": "phân phối", "en": "distribution"},
    "mean": {"vi": "Trung bình", "en": "Mean"},
    "range": {"vi": "Nhỏ nhất – lớn nhất", "en": "Min – max"},
    "below_legal": {
        "vi": "Tỷ lệ lần rút không vượt con số pháp lý",
        "en": "Share of draws at or below the legal figure",
    },
    "drivers": {
        "vi": "Yếu tố chi phối (tương quan hạng Spearman với tổng)",
        "en": "Drivers of the spread (Spearman rank correlation with the total)",
    },
    "input": {"vi": "Đầu vào", "en": "Input"},
    "triangular": {"vi": "tam giác", "en": "triangular"},
    "pert": {"vi": "PERT", "en": "PERT"},
    "unit": {"vi": "đ", "en": "VND"},
    "low_high": {"vi": "Thấp … cao", "en": "Low … high"},
}

Floats = npt.NDArray[np.float64]


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Driver(_Result):
    """One ranged input and how strongly it drives the total.

    Attributes:
        input: ``line.field`` (``TB-01.unit_price``, ``PM-01.technical.T3``).
        line: The line id.
        field: The field (``quantity``, ``unit_price``, ``technical.T3``, ``labour_rate`` …).
        low: The range's low value.
        mode: The mode (the project's value).
        high: The range's high value.
        rho: Spearman's rank correlation with the total (4 decimals), or ``None`` when the input
            does not vary (low = high) or the total does not.
    """

    input: str
    line: str
    field: str
    low: Decimal
    mode: Decimal
    high: Decimal
    rho: Decimal | None


class GroupSpread(_Result):
    """The spread of one statutory group's after-VAT total (contingency excluded).

    Attributes:
        key: The group key (``thiet_bi``, ``tu_van`` …).
        legal: The group's total in the exact estimate.
        percentiles: ``{"P10": …, "P50": …, "P80": …, "P90": …}`` in whole đồng.
    """

    key: str
    legal: Decimal
    percentiles: dict[str, Decimal]


class Simulation(_Result):
    """A planning-stage Monte Carlo of an estimate's total, beside its legal figure.

    Attributes:
        schema_version: The version of the JSON document.
        name: The project's name.
        date: The project's date.
        legal_total: The **legal figure**: the total of the exact estimate
            (:func:`ictcost.estimate.compute_estimate`), never replaced by the simulation.
        draws: The number of draws.
        seed: The seed of the generator (numpy PCG64): the same seed gives the same result.
        distribution: ``triangular`` or ``pert``.
        percentiles: ``{"P10": …, "P50": …, "P80": …, "P90": …}`` of the simulated total, whole
            đồng (numpy's linear percentile, rounded half away from zero).
        mean: The mean of the simulated totals, whole đồng.
        minimum: The smallest simulated total.
        maximum: The largest simulated total.
        share_at_or_below_legal: The share of draws whose total is at most the legal figure
            (4 decimals).
        groups: The spread of each statutory group.
        drivers: Every ranged input, by decreasing ``|rho|``.
    """

    schema_version: str = SCHEMA_VERSION
    name: str
    date: dt.date
    legal_total: Decimal
    draws: int
    seed: int
    distribution: Distribution
    percentiles: dict[str, Decimal]
    mean: Decimal
    minimum: Decimal
    maximum: Decimal
    share_at_or_below_legal: Decimal
    groups: tuple[GroupSpread, ...]
    drivers: tuple[Driver, ...]
    _totals: Floats = PrivateAttr(default_factory=lambda: np.zeros(0))
    _values: Floats = PrivateAttr(default_factory=lambda: np.zeros((0, 0)))
    _keys: tuple[str, ...] = PrivateAttr(default=())

    def with_draws(self, totals: Floats, values: Floats, keys: tuple[str, ...]) -> Simulation:
        """Return the result holding its draws for :meth:`to_dataframe` (not in the JSON).

        Args:
            totals: The total of each draw.
            values: One row per ranged input, one column per draw.
            keys: The inputs of the rows (``line.field``).
        """
        self._totals, self._values, self._keys = totals, values, keys
        return self

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (Decimals as exact strings; no draws)."""
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the result as JSON text (byte-identical for the same inputs and seed)."""
        return self.model_dump_json(indent=indent)

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per draw: each ranged input's value and the total (pandas).

        Raises:
            ImportError: pandas is not installed.
        """
        import pandas as pd  # noqa: PLC0415 - optional

        columns: dict[str, Any] = {key: self._values[i] for i, key in enumerate(self._keys)}
        columns["total"] = self._totals
        frame = pd.DataFrame(columns)
        frame.index.name = "draw"
        return frame

    def to_text(self, lang: Lang = "en", *, top: int = 10) -> str:
        """Return the result as a text table of at most 80 columns: the legal figure first.

        Args:
            lang: ``vi`` or ``en``.
            top: How many drivers to list.
        """

        def money(x: Decimal) -> str:
            return format_amount(x, lang)

        def signed(x: Decimal) -> str:
            text = f"{x:+.2f}"
            return text.replace(".", ",") if lang == "vi" else text

        unit = _w("unit", lang)

        rows = [
            _w("title", lang),
            "=" * len(_w("title", lang)),
            f"{_w('legal', lang)}: {money(self.legal_total)} {unit}",
            _w("note", lang),
            "",
            f"{_w('draws', lang)}: {money(Decimal(self.draws))} ({_w('seed', lang)} {self.seed}, "
            f"{_w('distribution', lang)} {_w(self.distribution, lang)})",
        ]
        for name, value in self.percentiles.items():
            rows.append(f"  {name:<4} {money(value):>26} {unit}")
        rows.append(f"  {_w('mean', lang)}: {money(self.mean)} {unit}")
        rows.append(f"  {_w('range', lang)}: {money(self.minimum)} – {money(self.maximum)} {unit}")
        share = format(self.share_at_or_below_legal * 100, ".1f")
        rows.append(
            f"  {_w('below_legal', lang)}: {share.replace('.', ',') if lang == 'vi' else share} %"
        )
        rows += ["", _w("drivers", lang)]
        for d in self.drivers[:top]:
            rho = "—" if d.rho is None else signed(d.rho)
            bounds = f"{money(d.low)} … {money(d.high)}"
            rows.append(f"  {rho:>5}  {d.input[:30]:<30} {bounds[:38]}")
        return "\n".join(r[:WIDTH] for r in rows) + "\n"

    def __repr__(self) -> str:
        p = self.percentiles
        return (
            f"Simulation({self.name!r}, legal_total={format_amount(self.legal_total, 'en')}, "
            f"P10={format_amount(p['P10'], 'en')}, P50={format_amount(p['P50'], 'en')}, "
            f"P90={format_amount(p['P90'], 'en')}, draws={self.draws}, seed={self.seed})"
        )

    def _repr_html_(self) -> str:
        """The notebook display: the legal figure, the percentiles and the top drivers."""
        e = html.escape
        lines = [
            f"<div><strong>{e(_w('title', 'en'))}</strong>",
            f"<p>{e(_w('legal', 'en'))}: <strong>{e(format_amount(self.legal_total, 'en'))}"
            f" đ</strong><br><em>{e(_w('note', 'en'))}</em></p>",
            "<table><tr>"
            + "".join(f"<th>{e(k)}</th>" for k in self.percentiles)
            + "</tr><tr>"
            + "".join(
                f'<td style="text-align:right">{e(format_amount(v, "en"))}</td>'
                for v in self.percentiles.values()
            )
            + "</tr></table>",
            f"<p>{e(_w('drivers', 'en'))}</p><table><tr><th>ρ</th><th>"
            f"{e(_w('input', 'en'))}</th><th>{e(_w('low_high', 'en'))}</th></tr>",
        ]
        for d in self.drivers[:10]:
            rho = "—" if d.rho is None else f"{d.rho:+.2f}"
            lines.append(
                f"<tr><td>{rho}</td><td>{e(d.input)}</td><td>{e(format_amount(d.low, 'en'))} … "
                f"{e(format_amount(d.high, 'en'))}</td></tr>"
            )
        lines.append("</table></div>")
        return "".join(lines)
