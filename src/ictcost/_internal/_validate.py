"""Argument type checks for the public API: a wrong-typed argument is an ``InputTypeError``.

:func:`typed_args` decorates a public function. On each call it checks every argument the caller
passed (defaults are trusted) against the parameter's annotation with one ``isinstance`` per
argument, and refuses a wrong one with :class:`~ictcost.errors.InputTypeError` naming the function,
the argument, the type given (only the type: a long or secret value is never echoed) and the types
expected. Missing, unexpected or surplus arguments are refused the same way instead of Python's
bare ``TypeError``.

The check is shallow and never converts: ``Sequence[tuple[Decimal, Decimal]]`` checks for a
sequence, ``Literal["a", "b"]`` for a ``str`` (the function itself says which values are allowed,
with its own hints), ``Any`` and ``object`` accept everything, and ``bool`` is refused where only
``int`` is expected. Values (a negative amount, an unknown category, ``NaN``) stay the function's
business. Unlike ``pydantic.validate_call`` nothing is copied or coerced (an iterator stays an
iterator, a mapping the caller's mapping), and the cost is a few hundred nanoseconds a call.

Annotations are resolved on the first call (so that modules importing one another still load) in
the function's module globals; a name the module only imports under ``TYPE_CHECKING`` is given
through ``hints``. :func:`check_hints` resolves them at once (the tests call it for every
decorated function, so a misspelt annotation fails a test rather than a user's call).

Examples:
    >>> from decimal import Decimal
    >>> @typed_args
    ... def half(amount: Decimal | int, *, places: int = 0) -> Decimal:
    ...     return Decimal(amount) / 2
    >>> half(5)
    Decimal('2.5')
    >>> half(5.0)
    Traceback (most recent call last):
    ...
    ictcost.errors.InputTypeError: half(): 'amount' must be Decimal or int (got float)
    How to fix: see help(half) for the argument types
    [input-type] see https://ictcost.readthedocs.io/en/latest/errors/#input-type
    >>> half(5, places=True)
    Traceback (most recent call last):
    ...
    ictcost.errors.InputTypeError: half(): 'places' must be int (got bool)
    How to fix: see help(half) for the argument types
    [input-type] see https://ictcost.readthedocs.io/en/latest/errors/#input-type
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar

from ictcost.errors import InputTypeError

__all__ = ["check_hints", "typed_args", "wrong_type"]

P = ParamSpec("P")
R = TypeVar("R")

_Check = tuple[tuple[type, ...], bool, set[type]] | None
"""The classes an argument must be an instance of, whether a ``bool`` is refused, and the exact
classes already seen to pass (a set lookup is several times cheaper than ``isinstance`` against an
ABC such as ``Sequence``); ``None``: anything goes."""

_SEEN_MAX = 64


class _Everything(set[type]):
    """The "seen" set of an unchecked parameter: every class is in it."""

    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()
_ANY = object()
_DECORATED: list[Callable[[], _Plan]] = []


class _Plan:
    """The compiled checks of one function (built on its first call)."""

    __slots__ = (
        "checks",
        "expected",
        "function",
        "kw_seen",
        "max_pos",
        "n_required",
        "pos_names",
        "pos_seen",
        "required_kw",
        "varkw",
    )

    def __init__(
        self, func: Callable[..., Any], hints: Mapping[str, object], skip: frozenset[str]
    ) -> None:
        signature = inspect.signature(func)
        unknown = skip - signature.parameters.keys()
        if unknown:
            msg = f"{func.__qualname__}: skip= names no parameter: {', '.join(sorted(unknown))}"
            raise TypeError(msg)
        self.function = func.__qualname__
        self.checks: dict[str, _Check] = {}
        self.expected: dict[str, str] = {}
        pos_names: list[str] = []
        self.kw_seen: dict[str, set[type]] = {}
        required_kw: list[str] = []
        self.n_required = 0
        self.varkw = False
        varargs = False
        for param in signature.parameters.values():
            kind = param.kind
            if kind is param.VAR_POSITIONAL:
                varargs = True
                continue
            if kind is param.VAR_KEYWORD:
                self.varkw = True
                continue
            tp = _ANY if param.name in skip else _resolve(func, param, hints)
            check = None if tp is _ANY else _compile(tp)
            self.checks[param.name] = check
            self.expected[param.name] = _describe(check)
            required = param.default is param.empty
            if kind in {param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD}:
                pos_names.append(param.name)
                if required:
                    self.n_required = len(pos_names)
            if kind is not param.POSITIONAL_ONLY:
                self.kw_seen[param.name] = _seen(check)
                if required and kind is param.KEYWORD_ONLY:
                    required_kw.append(param.name)
        self.pos_names = tuple(pos_names)
        self.pos_seen = tuple(_seen(self.checks[n]) for n in pos_names)
        self.required_kw = frozenset(required_kw)
        self.max_pos = 1 << 30 if varargs else len(pos_names)


def _seen(check: _Check) -> set[type]:
    return _EVERYTHING if check is None else check[2]


def _resolve(
    func: Callable[..., Any], param: inspect.Parameter, hints: Mapping[str, object]
) -> Any:  # noqa: ANN401 - any annotation
    if param.name in hints:
        return hints[param.name]
    annotation = param.annotation
    if annotation is param.empty:
        return _ANY
    if isinstance(annotation, str):
        try:
            return eval(annotation, func.__globals__)  # noqa: S307 - the module's own annotation
        except NameError as exc:
            msg = (
                f"{func.__qualname__}: annotation of '{param.name}' ({annotation}) names {exc.name!r}, "
                "which the module does not import at run time: pass it in hints="
            )
            raise TypeError(msg) from None
    return annotation


def _compile(tp: Any) -> _Check:  # noqa: ANN401 - any annotation
    classes: list[type] = []
    if not _collect(tp, classes):
        return None
    refuse_bool = int in classes and bool not in classes
    return tuple(dict.fromkeys(classes)), refuse_bool, set()


def _collect(tp: Any, out: list[type]) -> bool:  # noqa: ANN401, PLR0911 - any annotation, one case a line
    """Add the classes ``tp`` accepts to ``out``; return False when it accepts anything."""
    if tp is Any or tp is object or isinstance(tp, TypeVar):
        return False
    if tp is None or tp is type(None):
        out.append(type(None))
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return all(_collect(arg, out) for arg in typing.get_args(tp))
    if origin is typing.Literal:
        out.extend(type(v) for v in typing.get_args(tp))
        return True
    if origin is typing.Annotated:
        return _collect(typing.get_args(tp)[0], out)
    if origin is not None:
        return _collect(origin, out)
    if isinstance(tp, typing.NewType):
        return _collect(tp.__supertype__, out)
    if isinstance(tp, type):
        out.append(tp)
        return True
    if type(tp).__name__ == "TypeAliasType":  # a ``type X = ...`` statement
        return _collect(tp.__value__, out)
    msg = f"cannot check an argument against {tp!r}"
    raise TypeError(msg)


_NAMES = {type(None): "None", collections.abc.Callable: "a callable"}


def _describe(check: _Check) -> str:
    if check is None:
        return "anything"
    names = [_NAMES.get(c, c.__name__) for c in check[0]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@typing.overload
def typed_args(
    func: Callable[P, R], *, hints: Mapping[str, object] | None = ..., skip: Iterable[str] = ...
) -> Callable[P, R]: ...


@typing.overload
def typed_args(
    func: None = ..., *, hints: Mapping[str, object] | None = ..., skip: Iterable[str] = ...
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def typed_args(
    func: Callable[P, R] | None = None,
    *,
    hints: Mapping[str, object] | None = None,
    skip: Iterable[str] = (),
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Make a public function refuse wrong-typed arguments with ``InputTypeError``.

    Use it bare (``@typed_args``), with the annotations the module cannot resolve at run time
    (``@typed_args(hints={"project": ProjectInput})``, a type or a ``typing`` form), or leaving
    out the parameters the function checks itself with a better message
    (``@typed_args(skip=("base", "on"))``: an amount read by ``to_amount`` says that a float
    cannot hold it exactly, a date read by ``coerce_date`` has the code ``input-date``).

    Args:
        func: The function (when used bare).
        hints: Annotations replacing the function's own, by parameter name.
        skip: Parameters not checked here.

    Returns:
        The checked function (same name, docstring and signature), or the decorator.
    """
    names = frozenset(skip)
    if func is None:

        def decorate(f: Callable[P, R]) -> Callable[P, R]:
            return _wrap(f, dict(hints or {}), names)

        return decorate
    return _wrap(func, dict(hints or {}), names)


