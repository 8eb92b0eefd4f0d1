"""Build a dataclass from the same-named attributes of another object.

Read models and inputs are often filled from a record (or another read model) whose attributes
carry the same names: ``from_attrs(MemberRow, ms, "role", "notes", person=p.display_name)`` says
once which fields are copied and which are computed, instead of a run of ``role=ms.role, …``.
It is the reading twin of ``services.records.assign``.
"""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")


def attrs_of(source: object, *names: str) -> dict[str, Any]:
    """The named attributes of ``source`` as keywords, e.g. for a model's constructor."""
    return {name: getattr(source, name) for name in names}


def from_attrs(cls: type[T], source: object, /, *names: str, **overrides: Any) -> T:
    """A ``cls`` whose fields come from ``source``'s attributes of the same names, ``overrides`` first.

    With ``names``, only those fields are read from ``source`` (the rest keep their defaults);
    without, every init field that ``overrides`` does not give is read. A field or attribute that
    does not exist is a bug and raises, so a rename cannot silently drop a value.
    """
    if not is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    known = {f.name: f for f in fields(cls) if f.init}
    for name in names:
        if name not in known:
            raise AttributeError(f"{cls.__name__} has no field {name!r}")
        if name in overrides:
            raise TypeError(f"field {name!r} is both copied and given")
    wanted = names or tuple(n for n in known if n not in overrides)
    values = attrs_of(source, *wanted)
    for name, f in known.items():
        # Only the "every field" form may meet a field with no value; say which one, not TypeError's guess.
        if name not in values and name not in overrides and f.default is MISSING and f.default_factory is MISSING:
            raise TypeError(f"{cls.__name__}.{name} is neither copied nor given")
    return cls(**values, **overrides)


def with_stripped(data: D, /, *names: str, **overrides: Any) -> D:
    """A copy of the dataclass ``data`` whose named text fields lose their surrounding blanks, ``overrides`` set."""
    return replace(data, **{name: getattr(data, name).strip() for name in names}, **overrides)
