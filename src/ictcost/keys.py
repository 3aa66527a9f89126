"""The vocabularies of ictcost: every closed set of keys as a ``Literal`` type and its tuple.

Input models (:mod:`ictcost.estimate.model`) and result models use these types, so that a key
means the same thing everywhere and a typo is a type error. Each tuple lists the keys in the
order of the ``Literal`` (``get_args``), for loops, choices and messages.

Keys are English or Vietnamese words without diacritics, as in the norm data (the component keys
are the rows of the ``cost-methods`` table); labels for people come from the norm data and the
report layer, not from here.

Examples:
    >>> "phan_mem_noi_bo" in COMPONENTS
    True
    >>> METHODS[:3]
    ('norm', 'calculation', 'quotation')
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "COMPONENTS",
    "ESTIMATE_KINDS",
    "FLAGS",
    "GROUP_KEYS",
    "METHODS",
    "PROJECT_FORMS",
    "PROJECT_GROUPS",
    "STATUSES",
    "VAT_CATEGORIES",
    "VAT_TREATMENTS",
    "Component",
    "EstimateKind",
    "Flag",
    "GroupKey",
    "Method",
    "MethodStatus",
    "ProjectForm",
    "ProjectGroup",
    "VatCategory",
    "VatTreatment",
]

Component = Literal[
    "xay_lap",
    "thiet_bi",
    "phan_mem_noi_bo",
    "lap_dat_cai_dat",
    "tao_lap_du_lieu",
    "dao_tao",
    "trien_khai_ho_tro",
    "thue_dich_vu",
    "quan_ly_du_an",
    "tu_van",
    "chi_phi_khac",
]
"""A cost component (khoản mục chi phí): a row of the ``cost-methods`` table.

Contingency (dự phòng) is computed from the others, never a line of its own.
"""
COMPONENTS: tuple[Component, ...] = get_args(Component)
"""Every :data:`Component`, in the order of the decrees' structure."""

GroupKey = Literal[
    "xay_lap",
    "thiet_bi",
    "trang_thiet_bi",
    "thue_dich_vu",
    "quan_ly_du_an",
    "tu_van",
    "chi_phi_khac",
]
"""A statutory group (nhóm chi phí) that lines are totalled in.

``xay_lap`` and ``thiet_bi`` are the groups of NĐ 73/2019; ``trang_thiet_bi`` merges them under
NĐ 45/2026 and NĐ 224/2026; ``thue_dich_vu`` heads a rental plan.
"""
GROUP_KEYS: tuple[GroupKey, ...] = get_args(GroupKey)
"""Every :data:`GroupKey`."""

Method = Literal[
    "norm",
    "calculation",
    "quotation",
    "tender",
    "expert",
    "appraisal",
    "listed_price",
    "market_price",
    "sector_norm",
    "contract_value",
    "fixed",
]
"""How a line's amount is determined (design notes, "Methods, not just formulas").

``norm``: a % norm (QĐ 1688); ``calculation``: use-case points; ``quotation``/``tender``: supplier
quotes or comparable tender results with a pick rule; ``expert``: person-days × day rate;
``appraisal``: a price appraisal certificate; ``listed_price``: a price list cell;
``market_price``: a market price; ``sector_norm``: another sector's norm; ``contract_value``: a
signed contract; ``fixed``: an amount given with its basis.
"""
METHODS: tuple[Method, ...] = get_args(Method)
"""Every :data:`Method`."""

MethodStatus = Literal["listed", "reference", "given", "not_allowed"]
"""Whether the regime allows a line's method for its component.

``listed``: a method the regime lists; ``reference``: computed as a reference beside the listed
methods (the % norms of QĐ 1688 under NĐ 45/2026 and NĐ 224/2026); ``given``: an amount given
with its basis; ``not_allowed``: computed anyway, for an appraisal.
"""
STATUSES: tuple[MethodStatus, ...] = get_args(MethodStatus)
"""Every :data:`MethodStatus`."""

ProjectForm = Literal["investment_project", "ktkt", "rental_plan", "purchase"]
"""The form of the project's document: dự án đầu tư (báo cáo nghiên cứu khả thi), báo cáo kinh tế
- kỹ thuật, kế hoạch thuê dịch vụ công nghệ thông tin, dự án mua sắm."""
PROJECT_FORMS: tuple[ProjectForm, ...] = get_args(ProjectForm)
"""Every :data:`ProjectForm`."""

EstimateKind = Literal["tong_muc_dau_tu", "du_toan"]
"""What the estimate is: a total investment (tổng mức đầu tư) or a cost estimate (dự toán)."""
ESTIMATE_KINDS: tuple[EstimateKind, ...] = get_args(EstimateKind)
"""Every :data:`EstimateKind`."""

ProjectGroup = Literal["national_importance", "group_a", "group_b", "group_c"]
"""The group of a public investment project (quan trọng quốc gia, nhóm A, B, C)."""
PROJECT_GROUPS: tuple[ProjectGroup, ...] = get_args(ProjectGroup)
"""Every :data:`ProjectGroup`."""

VatCategory = Literal[
    "general",
    "excluded_from_reduction",
    "it_goods_services",
    "software",
    "not_applicable",
]
"""The VAT category of a line: a row of the shipped ``vat-rates`` table, or ``not_applicable`` for
a cost outside VAT (the owner's own management, for instance).

A user pack may add rows to ``vat-rates``, so the input model keeps the category a string checked
against the table in force; this type names the shipped ones.
"""
VAT_CATEGORIES: tuple[VatCategory, ...] = get_args(VatCategory)
"""Every :data:`VatCategory`."""

VatTreatment = Literal["taxable", "not_subject", "not_applicable"]
"""How VAT applies to a line: ``taxable`` (chịu thuế, at a rate), ``not_subject`` (không chịu
thuế: no rate, the invoice shows KCT, which is not 0 %) or ``not_applicable`` (outside VAT)."""
VAT_TREATMENTS: tuple[VatTreatment, ...] = get_args(VatTreatment)
"""Every :data:`VatTreatment`."""

Flag = Literal[
    "reference_only",
    "fixed",
    "below_range",
    "above_range",
    "minimum_applied",
    "disputed_value",
    "user_pack",
    "transitional_override",
    "ktkt_above_ceiling",
    "split_review",
    "upgrade",
    "method_status_unknown",
]
"""A machine-readable mark on a result (a line, a fee, a software cost, an estimate).

``reference_only``: a reference estimate, not a listed method; ``fixed``: an amount given with
its basis; ``below_range``/``above_range``: the base lies outside the norm table (the end rate
was used); ``minimum_applied``: a fee's minimum amount replaced the computed one;
``disputed_value``: a norm value used is disputed between sources (the default was used);
``user_pack``: a value came from a user's norm pack; ``transitional_override``: an earlier regime
applied by a transitional rule; ``ktkt_above_ceiling``: a KTKT report whose base exceeds the
one-step design ceiling; ``split_review``: a use case with more transactions than the review
threshold of ``ucp-constants``; ``upgrade``: the software is an upgrade (unchanged use cases are
not counted); ``method_status_unknown``: from 2026-07-01, whether the UCP method still applies is
not known (TT 39/2026 not read).
"""
FLAGS: tuple[Flag, ...] = get_args(Flag)
"""Every :data:`Flag`."""
