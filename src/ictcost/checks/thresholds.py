"""The thresholds of the checks (:class:`CheckConfig`): a plain dataclass, light to import.

The settings (:mod:`ictcost.config`) read it at start-up; the rules read it when they run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["CheckConfig"]


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """Thresholds of the checks. Screening thresholds are ictcost's defaults, not legal numbers.

    Attributes:
        amount_tolerance: Differences up to this many đồng are not findings.
        rate_tolerance: Differences of a % rate up to this are not findings.
        min_quotes: Quotations expected per quoted line (TT 18/2024 Điều 9 as quoted: 3).
        max_spread_percent: Spread (max − min) / min of quotations above which to warn.
        max_distance_percent: Distance of the unit price from the quotations' median.
        name_similarity: Similarity (0–1) from which two line names count as the same item
            (the overlap rules: the indel similarity of the names' sorted words, see
            ``docs/checks.md``; other rules: :func:`similarity`).
        function_similarity: Similarity (0–1) from which two use-case names count as one
            function (measured as for ``name_similarity`` by the overlap rules).
        max_evidence_distance_percent: Distance of a unit price from the median of the matching
            records of the price-evidence register above which to warn.
        max_evidence_age_months: Evidence older than this many months before the estimate's date
            is ignored (and the finding says so). ictcost's default; the appraisal review notes a
            TT 03/2020 rule on reusing prices approved within 12 months, not read here.
        reference_ranges: The id of the user's norm table of reference ranges (a pack loaded with
            ``NormRegistry.with_pack``); without it no reference-range finding is made.
        consultant_components: The components whose expert day rates are compared with the
            consultant salary levels (table ``consultant-salary-levels``, when loaded).
        min_software_estimates: UCP estimates a portfolio needs before costs per use case are
            compared with its distribution.
        max_robust_z: Modified z-score (0.6745 × (x − median) / MAD) above which a cost per use
            case is far outside the portfolio's (3.5: Iglewicz & Hoaglin's suggested cut-off).
    """

    amount_tolerance: Decimal = Decimal(1)
    rate_tolerance: Decimal = Decimal("0.0001")
    min_quotes: int = 3
    max_spread_percent: Decimal = Decimal(20)
    max_distance_percent: Decimal = Decimal(15)
    name_similarity: float = 0.9
    function_similarity: float = 0.85
    max_evidence_distance_percent: Decimal = Decimal(15)
    max_evidence_age_months: int = 12
    reference_ranges: str = "reference-ranges"
    consultant_components: tuple[str, ...] = ("tu_van", "quan_ly_du_an")
    min_software_estimates: int = 5
    max_robust_z: Decimal = Decimal("3.5")
