"""The names of the cost groups and components, and matching a heading to its component.

A group row is read by its normalised Vietnamese name (*Chi phí thiết bị* → ``thiet_bi``,
*Chi phí dự phòng* → the contingency …) or by its *Ký hiệu* (:data:`SYMBOLS`); inside a group a
line may be refined to one of the group's members (:data:`FAMILY`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from ictcost.errors import InputError
from ictcost.inputs.statutory._text import PARENS, fold
from ictcost.keys import COMPONENTS
from ictcost.report.layout import COMPONENT_VI

if TYPE_CHECKING:
    from ictcost.inputs.statutory._state import State

__all__ = [
    "CONTINGENCY",
    "FAMILY",
    "GROUP_HEADINGS",
    "SYMBOLS",
    "Heading",
    "heading_table",
    "match_heading",
]

Heading = str
"""A component key, or ``contingency``."""


CONTINGENCY: Final = "contingency"


GROUP_HEADINGS: Final = {
    "xay_lap": ("Chi phí xây lắp", "Chi phí xây dựng", "Chi phí xây lắp, lắp đặt"),
    "thiet_bi": (
        "Chi phí thiết bị",
        "Chi phí trang thiết bị",
        "Chi phí mua sắm thiết bị",
        "Chi phí mua sắm trang thiết bị",
        "Chi phí thiết bị, phần mềm",
    ),
    "thue_dich_vu": (
        "Chi phí thuê dịch vụ",
        "Chi phí thuê dịch vụ công nghệ thông tin",
        "Chi phí thuê dịch vụ CNTT",
    ),
    "quan_tri_van_hanh": ("Chi phí quản trị, vận hành", "Chi phí quản trị vận hành"),
    "bao_tri": ("Chi phí bảo trì",),
    "quan_ly_du_an": ("Chi phí quản lý dự án", "Chi phí quản lý"),
    "tu_van": ("Chi phí tư vấn đầu tư", "Chi phí tư vấn", "Chi phí tư vấn đầu tư xây dựng"),
    "chi_phi_khac": ("Chi phí khác",),
    CONTINGENCY: ("Chi phí dự phòng", "Dự phòng", "Dự phòng phí", "Chi phí dự phòng phí"),
}
"""The names of the cost groups (and of the contingency) a group row may carry."""


_COMPONENT_HEADINGS: Final = {
    "phan_mem_noi_bo": (
        "Chi phí phần mềm nội bộ",
        "Chi phí xây dựng phần mềm nội bộ",
        "Chi phí phát triển phần mềm nội bộ",
        "Chi phí xây dựng, phát triển phần mềm nội bộ",
    ),
    "lap_dat_cai_dat": ("Chi phí lắp đặt, cài đặt", "Chi phí lắp đặt", "Chi phí cài đặt"),
    "tao_lap_du_lieu": (
        "Chi phí tạo lập cơ sở dữ liệu",
        "Chi phí tạo lập dữ liệu",
        "Chi phí xây dựng cơ sở dữ liệu",
    ),
    "dao_tao": (
        "Chi phí đào tạo",
        "Chi phí đào tạo, chuyển giao",
        "Chi phí đào tạo, chuyển giao công nghệ",
        "Chi phí đào tạo, hướng dẫn sử dụng",
    ),
    "trien_khai_ho_tro": ("Chi phí triển khai, hỗ trợ", "Chi phí triển khai"),
}
"""Names of the components summed in the equipment group (a line or sub-heading may carry)."""


FAMILY: Final = {
    "thiet_bi": frozenset(
        {
            "thiet_bi",
            "phan_mem_noi_bo",
            "lap_dat_cai_dat",
            "tao_lap_du_lieu",
            "dao_tao",
            "trien_khai_ho_tro",
        }
    ),
    "xay_lap": frozenset({"xay_lap", "lap_dat_cai_dat"}),
}
"""The components a line may be refined to inside a group (the equipment group's members)."""


SYMBOLS: Final = {
    "gxl": "xay_lap",
    "gtb": "thiet_bi",
    "gttb": "thiet_bi",
    "gtdv": "thue_dich_vu",
    "gthue": "thue_dich_vu",
    "gv": "quan_tri_van_hanh",
    "gbt": "bao_tri",
    "gqlda": "quan_ly_du_an",
    "gql": "quan_ly_du_an",
    "gtv": "tu_van",
    "gk": "chi_phi_khac",
    "gdp": CONTINGENCY,
}
"""The *Ký hiệu* of the groups (folded: ``G_TB`` → ``gtb``)."""


def heading_table(extra: Mapping[str, str] | None) -> list[tuple[str, Heading]]:
    """Every heading name (folded) → its component, the user's first, the longest first."""
    table: dict[str, Heading] = {}
    for key, names in (*GROUP_HEADINGS.items(), *_COMPONENT_HEADINGS.items()):
        for name in names:
            table.setdefault(fold(name), key)
    for key, name in COMPONENT_VI.items():
        table.setdefault(fold(name), key)
        table.setdefault(fold(f"Chi phí {name}"), key)
    for key in COMPONENTS:
        table.setdefault(fold(key), key)
    user = {fold(name): key for name, key in (extra or {}).items()}
    known = {*COMPONENTS, CONTINGENCY}
    bad = sorted(k for k in user.values() if k not in known)
    if bad:
        raise InputError(
            f"headings: unknown component(s) {', '.join(map(repr, bad))}",
            field="headings",
            hint=f"map a name to one of: {', '.join(sorted(known))}",
        )
    return [*user.items(), *sorted(table.items(), key=lambda kv: -len(kv[0]))]


def match_heading(state: State, text: str | None, *, exact: bool = False) -> Heading | None:
    """The component (or contingency) a heading names: exactly, else by its first words."""
    if not text:
        return None
    key = fold(PARENS.sub(" ", text))
    for name, heading in state.headings:
        if key == name:
            return heading
    if exact:
        return None
    for name, heading in state.headings:
        if len(name) >= 6 and key.startswith(name):
            return heading
    return None
