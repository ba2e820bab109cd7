"""--all, --max-pages and the clients' page iterators, against a scripted loopback server."""

from __future__ import annotations

import asyncio
import json

import pytest
from authlete_cli import AsyncAuthleteClient, AuthleteClient, PaginationError
from authlete_cli.runtime.paginate import Pager
from loopback import Answer, Loopback, Seen

TOTAL = 23  # five pages of five, the last one short


def token_pages(number: int, seen: Seen) -> Answer:
    """Authlete's start/end scheme over TOTAL tokens."""
    start, end = int(seen.query.get("start", 0)), int(seen.query.get("end", 5))
    items = [{"accessTokenHash": f"hash-{i}", "subject": "john"} for i in range(start, min(end, TOTAL))]
    return Answer(200, {"start": start, "end": min(end, TOTAL), "totalCount": TOTAL, "accessTokens": items})


def same_page(number: int, seen: Seen) -> Answer:
    return Answer(200, {"start": 0, "end": 5, "totalCount": 100, "accessTokens": [{"accessTokenHash": "again"}]})


def endless(number: int, seen: Seen) -> Answer:
    """Fresh items forever, and a total that is never reached."""
    start = int(seen.query.get("start", 0))
    return Answer(
        200, {"start": start, "end": start + 1, "totalCount": 10**9, "accessTokens": [{"accessTokenHash": f"h{start}"}]}
    )


def list_all(cli, url: str, *extra: str, timeout: float = 60):
    args = ("token", "management", "list", "-s", "715948317", "--bearer", "b", "--server-url", url, "--subject", "john")
    return cli(*args, "--all", *extra, timeout=timeout)


def hashes(data: dict) -> list[str]:
    return [t["accessTokenHash"] for t in data["accessTokens"]]


# --------------------------------------------------------------------------- CLI


def test_cli_all_fetches_five_pages_as_one_result(cli):
    with Loopback(token_pages) as server:
        r = list_all(cli, server.url, "--end", "5", "-o", "json")
    assert r.code == 0, r.err
    data = r.json()
    assert hashes(data) == [f"hash-{i}" for i in range(TOTAL)]
    assert data["start"] == 0 and data["end"] == TOTAL and data["totalCount"] == TOTAL
    assert [(s.query["start"], s.query["end"]) for s in server.seen] == [
        ("0", "5"),
        ("5", "10"),
        ("10", "15"),
        ("15", "20"),
        ("20", "25"),
    ]
    assert all(s.query["subject"] == "john" for s in server.seen)


def test_cli_all_without_a_range_uses_the_spec_page_size(cli):
    with Loopback(token_pages) as server:
        r = list_all(cli, server.url, "-o", "json")
    assert r.code == 0, r.err
    assert len(hashes(r.json())) == TOTAL
    assert [(s.query["start"], s.query["end"]) for s in server.seen] == [("0", "100")]


@pytest.mark.parametrize("fmt", ["json", "yaml", "toon", "table", "pretty"])
def test_cli_all_prints_one_result_in_every_format(cli, fmt):
    with Loopback(token_pages) as server:
        r = list_all(cli, server.url, "--end", "5", "-o", fmt)
    assert r.code == 0, r.err
    assert len(server.seen) == 5
    if fmt == "json":
        assert len(hashes(json.loads(r.out))) == TOTAL
    elif fmt == "yaml":
        import yaml

        assert len(hashes(yaml.safe_load(r.out))) == TOTAL
    elif fmt == "toon":
        from toon_format import decode

        assert len(hashes(decode(r.out))) == TOTAL
    else:
        assert r.out.count("totalCount") == 1  # one result, not five
        assert "hash-0" in r.out


def test_cli_jq_applies_to_the_combined_result(cli):
    with Loopback(token_pages) as server:
        r = list_all(cli, server.url, "--end", "5", "-q", "[.accessTokens[].accessTokenHash] | length", "-o", "json")
    assert r.code == 0, r.err
    assert r.out.strip() == str(TOTAL)


def test_cli_max_pages_bounds_the_walk(cli):
    with Loopback(token_pages) as server:
        r = list_all(cli, server.url, "--end", "5", "--max-pages", "2", "-o", "json")
    assert r.code == 0, r.err
    assert len(server.seen) == 2
    assert hashes(r.json()) == [f"hash-{i}" for i in range(10)]
    assert "stopped after 2 pages" in r.err


def test_cli_server_repeating_its_page_is_stopped(cli):
    with Loopback(same_page) as server:
        r = list_all(cli, server.url)
    assert r.code == 5
    assert "page 2 repeats page 1" in r.err
    assert len(server.seen) == 2
    assert r.out == ""


