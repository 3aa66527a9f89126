"""The texts of the comparison: catalogue labels, the words of a stage, amounts as text.

Private to :mod:`ictcost.report`; the public names are re-exported by
:mod:`ictcost.report.comparison`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from ictcost.money import format_vnd
from ictcost.report.explain import Lang, message
from ictcost.report.explain import render_template as _render

__all__ = ["Stage", "label", "money_text", "signed_text", "stage_params"]

Stage = Literal["tham_dinh", "tham_tra"]
"""Who compares: the appraising body (*thẩm định*) or a reviewing consultant (*thẩm tra*); it
names the "appraised" column, the report's title and its signatures."""


def label(code: str, lang: Lang, /, **params: Any) -> str:  # noqa: ANN401 - template values
    """Return a text of the catalogue (``appraisal.*`` codes) in a language.

    Args:
        code: The message code.
        lang: ``vi`` or ``en``.
        **params: The template's values.

    Returns:
        The text.
    """
    m = message(code)
    return _render(m.vi if lang == "vi" else m.en, params, lang)


def stage_params(stage: Stage, kind: str, lang: Lang) -> dict[str, str]:
    """Return the words of a stage and an estimate kind for the templates.

    Args:
        stage: ``tham_dinh`` or ``tham_tra``.
        kind: The estimate kind (``du_toan`` or ``tong_muc_dau_tu``).
        lang: ``vi`` or ``en``.

    Returns:
        ``act``, ``ACT`` (capitals), ``kind`` and ``KIND``.
    """
    act = label(f"appraisal.stage.{stage}", lang)
    what = label(f"appraisal.kind.{kind}", lang)
    return {"act": act, "ACT": act.upper(), "kind": what, "KIND": what.upper()}


def money_text(value: Decimal | None, lang: Lang, *, missing: str = "not_stated") -> str:
    """Return an amount in whole đồng (``1.234.567``), or the word for an unknown one.

    Args:
        value: The amount, or ``None``.
        lang: ``vi`` or ``en``.
        missing: ``not_stated`` or ``not_computed``: what an unknown amount is.

    Returns:
        The text.
    """
    if value is None:
        return label(f"appraisal.value.{missing}", lang)
    return format_vnd(value)


def signed_text(value: Decimal | None) -> str:
    """Return an increase with ``+``, a decrease with ``-``, nothing as ``0``, unknown as ``""``."""
    if value is None:
        return ""
    return f"+{format_vnd(value)}" if value > 0 else format_vnd(value)
