"""Walk the pages of a paginated operation: shared by ``--all`` and the clients' ``*_pages`` iterators.

Pure: the caller fetches each page with the query this gives and hands the
decoded answer back. Kinds (from the spec's pagination marker, see
generator/pagination.py): ``offset`` (offset += items on the page), ``page``
(page number += 1), ``cursor`` (the next cursor is read from the answer) and
``range`` (start/end indexes with a total count, as in ``x-cli-pagination``).

A server that repeats a page, or a cursor, or does not move forward is
stopped with a PaginationError; so is one that never ends, after
DEFAULT_MAX_PAGES pages unless the caller set its own bound, which ends the
walk quietly (``truncated`` tells).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

DEFAULT_MAX_PAGES = 1000


class PaginationError(Exception):
    """The server's pages cannot be walked to the end (a repeated page, a list that never ends)."""


def get(data: Any, path: list[Any]) -> Any:
    """The value at ``path`` (keys and list indexes), or None when any step is missing."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


def _set(data: Any, path: list[Any], value: Any) -> None:
    for step in path[:-1]:
        data = get(data, [step])
    if isinstance(data, dict) and path and isinstance(path[-1], str):
        data[path[-1]] = value


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Pager:
    """The state of one walk: the next query, the items so far, the pages seen."""

    def __init__(
        self, spec: Mapping[str, Any], query: dict[str, Any], max_pages: int | None = None
    ) -> None:
        self.spec = spec
        self.kind: str = spec["kind"]
        self.bounded = max_pages is not None
        self.max_pages = max_pages if max_pages is not None else DEFAULT_MAX_PAGES
        self.query: dict[str, Any] | None = {k: v for k, v in query.items() if v is not None}
        self.pages = 0
        self.items: list[Any] = []
        self.truncated = False
        self._first: Any = None
        self._last: Any = None
        self._seen: dict[str, int] = {}
        self._cursors: set[str] = set()
        self._size = 0
        self._start(self.query)

    def _start(self, query: dict[str, Any]) -> None:
        cursor, limit = self.spec["cursor"], self.spec["limit"]
        if self.kind == "range":
            start = _int(query.get(cursor), 0)
            end = _int(query.get(limit), 0)
            self._size = end - start if end > start else int(self.spec["page_size"])
            query[cursor], query[limit] = start, start + self._size
        elif self.kind == "page":
            query[cursor] = _int(query.get(cursor), 1)
        elif self.kind == "offset":
            query[cursor] = _int(query.get(cursor), 0)
        elif cursor in query:
            self._cursors.add(json.dumps(query[cursor]))

    def add(self, data: Any) -> None:
        """Take one decoded page; sets ``query`` to the next page's, or None when done."""
        query = self.query
        assert query is not None, "the walk is over"
        self.pages += 1
        items = get(data, self.spec["results"])
        if items is None:
            items = []
        if not isinstance(items, list):
            raise PaginationError(
                f"page {self.pages}: ${_dotted(self.spec['results'])} is not a list"
            )
        fingerprint = json.dumps(items, sort_keys=True, default=str)
        if items and fingerprint in self._seen:
            raise PaginationError(
                f"page {self.pages} repeats page {self._seen[fingerprint]}: the server keeps returning the same items; stopping"
            )
        self._seen[fingerprint] = self.pages
        self.items.extend(items)
        self._first = data if self._first is None else self._first
        self._last = data
        self.query = self._next(query, data, items) if items else None
        if self.query is not None and self.pages >= self.max_pages:
            if not self.bounded:
                raise PaginationError(
                    f"stopped after {self.pages} pages: the list does not end; bound it with a page limit (--max-pages)"
                )
            self.truncated = True
            self.query = None

    def _next(self, query: dict[str, Any], data: Any, items: list[Any]) -> dict[str, Any] | None:
        cursor, limit = self.spec["cursor"], self.spec["limit"]
        following = dict(query)
        if self.kind == "offset":
            if limit and limit in query and len(items) < _int(query[limit], 0):
                return None
            following[cursor] = _int(query[cursor], 0) + len(items)
        elif self.kind == "page":
            pages = get(data, self.spec["num_pages"]) if self.spec.get("num_pages") else None
            if isinstance(pages, int) and _int(query[cursor], 1) >= pages:
                return None
            if limit and limit in query and len(items) < _int(query[limit], 0):
                return None
            following[cursor] = _int(query[cursor], 1) + 1
        elif self.kind == "cursor":
            value = get(data, self.spec["next_cursor"])
            if value in (None, ""):
                return None
            key = json.dumps(value)
            if key in self._cursors:
                raise PaginationError(
                    f"page {self.pages} gives cursor {value!r} again: the server is going round in circles; stopping"
                )
            self._cursors.add(key)
            following[cursor] = value
        else:
            start = _int(query[cursor], 0)
            reported = get(data, self.spec["end"]) if self.spec.get("end") else None
            after = (
                reported if isinstance(reported, int) and reported > start else start + len(items)
            )
            total = get(data, self.spec["total"]) if self.spec.get("total") else None
            if isinstance(total, int) and after >= total:
                return None
            following[cursor], following[limit] = after, after + self._size
        return following

    def combined(self) -> Any:
        """One answer holding every item: the first page's shape with the whole list."""
        if self._first is None:
            return None
        whole = copy.deepcopy(self._first)
        _set(whole, self.spec["results"], list(self.items))
        if self.kind == "range" and self.spec.get("end"):
            _set(whole, self.spec["end"], get(self._last, self.spec["end"]))
        return whole


def _dotted(path: list[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
