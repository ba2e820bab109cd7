"""Text from a server made harmless for a terminal.

A response can carry escape sequences (ESC, CSI, OSC ...) that move the
cursor, retitle the window, hide text or forge a hyperlink. Before server text
reaches a terminal every control character is replaced by a visible escape
(``\\x1b``); line feeds and tabs stay.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides
# that can make a terminal show text in another order than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(text: str) -> str:
    """``text`` with every control character shown as an escape instead of acted on."""
    return _CONTROL.sub(_visible, text) if _CONTROL.search(text) else text


def neutralise_data(value: Any) -> Any:
    """A JSON-like value with every string (keys too) neutralised."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dict):
        return {neutralise(str(k)): neutralise_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [neutralise_data(v) for v in value]
    return value
