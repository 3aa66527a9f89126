"""Hypothesis strategies that build *valid* norm models by hand (pydantic has no plugin).

Every strategy here yields objects that pass the models' own validation, including the
consistency checks of :func:`ictcost.norms.models.table_problems`. When a model gains a field,
extend the strategy that builds it.

``versions_intervals`` draws the dated skeleton separately so that tests can check the models
against an independent list of ``(valid_from, valid_to)`` pairs.
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

from hypothesis import strategies as st

from ictcost.norms.models import (
    NON_NEGATIVE_UNITS,
    Alternative,
    Axis,
    Column,
    Instrument,
    Kind,
    LocalizedText,
    NormTable,
    NormVersion,
    Row,
    Source,
    Value,
)

Interval = tuple[dt.date, dt.date | None]

MIN_DATE = dt.date(1990, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)

SOURCE_KINDS = (
    "legal_text",
    "consolidated_text",
    "quotation",
    "secondary",
    "calculator",
    "practice",
    "inference",
)

keys = st.text(string.ascii_lowercase + string.digits + "_", min_size=1, max_size=12)
table_ids = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=30).filter(
    lambda s: s[0] != "-"
)
source_ids = st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=4)
texts = st.text(min_size=1, max_size=30)
dates = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)

# Exact numbers as a legal text would print them: finite, a few decimals, trailing zeros kept.
numbers = st.decimals(
    allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12
)
positive_numbers = st.decimals(
    allow_nan=False, allow_infinity=False, places=3, min_value=Decimal("0.001"), max_value=10**6
)
scalars = st.one_of(
    numbers,
    st.booleans(),
    dates,
    texts,
    st.tuples(texts, texts),
    st.none(),
)

localized = st.builds(LocalizedText, vi=texts, en=st.none() | texts)

instruments = st.builds(
    Instrument,
    number=texts,
    issuer=texts,
    title=st.none() | texts,
    signed=st.none() | dates,
)

confidences_plain = st.sampled_from(["primary", "single"]) | st.integers(2, 12).map(
    lambda n: f"secondary-{n}"
)


@st.composite
def values(draw: st.DrawFn, sources: list[str], of: st.SearchStrategy[object] = scalars) -> Value:
    """A cell citing only ``sources``, with a confidence and the fields that confidence needs."""
    cited = st.lists(st.sampled_from(sources), min_size=1, max_size=3).map(tuple)
    kind = draw(st.sampled_from(["plain", "disputed", "inferred"]))
    value = draw(of)
    if kind == "disputed":
        alternatives = draw(
            st.lists(
                st.builds(Alternative, value=of, source=cited, note=st.none() | texts),
                min_size=1,
                max_size=2,
            ).map(tuple)
        )
        return Value(
            value=value,
            source=draw(cited),
            confidence="disputed",
            alternatives=alternatives,
            note=draw(st.none() | texts),
        )
    if kind == "inferred":
        return Value(value=value, source=draw(cited), confidence="inferred", note=draw(texts))
    return Value(
        value=value,
        source=draw(cited),
        confidence=draw(confidences_plain),
        note=draw(st.none() | texts),
    )


@st.composite
def versions_intervals(draw: st.DrawFn, max_versions: int = 5) -> list[Interval]:
    """Sorted, non-overlapping ``[valid_from, valid_to]`` intervals (inclusive), maybe with gaps.

    A gap of 0 days makes two versions contiguous; a length of 0 days is a one-day version; the
    last version may be open (``valid_to`` is ``None``).
    """
    n = draw(st.integers(1, max_versions))
    start = draw(st.dates(min_value=MIN_DATE, max_value=dt.date(2030, 12, 31)))
    out: list[Interval] = []
    for i in range(n):
        if i:
            previous_end = out[-1][1]
            assert previous_end is not None
            start = previous_end + dt.timedelta(days=1 + draw(st.integers(0, 400)))
        length = draw(st.integers(0, 2000))
        end = start + dt.timedelta(days=length)
        out.append((start, end))
    if draw(st.booleans()):
        out[-1] = (out[-1][0], None)
    return out


@st.composite
def keyed_versions(draw: st.DrawFn, interval: Interval, sources: list[str]) -> NormVersion:
    """A version of a keyed table (any kind but ``rate_table``)."""
    columns = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    row_keys = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    rows = []
    for key in row_keys:
        used = draw(st.lists(st.sampled_from(columns), min_size=1, unique=True))
        rows.append(
            Row(
                key=key,
                label=draw(st.none() | localized),
                values={c: draw(values(sources)) for c in used},
                note=draw(st.none() | texts),
            )
        )
    return NormVersion(
        valid_from=interval[0],
        valid_to=interval[1],
        basis=draw(st.none() | texts),
        columns=tuple(Column(key=c, label=draw(localized)) for c in columns),
        rows=tuple(rows),
    )


@st.composite
def rate_versions(draw: st.DrawFn, interval: Interval, sources: list[str]) -> NormVersion:
    """A version of a rate table: an axis, a range policy, strictly increasing breakpoints."""
    columns = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    breakpoints = sorted(draw(st.lists(positive_numbers, min_size=1, max_size=6, unique=True)))
    policy = st.sampled_from(["flat", "error"])
    rows = []
    for at in breakpoints:
        used = draw(st.lists(st.sampled_from(columns), min_size=1, unique=True))
        rows.append(Row(at=at, values={c: draw(values(sources, of=numbers)) for c in used}))
    return NormVersion(
        valid_from=interval[0],
        valid_to=interval[1],
        axis=Axis(
            key="base",
            unit="billion_vnd",
            label=draw(localized),
            scale=draw(st.sampled_from([Decimal(1), Decimal(1000000), Decimal(10**9)])),
        ),
        range_policy={
            "below": draw(values(sources, of=policy)),
            "above": draw(values(sources, of=policy)),
        },
        columns=tuple(
            Column(
                key=c,
                label=draw(localized),
                # a free-text unit, never one of the range-checked units (models.NON_NEGATIVE_UNITS)
                unit=draw(st.none() | texts.filter(lambda t: t not in NON_NEGATIVE_UNITS)),
            )
            for c in columns
        ),
        rows=tuple(rows),
    )


@st.composite
def norm_tables(
    draw: st.DrawFn, intervals: st.SearchStrategy[list[Interval]] | None = None
) -> NormTable:
    """A valid :class:`NormTable` of any kind, with random sorted non-overlapping versions."""
    kind = draw(st.sampled_from(list(Kind)))
    source_keys = draw(st.lists(source_ids, min_size=1, max_size=3, unique=True))
    sources = {
        sid: Source(
            title=draw(texts),
            kind=draw(st.sampled_from(SOURCE_KINDS)),
            url=draw(st.none() | st.just("https://example.org/van-ban")),
        )
        for sid in source_keys
    }
    spans = draw(intervals if intervals is not None else versions_intervals())
    build = rate_versions if kind is Kind.RATE_TABLE else keyed_versions
    versions = tuple(draw(build(span, source_keys)) for span in spans)
    negative = any(
        isinstance(v.value, Decimal) and v.value < 0
        for version in versions
        for row in version.rows
        for v in row.values.values()
    )
    # a negative value is valid only in a unit that may be negative (models.NON_NEGATIVE_UNITS)
    unit = "coefficient" if negative else draw(st.sampled_from(["percent", "coefficient", "vnd"]))
    return NormTable(
        id=draw(table_ids),
        title=draw(localized),
        instrument=draw(instruments),
        kind=kind,
        unit=unit,
        last_verified=draw(dates),
        description=draw(st.none() | texts),
        sources=sources,
        notes=tuple(draw(st.lists(texts, max_size=2))),
        versions=versions,
    )


@st.composite
def tables_with_intervals(draw: st.DrawFn) -> tuple[NormTable, list[Interval]]:
    """A small keyed table together with the intervals it was built from (the test oracle)."""
    spans = draw(versions_intervals())
    sid = "S1"
    versions = tuple(
        NormVersion(
            valid_from=start,
            valid_to=end,
            columns=(Column(key="value", label=LocalizedText(vi="Giá trị")),),
            rows=(
                Row(
                    key="index",
                    values={"value": Value(value=Decimal(i), source=(sid,), confidence="primary")},
                ),
            ),
        )
        for i, (start, end) in enumerate(spans)
    )
    table = NormTable(
        id="dated",
        title=LocalizedText(vi="Bảng có nhiều phiên bản"),
        instrument=Instrument(number="1/2020/TT-BTEST", issuer="Bộ Thử nghiệm"),
        kind=Kind.CONSTANT_SET,
        unit="coefficient",
        last_verified=dt.date(2026, 1, 1),
        sources={sid: Source(title="Văn bản", kind="legal_text")},
        versions=versions,
    )
    return table, spans


def edge_dates(spans: list[Interval]) -> list[dt.date]:
    """Every boundary of the intervals with its neighbours: the day before, of and after each edge."""
    out: set[dt.date] = set()
    for start, end in spans:
        for edge in (start, end):
            if edge is not None:
                out.update(edge + dt.timedelta(days=k) for k in (-1, 0, 1))
    return sorted(out)


@st.composite
def dates_near(draw: st.DrawFn, spans: list[Interval]) -> dt.date:
    """A date, biased to the edges of the intervals (the day before, of and after each edge)."""
    edges: list[dt.date] = []
    for start, end in spans:
        edges.append(start)
        if end is not None:
            edges.append(end)
    near = st.sampled_from(edges).flatmap(
        lambda d: st.sampled_from([d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)])
    )
    return draw(near | st.dates(min_value=MIN_DATE - dt.timedelta(days=30), max_value=MAX_DATE))