def _wrap(func: Callable[P, R], hints: dict[str, object], skip: frozenset[str]) -> Callable[P, R]:
    plan: list[_Plan] = []
    name = func.__qualname__

    def compiled() -> _Plan:
        if not plan:
            plan.append(_Plan(func, hints, skip))
        return plan[0]

    @functools.wraps(func)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        p = plan[0] if plan else compiled()
        n = len(args)
        if n > p.max_pos:
            raise _arity(name, f"takes at most {p.max_pos} positional arguments (got {n})")
        for seen, value in zip(p.pos_seen, args):  # noqa: B905 - args may be fewer
            if value.__class__ not in seen:
                for arg, each in zip(p.pos_names, args):  # noqa: B905
                    _admit(p, arg, each)
                break
        if kwargs:
            kw_seen = p.kw_seen
            for key, value in kwargs.items():
                known = kw_seen.get(key)
                if known is None:
                    if not p.varkw:
                        raise _arity(name, f"got an unexpected keyword argument {key[:40]!r}")
                elif value.__class__ not in known:
                    _admit(p, key, value)
        if n < p.n_required or not p.required_kw <= kwargs.keys():
            _check_required(p, n, kwargs)
        return func(*args, **kwargs)

    _DECORATED.append(compiled)
    return checked


def _admit(plan: _Plan, arg: str, value: object) -> None:
    """Check a value of a class not seen before; remember the class when it passes."""
    check = plan.checks[arg]
    if check is None:
        return
    classes, refuse_bool, seen = check
    cls = value.__class__
    if not isinstance(value, classes) or (refuse_bool and cls is bool):
        raise _wrong(plan.function, plan, arg, value)
    if len(seen) < _SEEN_MAX:
        seen.add(cls)


