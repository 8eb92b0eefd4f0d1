"""An organisation's postal address and how to reach it, shared by the Geschäftsstelle and the network partners."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ContactDetails:
    """Street, postcode and town, e-mail, phone and website, as entered.

    Keyword-only, so that a dataclass deriving from it keeps its own fields (with or without
    defaults) in front and its callers' positional arguments mean what they meant before.
    """

    street: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""

    @property
    def town(self) -> str:
        """``85560 Ebersberg``."""
        return f"{self.postcode} {self.city}".strip()

    @property
    def address(self) -> str:
        return postal_address(self.street, self.postcode, self.city)


def postal_address(street: str, postcode: str, city: str) -> str:
    """``Eichthalstraße 5, 85560 Ebersberg``: the parts that are given, in one line."""
    return ", ".join(x for x in (street.strip(), f"{postcode} {city}".strip()) if x)
