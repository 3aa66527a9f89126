"""Shared test configuration: a deterministic Hypothesis profile.

The ``ci`` profile is loaded for every run so that property tests draw the same examples each time
(``derandomize``), never time out on a slow machine (``deadline=None``) and print a reproduction
blob when they fail. Set ``HYPOTHESIS_PROFILE`` to load another registered profile.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    print_blob=True,
    database=None,  # derandomized runs need no example database (and write no .hypothesis/)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
