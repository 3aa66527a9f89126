"""The contingency input, from the % its row names where that % reproduces the stated amount.

The estimate is recomputed with the % as a rate or a volume share, on the totals after and
before VAT; the first that reproduces the stated contingency becomes the input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from ictcost.errors import IctcostError
from ictcost.inputs.statutory._amounts import ZERO, percents_in
from ictcost.inputs.statutory._state import State
from ictcost.norms.registry import NormRegistry

__all__ = ["infer_contingency"]


def infer_contingency(state: State, data: dict[str, Any], registry: NormRegistry) -> None:
    """Make the contingency input from the % its row names, where that % reproduces it."""
    stated = data.get("stated", {}).get("contingency")
    if stated is None:
        return
    ref = state.marks.get(("stated", "contingency"), state.cells.label)
    row = state.contingency
    percents = percents_in(row.formula if row is not None else None) + percents_in(
        row.label if row is not None else None
    )
    if len(set(percents)) != 1:
        state.note(
            ref,
            "skipped",
            "contingency",
            "its rate is not stated as one % in 'Cách tính': the contingency is only stated "
            "(pass contingency={...} to recompute it)",
        )
        return
    percent = percents[0]
    tried = []
    for on in ("after_vat", "before_vat"):
        for spec in (
            {"on": on, "rate_percent": percent},
            {"on": on, "volume_percent": percent},
            {"on": on, "volume_percent": percent, "escalation_amount": ZERO},
        ):
            total = _contingency_of(data, spec, registry)
            if total == stated:
                data["contingency"] = spec
                state.marks["contingency",] = ref
                shown = ", ".join(f"{k} {v}" for k, v in spec.items())
                state.note(
                    ref,
                    "assumed",
                    "contingency",
                    f"{percent} % on the total {on.replace('_', ' ')} reproduces it: the "
                    f"contingency input is {shown}",
                )
                return
            if total is not None:
                tried.append(f"{percent} % {on.replace('_', ' ')} gives {total}")
    state.note(
        ref,
        "skipped",
        "contingency",
        f"{percent} % does not reproduce it on the recomputed totals"
        + (f" ({'; '.join(sorted(set(tried)))})" if tried else "")
        + ": the contingency is only stated (pass contingency={...} to recompute it)",
    )


def _contingency_of(
    data: dict[str, Any], spec: dict[str, Any], registry: NormRegistry
) -> Decimal | None:
    """The contingency the project computes with ``spec`` (``None``: the rule refuses it)."""
    # imported here: ictcost.estimate may re-export the readers of ictcost.inputs
    from ictcost.estimate.engine import compute_estimate  # noqa: PLC0415
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415

    try:
        project = ProjectInput.model_validate({**data, "contingency": spec})
        estimate = compute_estimate(project, registry=registry)
    except (IctcostError, ValidationError):
        return None
    return estimate.contingency.total if estimate.contingency is not None else None
