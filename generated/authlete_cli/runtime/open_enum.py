"""The base class of every enum in models.py: open to values the spec does not list yet.

Servers add values before specs list them; a closed enum would reject a whole
answer over one new value. An unlisted value becomes a member named
``UNLISTED_<value>``, of the same type as the listed ones (never of another).
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class OpenEnum(Enum):
    """An enum that also accepts values the spec does not list yet: servers add them before specs do."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        kinds = {type(m.value) for m in cls}
        if type(value) not in kinds:  # open to new values, not to values of another type
            return None
        member = object.__new__(cls)
        member._name_ = f"UNLISTED_{value}"
        member._value_ = value
        return member
