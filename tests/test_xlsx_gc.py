"""The workbook build pauses the garbage collector and always gives it back as it found it."""

from __future__ import annotations

import gc

import pytest

from ictcost.report import excel


def _fail_paused() -> None:
    with excel._collector_paused():
        assert not gc.isenabled()
        raise RuntimeError


def test_the_collector_is_resumed_after_a_failed_build() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        _fail_paused()
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with excel._collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