def test_cli_server_that_never_ends_is_stopped(cli):
    with Loopback(endless) as server:
        r = list_all(cli, server.url, timeout=120)
    assert r.code == 5
    assert "stopped after 1000 pages" in r.err and "--max-pages" in r.err
    assert len(server.seen) == 1000


def test_cli_error_on_a_later_page_is_reported(cli):
    def failing(number: int, seen: Seen) -> Answer:
        return token_pages(number, seen) if number < 3 else Answer(403, {"resultCode": "A001", "resultMessage": "no"})

    with Loopback(failing) as server:
        r = list_all(cli, server.url, "--end", "5")
    assert r.code == 3 and "HTTP 403" in r.err
    assert r.out == ""


def test_cli_max_pages_needs_all(cli):
    r = cli("token", "management", "list", "-s", "1", "--max-pages", "2", "--dry-run")
    assert r.code == 2 and "--max-pages works only with --all" in r.err


def test_cli_all_only_on_paginated_commands(cli):
    r = cli("token", "issue", "--all", "--dry-run", "-s", "1", "--ticket", "t", "--subject", "s")
    assert r.code == 2 and "--all" in r.err


# --------------------------------------------------------------------------- clients


def test_client_iterator_is_lazy_and_walks_five_pages():
    with Loopback(token_pages) as server:
        with AuthleteClient("b", server_url=server.url) as client:
            pages = client.token_management_list_pages("715948317", subject="john", end=5)
            assert server.seen == []  # nothing fetched before the first page is taken
            first = next(pages)
            assert len(server.seen) == 1 and len(first.access_tokens) == 5
            rest = list(pages)
    assert [len(p.access_tokens) for p in [first, *rest]] == [5, 5, 5, 5, 3]
    assert len(server.seen) == 5


def test_client_iterator_max_pages():
    with Loopback(token_pages) as server:
        with AuthleteClient("b", server_url=server.url) as client:
            pages = list(client.token_management_list_pages("1", end=5, max_pages=3))
    assert len(pages) == 3 and len(server.seen) == 3


def test_client_iterator_stops_a_repeating_server():
    with Loopback(same_page) as server:
        with AuthleteClient("b", server_url=server.url) as client:
            with pytest.raises(PaginationError, match="page 2 repeats page 1"):
                list(client.token_management_list_pages("1"))
    assert len(server.seen) == 2


def test_async_client_iterator():
    async def main(url: str) -> list[int]:
        async with AsyncAuthleteClient("b", server_url=url) as client:
            return [len(p.access_tokens) async for p in client.token_management_list_pages("1", end=5)]

    with Loopback(token_pages) as server:
        assert asyncio.run(main(server.url)) == [5, 5, 5, 5, 3]


# --------------------------------------------------------------------------- the pager's other kinds


def walk(spec: dict, serve, query: dict | None = None, max_pages: int | None = None) -> tuple[Pager, list[dict]]:
    pager = Pager(spec, query or {}, max_pages)
    asked = []
    while pager.query is not None:
        asked.append(dict(pager.query))
        pager.add(serve(pager.query))
    return pager, asked


def test_offset_limit_kind():
    spec = {"kind": "offset", "cursor": "offset", "limit": "limit", "results": ["data"], "page_size": 100}
    rows = list(range(12))

    def serve(q):
        return {"data": rows[q["offset"] : q["offset"] + int(q["limit"])]}

    pager, asked = walk(spec, serve, {"limit": 5})
    assert [q["offset"] for q in asked] == [0, 5, 10]
    assert pager.combined() == {"data": rows}


def test_page_kind_with_num_pages():
    spec = {
        "kind": "page",
        "cursor": "page",
        "limit": None,
        "results": ["items"],
        "num_pages": ["pages"],
        "page_size": 100,
    }
    pager, asked = walk(spec, lambda q: {"items": [q["page"]], "pages": 4})
    assert [q["page"] for q in asked] == [1, 2, 3, 4]
    assert pager.combined()["items"] == [1, 2, 3, 4]


def test_cursor_kind_and_a_cursor_that_comes_back():
    spec = {
        "kind": "cursor",
        "cursor": "after",
        "limit": None,
        "results": ["data"],
        "next_cursor": ["data", -1, "id"],
        "page_size": 100,
    }
    rows = [{"id": f"r{i}"} for i in range(7)]

    def serve(q):
        start = 0 if "after" not in q else int(q["after"][1:]) + 1
        return {"data": rows[start : start + 3]}

    pager, asked = walk(spec, serve)
    assert [q.get("after") for q in asked] == [None, "r2", "r5", "r6"]
    assert pager.combined()["data"] == rows

    def circular(q):
        return {"data": [{"id": "x" + str(len(q))}, {"id": "r1"}]}

    with pytest.raises(PaginationError, match="cursor 'r1' again"):
        walk(spec, circular, {"after": "r1"})
