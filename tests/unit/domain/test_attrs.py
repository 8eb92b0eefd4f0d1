"""from_attrs: a dataclass from the same-named attributes of another object."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from bezag_desktop.domain.attrs import attrs_of, from_attrs, with_stripped


@dataclass(frozen=True)
class Row:
    name: str
    city: str
    notes: str = ""


def test_every_field_is_copied_when_none_is_named() -> None:
    source = SimpleNamespace(name="Ada", city="Köln", notes="n", other=1)
    assert from_attrs(Row, source) == Row("Ada", "Köln", "n")


def test_overrides_win_and_are_not_read() -> None:
    source = SimpleNamespace(name="Ada", notes="n")
    assert from_attrs(Row, source, city="Bonn") == Row("Ada", "Bonn", "n")


def test_named_fields_only_the_rest_keep_defaults() -> None:
    source = SimpleNamespace(name="Ada", city="Köln", notes="n")
    assert from_attrs(Row, source, "city", name="Bea") == Row("Bea", "Köln", "")


def test_missing_attribute_is_a_bug() -> None:
    with pytest.raises(AttributeError):
        from_attrs(Row, SimpleNamespace(name="Ada"))


def test_unknown_field_name_is_a_bug() -> None:
    with pytest.raises(AttributeError, match="no field 'town'"):
        from_attrs(Row, SimpleNamespace(town="Köln"), "town", name="Ada", city="x")


def test_field_both_copied_and_given_is_a_bug() -> None:
    with pytest.raises(TypeError, match="both copied and given"):
        from_attrs(Row, SimpleNamespace(name="Ada", city="x"), "name", "city", name="Bea")


def test_required_field_left_out_is_named() -> None:
    with pytest.raises(TypeError, match=r"Row\.city is neither copied nor given"):
        from_attrs(Row, SimpleNamespace(name="Ada"), "name")


def test_not_a_dataclass() -> None:
    with pytest.raises(TypeError, match="not a dataclass"):
        from_attrs(dict, SimpleNamespace())


def test_with_stripped_strips_only_the_named_fields() -> None:
    row = Row(" Ada ", " Köln ", " n ")
    assert with_stripped(row, "city", name="Bea") == Row("Bea", "Köln", " n ")


def test_attrs_of_gives_keywords() -> None:
    assert attrs_of(SimpleNamespace(a=1, b=2, c=3), "a", "c") == {"a": 1, "c": 3}
