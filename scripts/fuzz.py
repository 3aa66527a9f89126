"""The longer fuzz run of issue 13 item 8: ``python scripts/fuzz.py --minutes 10``.

Runs the strategies of ``tests/fuzz/strategies.py`` through ``tests/fuzz/harness.py`` (the same
invariants as the CI run in ``tests/test_fuzz.py``: no untyped exception, exit codes 0/1/2 only,
totals that add up, byte-identical JSON across two runs) for the given time, cycling over the
modes, with a fresh random seed per mode unless ``--seed`` is given. Prints the inputs tried per
mode, the outcomes, the untyped exceptions and the exit codes seen; every failing input is written
to ``--failures DIR`` (one folder per failure: the files, ``case.json`` with the mutations and the
mode, and ``failure.txt`` with the traceback). Exits 1 when anything failed, else 0.

Examples:
    python scripts/fuzz.py --minutes 10
    python scripts/fuzz.py --minutes 2 --modes api,cli --seed 7 --failures fuzz-failures
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from tests.fuzz import strategies as fs  # noqa: E402
from tests.fuzz.harness import STATS, FuzzFailureError, run_case  # noqa: E402

MODES: tuple[fs.Mode, ...] = ("api", "cli", "software", "pack", "workbook")


class _TimeUp(Exception):  # noqa: N818 - a signal to stop, not an error
    pass


def _save(failure: FuzzFailureError, folder: Path, number: int) -> Path:
    out = folder / f"{number:04d}-{failure.case.mode}-{failure.kind}"
    out.mkdir(parents=True, exist_ok=True)
    failure.case.write(out)
    meta = {
        "mode": failure.case.mode,
        "main": failure.case.main,
        "pack": failure.case.pack,
        "args": failure.case.args,
        "ops": failure.case.ops,
        "kind": failure.kind,
    }
    (out / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "failure.txt").write_text(failure.detail, encoding="utf-8")
    return out


def _run_mode(mode: fs.Mode, deadline: float, seed: int, failures: Path, found: list[Path]) -> None:
    """Fuzz one mode until ``deadline`` (a chunk of the time), recording failures and going on."""

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=(Phase.generate,),  # no shrinking: the long run records and moves on
        suppress_health_check=list(HealthCheck),
    )
    @given(fs.any_case((mode,)))
    def one(case: fs.Case) -> None:
        if time.monotonic() > deadline:
            raise _TimeUp
        with tempfile.TemporaryDirectory() as folder:
            try:
                run_case(case, Path(folder))
            except FuzzFailureError as failure:
                found.append(_save(failure, failures, len(found) + 1))
                print(f"  FAILURE {failure.kind} ({mode}): {found[-1]}", flush=True)

    try:
        hypothesis_seed(seed)(one)()
    except _TimeUp:
        pass
    except BaseException as exc:  # a _TimeUp wrapped by hypothesis, or a real error
        if "_TimeUp" not in repr(exc) and not isinstance(exc.__cause__, _TimeUp):
            raise


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; return 1 when a failure was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"comma-separated: {','.join(MODES)}"
    )
    parser.add_argument("--seed", type=int, default=None, help="a seed, for a reproducible run")
    parser.add_argument(
        "--chunk", type=float, default=60.0, help="seconds per mode before switching"
    )
    parser.add_argument(
        "--failures", type=Path, default=Path("fuzz-failures"), help="where failing inputs go"
    )
    args = parser.parse_args(argv)
    modes = tuple(m for m in args.modes.split(",") if m)
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fuzzing {', '.join(modes)} for {args.minutes:g} min (seed {seed})", flush=True)
    start = time.monotonic()
    end = start + args.minutes * 60
    found: list[Path] = []
    rounds = 0
    while time.monotonic() < end:
        for mode in modes:
            now = time.monotonic()
            if now >= end:
                break
            _run_mode(mode, min(end, now + args.chunk), seed + rounds, args.failures, found)
            rounds += 1
            print(f"  {time.monotonic() - start:6.0f} s: {STATS.summary()}", flush=True)
    minutes = (time.monotonic() - start) / 60
    print(f"done in {minutes:.1f} min (seed {seed}): {STATS.summary()}")
    print(f"inputs tried: {STATS.total}; untyped exceptions: {STATS.failures.get('untyped', 0)}")
    if found:
        print(f"{len(found)} failing inputs written to {args.failures}/")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
