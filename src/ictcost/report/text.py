"""Text outputs of an estimate: Markdown, HTML (for Jupyter), a rich table, a DataFrame.

Every amount is shown in whole đồng with Vietnamese separators (``1.234.567``); software lines show
"không chịu thuế" (not subject to VAT), never 0 %.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictcost.money import format_vnd
from ictcost.report.layout import METHOD_VI

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate, LineResult

__all__ = ["atomic_write_text", "to_dataframe", "to_html", "to_markdown", "vat_label"]


def vat_label(line: LineResult) -> str:
    """Return the VAT column text of a line: ``8 %``, ``không chịu thuế`` or ``—``."""
    if line.vat_treatment == "not_subject":
        return "không chịu thuế"
    if line.vat_rate is None:
        return "—"
    return f"{line.vat_rate} %"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(estimate: Estimate) -> str:
    """Render the estimate as Markdown: the summary by component, then every line.

    Args:
        estimate: The computed estimate.

    Returns:
        Markdown text.
    """
    e = estimate
    out = [
        f"# {_md(e.name)}",
        "",
        f"- Chủ đầu tư: {_md(e.owner or '—')}",
        f"- Đơn vị lập: {_md(e.preparer or '—')}",
        f"- Ngày: {e.date.isoformat()} — hình thức: {e.form}",
        f"- Chế độ pháp lý: {_md(e.regime_description)}",
        "",
        "## Tổng hợp",
        "",
        "| STT | Khoản mục | Ký hiệu | Trước thuế (đồng) | Thuế GTGT (đồng) | Sau thuế (đồng) |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for i, c in enumerate(e.components, 1):
        out.append(
            f"| {i} | {c.label_vi} | {c.symbol} | {format_vnd(c.amount)} | "
            f"{format_vnd(c.vat)} | {format_vnd(c.total)} |"
        )
    if e.contingency is not None:
        out.append(
            f"| {len(e.components) + 1} | Chi phí dự phòng | G_DP | | | "
            f"{format_vnd(e.contingency.total)} |"
        )
    out += [
        f"| | **Tổng cộng** | | {format_vnd(e.amount)} | {format_vnd(e.vat)} | "
        f"**{format_vnd(e.total)}** |",
        "",
        f"Bằng chữ: *{e.total_in_words}*.",
        "",
        "## Chi tiết",
        "",
        "| Mã | Khoản mục | Phương pháp | KL | Đơn giá | Trước thuế | Thuế GTGT | Thuế | Sau thuế |",
        "|---|---|---|---:|---:|---:|---|---:|---:|",
    ]
    for ln in e.lines:
        qty = f"{ln.quantity}" if ln.quantity is not None else ""
        price = (
            format_vnd(ln.unit_price)
            if ln.unit_price is not None and ln.unit_price == ln.unit_price.to_integral_value()
            else (str(ln.unit_price or ""))
        )
        out.append(
            f"| {_md(ln.id)} | {_md(ln.name)} | {METHOD_VI.get(ln.method, ln.method)} | "
            f"{qty} | {price} | {format_vnd(ln.amount)} | {vat_label(ln)} | "
            f"{format_vnd(ln.vat)} | {format_vnd(ln.total)} |"
        )
    if e.contingency is not None:
        out += [
            "",
            f"Dự phòng: {_md(e.contingency.formula)} = {format_vnd(e.contingency.total)} đồng.",
        ]
    notes = [*e.notes, *(f"{ln.id}: {n}" for ln in e.lines for n in ln.notes)]
    if e.contingency is not None:
        notes += list(e.contingency.notes)
    if notes:
        out += ["", "## Ghi chú", ""] + [f"- {_md(n)}" for n in notes]
    return "\n".join(out) + "\n"


def to_html(estimate: Estimate) -> str:
    """Render a compact HTML summary (what Jupyter shows for an estimate).

    Args:
        estimate: The computed estimate.

    Returns:
        An HTML fragment.
    """
    e = estimate
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(c.label_vi)}</td><td>{c.symbol}</td>"
        f"<td style='text-align:right'>{format_vnd(c.amount)}</td>"
        f"<td style='text-align:right'>{format_vnd(c.vat)}</td>"
        f"<td style='text-align:right'>{format_vnd(c.total)}</td></tr>"
        for c in e.components
    )
    if e.contingency is not None:
        rows += (
            f"<tr><td>Chi phí dự phòng</td><td>G_DP</td><td></td><td></td>"
            f"<td style='text-align:right'>{format_vnd(e.contingency.total)}</td></tr>"
        )
    rows += (
        f"<tr><th>Tổng cộng</th><th></th><th style='text-align:right'>"
        f"{format_vnd(e.amount)}</th><th style='text-align:right'>{format_vnd(e.vat)}</th>"
        f"<th style='text-align:right'>{format_vnd(e.total)}</th></tr>"
    )
    return (
        f"<div><strong>{esc(e.name)}</strong><br>"
        f"<small>{esc(e.regime_description)} · {e.date.isoformat()} · {esc(e.form)}</small>"
        "<table><thead><tr><th>Khoản mục</th><th>Ký hiệu</th><th>Trước thuế</th>"
        f"<th>Thuế GTGT</th><th>Sau thuế</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<em>Bằng chữ: {esc(e.total_in_words)}</em></div>"
    )


def to_dataframe(estimate: Estimate) -> Any:  # noqa: ANN401 - pandas.DataFrame (optional dependency)
    """Return the lines as a pandas DataFrame (needs the ``pandas`` extra).

    Money columns hold ``Decimal`` objects (object dtype), so nothing is rounded through floats.

    Args:
        estimate: The computed estimate.

    Returns:
        A DataFrame with one row per line.

    Raises:
        ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        msg = "to_dataframe() needs pandas: pip install 'ictcost[pandas]'"
        raise ImportError(msg) from exc
    return pd.DataFrame(estimate.rows())


def atomic_write_text(path: Path | str, text: str) -> Path:
    """Write text to ``path`` through a temporary file and a rename (never half-written).

    Args:
        path: The target file.
        text: The content (UTF-8).

    Returns:
        The path written.
    """
    target = Path(path)
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:  # a new file gets the usual permissions, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