def _check_required(plan: _Plan, n: int, kwargs: Mapping[str, object]) -> None:
    for missing in (*plan.pos_names[n : plan.n_required], *sorted(plan.required_kw)):
        if missing not in kwargs:
            raise _arity(plan.function, f"misses the required argument {missing!r}")


def _wrong(function: str, plan: _Plan, arg: str, value: object) -> InputTypeError:
    return wrong_type(function, arg, value, plan.expected[arg])


def wrong_type(function: str, arg: str, value: object, expected: str) -> InputTypeError:
    """Return the error for a wrong-typed argument (for the few hot functions checked by hand).

    Args:
        function: The function's name, e.g. ``round_vnd``.
        arg: The argument's name.
        value: The value given (only its type is named).
        expected: The types expected, e.g. ``Decimal or int``.

    Returns:
        The :class:`~ictcost.errors.InputTypeError` to raise.

    Examples:
        >>> wrong_type("round_vnd", "amount", 5, "Decimal").message
        "round_vnd(): 'amount' must be Decimal (got int)"
    """
    return InputTypeError(
        f"{function}(): '{arg}' must be {expected} (got {type(value).__name__})",
        field=arg,
        hint=f"see help({function}) for the argument types",
        function=function,
    )


def _arity(function: str, what: str) -> InputTypeError:
    return InputTypeError(
        f"{function}() {what}",
        hint=f"see help({function}) for the arguments",
        function=function,
    )


def check_hints() -> list[str]:
    """Resolve the annotations of every function decorated so far (for the tests).

    Returns:
        The qualified names of the functions checked.

    Raises:
        TypeError: an annotation cannot be resolved or checked.
    """
    return [compiled().function for compiled in _DECORATED]
