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
    "DOCUMENT_KINDS",
    "ESTIMATE_KINDS",
    "FEE_RATE_ON",
    "FLAGS",
    "GROUP_KEYS",
    "METHODS",
    "PARTS",
    "PROJECT_FORMS",
    "PROJECT_GROUPS",
    "PROJECT_KINDS",
    "STATUSES",
    "VAT_CATEGORIES",
    "VAT_TREATMENTS",
    "Component",
    "DocumentKind",
    "EstimateKind",
    "FeeRateOn",
    "Flag",
    "GroupKey",
    "Method",
    "MethodStatus",
    "Part",
    "ProjectForm",
    "ProjectGroup",
    "ProjectKind",
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
    "quan_tri_van_hanh",
    "bao_tri",
    "quan_ly_du_an",
    "tu_van",
    "chi_phi_khac",
]
"""A cost component (khoản mục chi phí): a row of the ``cost-methods`` table.

``quan_tri_van_hanh`` (quản trị, vận hành, G_v) and ``bao_tri`` (bảo trì, G_bt) are the
administration-and-operation and maintenance terms of a custom IT-service rental under NĐ 73/2019
(TT 12/2020/TT-BTTTT, Gt = Gtdv + Gv + Gbt + Gk); no structure of NĐ 45/2026 or NĐ 224/2026 holds
them, so ``cost-methods`` has no row for them from 2026-03-01.

Contingency (dự phòng) is computed from the others, never a line of its own.
"""
COMPONENTS: tuple[Component, ...] = get_args(Component)
"""Every :data:`Component`, in the order of the decrees' structure."""

GroupKey = Literal[
    "xay_lap",
    "thiet_bi",
    "trang_thiet_bi",
    "thue_dich_vu",
    "quan_tri_van_hanh",
    "bao_tri",
    "quan_ly_du_an",
    "tu_van",
    "chi_phi_khac",
]
"""A statutory group (nhóm chi phí) that lines are totalled in.

``xay_lap`` and ``thiet_bi`` are the groups of NĐ 73/2019 (and of a TT 03/2020 recurrent-budget
task); ``trang_thiet_bi`` merges them under NĐ 45/2026 and NĐ 224/2026; ``thue_dich_vu`` heads a
rental plan; ``quan_tri_van_hanh`` (G_v) and ``bao_tri`` (G_bt) follow it in the TT 12/2020
rental structure under NĐ 73/2019.
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

ProjectKind = Literal["investment", "purchase", "rental", "recurrent_task"]
"""What the project is: an investment project (dự án đầu tư hệ thống), a purchase project (dự án
mua sắm), the rental of IT / digital services (thuê dịch vụ), or a recurrent-budget task (nhiệm vụ
chi thường xuyên, TT 03/2020/TT-BTTTT). The pairs with a :data:`DocumentKind` a regime allows are
the rows of the ``project-documents`` table."""
PROJECT_KINDS: tuple[ProjectKind, ...] = get_args(ProjectKind)
"""Every :data:`ProjectKind`."""

DocumentKind = Literal["feasibility_study", "ktkt_report", "rental_plan", "detailed_outline"]
"""The document the estimate is prepared in: a feasibility study (báo cáo nghiên cứu khả thi), a
báo cáo kinh tế - kỹ thuật, a rental plan (kế hoạch thuê dịch vụ), a detailed outline and estimate
(đề cương và dự toán chi tiết). It selects the QĐ 1688 columns and the contingency row."""
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
"""Every :data:`DocumentKind`."""

Part = Literal["infrastructure", "software"]
"""The part (hạng mục) of a project a line belongs to for the QĐ 1688 fees: ``infrastructure``
(hạ tầng kỹ thuật, the 'a' tables) or ``software`` (phần mềm nội bộ, cơ sở dữ liệu, the 'b'
tables)."""
PARTS: tuple[Part, ...] = get_args(Part)
"""Every :data:`Part`."""

FeeRateOn = Literal["own_part", "project_total"]
"""Which base a fee's rate is read on (an open legal reading, appraisal-review E8): each part's own
base (``own_part``, the calculator's behaviour and the default) or the project's total base of the
item (``project_total``); the amount is always the rate × the part's own base."""
FEE_RATE_ON: tuple[FeeRateOn, ...] = get_args(FeeRateOn)
"""Every :data:`FeeRateOn`."""

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
    "base_override",
    "base_differs",
    "reference_beside",
    "reference_in_total",
    "fee_base_gap",
    "vat_by_period",
    "vat_rate_assumed",
    "authority_method",
    "form_deprecated",
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
not known (TT 39/2026 not read); ``base_override``: a fee's base was overridden with a reason;
``base_differs``: a fee's base was overridden without a reason and differs from the derived one;
``reference_beside``: a reference figure shown beside a listed-method line, not in the totals;
``reference_in_total``: the totals contain a figure of a method the regime lists only as a
reference; ``fee_base_gap``: a part's lines are in no base of a fee item the estimate prices, or
in two; ``vat_by_period``: VAT was read per period of supply; ``vat_rate_assumed``: a line without a
supply date was taxed at the rate of the project date although the rate changes before the
project's end; ``authority_method``: the method was set by a competent authority for a cost the
owner performs itself; ``form_deprecated``: the input used the deprecated ``form`` field.
"""
FLAGS: tuple[Flag, ...] = get_args(Flag)
"""Every :data:`Flag`."""
