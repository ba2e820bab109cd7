"""The generator reads x-speakeasy-pagination, x-cli-pagination and x-cli-retry-safe into the IR, or says where they are wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SPEC
from test_build import write_spec

from generator.diagnostics import GeneratorError
from generator.ir import Pagination
from generator.pipeline import analyse

PAGE = {"200": {"description": "A page.", "content": {"application/json": {"schema": {"type": "object"}}}}}


def query(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "query", "schema": {"type": "integer" if n != "after" else "string"}} for n in names]


def listing(marker: str, spec: Any, *params: str) -> dict[str, Any]:
    return {
        "/items": {"get": {"operationId": "list_items", "parameters": query(*params), marker: spec, "responses": PAGE}}
    }


def only_operation(path: Path):
    [op] = analyse(path)[1].operations
    return op


def test_the_authlete_spec_marks_token_management_list_and_introspection():
    api = analyse(SPEC)[1]
    by_command = {op.command: op for op in api.operations}
    paging = by_command["token management list"].pagination
    assert paging == Pagination("range", "start", "end", ("accessTokens",), None, ("totalCount",), ("end",), None, 100)
    assert [op.command for op in api.operations if op.pagination] == ["token management list"]
    assert sorted(op.command for op in api.operations if op.retry_safe) == [
        "introspection process",
        "introspection standard-process",
    ]


def test_speakeasy_offset_limit(tmp_path: Path) -> None:
    marker = {
        "type": "offsetLimit",
        "inputs": [
            {"name": "offset", "in": "parameters", "type": "offset"},
            {"name": "limit", "in": "parameters", "type": "limit"},
        ],
        "outputs": {"results": "$.data.items"},
    }
    op = only_operation(write_spec(tmp_path, listing("x-speakeasy-pagination", marker, "offset", "limit")))
    assert op.pagination == Pagination("offset", "offset", "limit", ("data", "items"))


def test_speakeasy_page_and_cursor(tmp_path: Path) -> None:
    page = {
        "type": "offsetLimit",
        "inputs": [{"name": "page", "in": "parameters", "type": "page"}],
        "outputs": {"results": "$['items']", "numPages": "$.pages"},
    }
    op = only_operation(write_spec(tmp_path, listing("x-speakeasy-pagination", page, "page")))
    assert (op.pagination.kind, op.pagination.cursor, op.pagination.num_pages) == ("page", "page", ("pages",))
    cursor = {
        "type": "cursor",
        "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
        "outputs": {"results": "$.data", "nextCursor": "$.data[(@.length-1)].id"},
    }
    op = only_operation(write_spec(tmp_path, listing("x-speakeasy-pagination", cursor, "after")))
    assert op.pagination == Pagination("cursor", "after", None, ("data",), ("data", -1, "id"))


@pytest.mark.parametrize(
    ("marker", "params", "pointer", "message"),
    [
        ("not a mapping", (), "/x-speakeasy-pagination", "must be a mapping"),
        ({"type": "url", "inputs": [], "outputs": {}}, (), "/x-speakeasy-pagination/type", "'url' is not supported"),
        (
            {
                "type": "offsetLimit",
                "inputs": [{"name": "offset", "in": "requestBody", "type": "offset"}],
                "outputs": {"results": "$.a"},
            },
            ("offset",),
            "/x-speakeasy-pagination/inputs/0/in",
            "only query parameters",
        ),
        (
            {
                "type": "offsetLimit",
                "inputs": [{"name": "skip", "in": "parameters", "type": "offset"}],
                "outputs": {"results": "$.a"},
            },
            ("offset",),
            "/x-speakeasy-pagination/inputs/0/name",
            "'skip' is not a query parameter",
        ),
        (
            {
                "type": "offsetLimit",
                "inputs": [{"name": "offset", "in": "parameters", "type": "offset"}],
                "outputs": {},
            },
            ("offset",),
            "/x-speakeasy-pagination/outputs",
            "needs outputs.results",
        ),
        (
            {
                "type": "offsetLimit",
                "inputs": [{"name": "offset", "in": "parameters", "type": "offset"}],
                "outputs": {"results": "$..items"},
            },
            ("offset",),
            "/x-speakeasy-pagination/outputs/results",
            "only .name",
        ),
        (
            {
                "type": "cursor",
                "inputs": [{"name": "after", "in": "parameters", "type": "cursor"}],
                "outputs": {"results": "$.a"},
            },
            ("after",),
            "/x-speakeasy-pagination/outputs",
            "needs outputs.nextCursor",
        ),
        (
            {"type": "startEnd", "inputs": [], "outputs": {"results": "$.a"}},
            (),
            "/x-speakeasy-pagination/type",
            "'startEnd' is not supported",
        ),
    ],
)
def test_bad_markers_are_located_errors(
    tmp_path: Path, marker: Any, params: tuple[str, ...], pointer: str, message: str
) -> None:
    spec = write_spec(tmp_path, listing("x-speakeasy-pagination", marker, *params))
    with pytest.raises(GeneratorError) as info:
        analyse(spec)
    [diag] = info.value.diagnostics
    assert diag.pointer == "/paths/~1items/get" + pointer
    assert message in diag.message
    assert diag.line > 1


def test_our_start_end_marker_needs_both_inputs(tmp_path: Path) -> None:
    marker = {
        "type": "startEnd",
        "inputs": [{"name": "start", "in": "parameters", "type": "start"}],
        "outputs": {"results": "$.a"},
        "pageSize": 0,
    }
    with pytest.raises(GeneratorError) as info:
        analyse(write_spec(tmp_path, listing("x-cli-pagination", marker, "start", "end")))
    messages = sorted(d.message for d in info.value.diagnostics)
    assert any("needs start and end inputs" in m for m in messages)
    assert any("pageSize must be a positive integer" in m for m in messages)


def test_retry_safe_must_be_a_boolean(tmp_path: Path) -> None:
    paths = {"/a": {"post": {"operationId": "a_api", "x-cli-retry-safe": "yes", "responses": PAGE}}}
    with pytest.raises(GeneratorError) as info:
        analyse(write_spec(tmp_path, paths))
    [diag] = info.value.diagnostics
    assert diag.pointer == "/paths/~1a/post/x-cli-retry-safe" and "true or false" in diag.message
