"""Messages of the fees notes (see :mod:`ictcost.report.messages`)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {}

MESSAGES["fee.rate_rounded"] = Message(
    vi="Tỷ lệ được làm tròn đến {decimals} chữ số thập phân theo yêu cầu (quy ước của bảng tính, "
    "không phải quy định của QĐ 1688).",
    en="The rate was rounded to {decimals} decimals on request (a calculator convention, not a "
    "rule of QĐ 1688).",
)
