"""Norm data: the models of the grammar, the strict loader and the dated registry."""

from ictcost.norms.loader import load_table, load_table_text, validate_norms
from ictcost.norms.models import Kind, NormTable, NormVersion, Value
from ictcost.norms.registry import CitedValue, InForce, NormRegistry, Origin, shipped_norms_dir

__all__ = [
    "CitedValue",
    "InForce",
    "Kind",
    "NormRegistry",
    "NormTable",
    "NormVersion",
    "Origin",
    "Value",
    "load_table",
    "load_table_text",
    "shipped_norms_dir",
    "validate_norms",
]
