"""The IR built from the real spec, and from small inline specs for naming and clash rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SPEC

from generator.diagnostics import GeneratorError
from generator.ir import Api, Operation, Option
from generator.pipeline import analyse

COMMANDS = {
    "token process",
    "token issue",
    "token fail",
    "token management list",
    "token management create",
    "token management create-batch",
    "token management batch-status",
    "token management update",
    "token management delete",
    "token management revoke",
    "token management reissue-id-token",
    "introspection process",
    "introspection standard-process",
    "grant-management process-request",
}

# The long flags of `authlete token process` in the Authlete CLI the generated one must match.
TOKEN_PROCESS_FLAGS = [
    "--access-token",
    "--access-token-duration",
    "--cimd-options",
    "--client-certificate",
    "--client-certificate-path",
    "--client-id",
    "--client-secret",
    "--dpop",
    "--dpop-nonce-required",
    "--htm",
    "--htu",
    "--jwt-at-claims",
    "--oauth-client-attestation",
    "--oauth-client-attestation-pop",
    "--parameters",
    "--properties",
    "--refresh-token-duration",
    "--service-id",
]


@pytest.fixture(scope="module")
def api() -> Api:
    return analyse(SPEC)[1]


def op(api: Api, command: str) -> Operation:
    matches = [o for o in api.operations if o.command == command]
    assert len(matches) == 1, f"{command!r}: {[o.command for o in api.operations]}"
    return matches[0]


def opt(operation: Operation, flag: str) -> Option:
    matches = [o for o in operation.options if o.flag == flag]
    assert len(matches) == 1, f"{flag} on {operation.command}: {[o.flag for o in operation.options]}"
    return matches[0]


# --------------------------------------------------------------------------- real spec


def test_fourteen_operations_with_exact_command_words(api: Api) -> None:
    assert len(api.operations) == 14
    assert {o.command for o in api.operations} == COMMANDS
    assert op(api, "token management reissue-id-token").words == ("token", "management", "reissue-id-token")
    assert op(api, "introspection standard-process").words == ("introspection", "standard-process")
    assert op(api, "grant-management process-request").words == ("grant-management", "process-request")


def test_operations_are_sorted_by_words(api: Api) -> None:
    words = [o.words for o in api.operations]
    assert words == sorted(words)


def test_operations_keep_method_path_and_operation_id(api: Api) -> None:
    process = op(api, "token process")
    assert (process.method, process.path, process.operation_id) == (
        "POST",
        "/api/{serviceId}/auth/token",
        "auth_token_api",
    )
    delete = op(api, "token management delete")
    assert (delete.method, delete.path) == ("DELETE", "/api/{serviceId}/auth/token/delete/{accessTokenIdentifier}")
    status = op(api, "token management batch-status")
    assert status.method == "GET"
    assert opt(status, "--token-batch-request-id").location == "path"


def test_token_process_flags_match_the_authlete_cli(api: Api) -> None:
    process = op(api, "token process")
    assert [o.flag for o in process.options] == TOKEN_PROCESS_FLAGS


def test_token_process_option_details(api: Api) -> None:
    process = op(api, "token process")
    shorts = {o.short: o.flag for o in process.options if o.short}
    assert shorts == {"-j": "--jwt-at-claims", "-r": "--refresh-token-duration", "-s": "--service-id"}

    path = opt(process, "--client-certificate-path")
    assert path.repeatable and path.kind == "string" and path.type_label == "stringArray"
    assert [o.flag for o in process.options if o.repeatable] == ["--client-certificate-path"]

    cimd = opt(process, "--cimd-options")
    assert cimd.kind == "json" and cimd.type_label == "JSON"
    assert "Give the value as JSON." in cimd.help

    for flag in ("--access-token-duration", "--refresh-token-duration"):
        assert opt(process, flag).kind == "integer"
        assert opt(process, flag).type_label == "int"
    assert opt(process, "--dpop-nonce-required").kind == "boolean"

    assert {o.flag for o in process.options if o.required} == {"--parameters", "--service-id"}
    parameters = opt(process, "--parameters")
    assert parameters.location == "body" and parameters.wire_name == "parameters"
    service = opt(process, "--service-id")
    assert (service.location, service.wire_name, service.py_name) == ("path", "serviceId", "service_id")
    assert opt(process, "--oauth-client-attestation-pop").wire_name == "oauthClientAttestationPop"
    assert opt(process, "--jwt-at-claims").py_name == "jwt_at_claims"
    assert not any(o.renamed for o in process.options)


def test_token_process_body(api: Api) -> None:
    body = op(api, "token process").body
    assert body is not None
    assert (body.schema, body.model, body.is_array, body.required) == ("token_request", "TokenRequest", False, True)
    assert body.media_types == ("application/json", "application/x-www-form-urlencoded")
    assert body.form_field == "parameters"


def test_token_fail_reason_is_an_enum(api: Api) -> None:
    fail = op(api, "token fail")
    reason = opt(fail, "--reason")
    assert reason.kind == "enum"
    assert reason.choices == ("UNKNOWN", "INVALID_RESOURCE_OWNER_CREDENTIALS", "INVALID_TARGET")
    assert reason.required
    assert opt(fail, "--ticket").required
    assert [o.flag for o in fail.options] == ["--reason", "--service-id", "--ticket"]


def test_create_batch_takes_an_array_and_renames_dry_run(api: Api) -> None:
    batch = op(api, "token management create-batch")
    assert batch.body is not None
    assert batch.body.is_array
    assert batch.body.model == "TokenCreateRequest"
    dry = opt(batch, "--batch-dry-run")
    assert (dry.location, dry.wire_name, dry.kind, dry.renamed) == ("query", "dryRun", "boolean", False)
    assert "--dry-run" not in {o.flag for o in batch.options}
    # an array body contributes no per-field flags
    assert {o.flag for o in batch.options} == {"--batch-dry-run", "--service-id"}
    assert "--body" in batch.example


def test_list_has_query_flags(api: Api) -> None:
    listing = op(api, "token management list")
    assert listing.body is None
    query = {o.flag: o for o in listing.options if o.location == "query"}
    assert set(query) == {"--client-identifier", "--subject", "--start", "--end"}
    assert query["--start"].kind == "integer" and query["--end"].kind == "integer"
    assert query["--client-identifier"].wire_name == "clientIdentifier"
    assert not any(o.required for o in query.values())


def test_groups_and_subgroups(api: Api) -> None:
    groups = {g.words: g for g in api.groups}
    assert set(groups) == {(), ("token",), ("token", "management"), ("introspection",), ("grant-management",)}
    assert groups[()].subgroups == (("grant-management",), ("introspection",), ("token",))
    assert groups[()].operations == ()
    assert groups[("token",)].subgroups == (("token", "management"),)
    assert [o.name for o in groups[("token",)].operations] == ["fail", "issue", "process"]
    assert [o.name for o in groups[("token", "management")].operations] == [
        "batch-status",
        "create",
        "create-batch",
        "delete",
        "list",
        "reissue-id-token",
        "revoke",
        "update",
    ]
    assert groups[("token", "management")].module == "token_management"
    assert groups[("grant-management",)].module == "grant_management"
    # help comes from x-cli-groups
    assert groups[("token", "management")].help.startswith("List, create, update, revoke and delete access tokens")
    assert groups[("introspection",)].help.startswith("Validate access tokens")


def test_servers(api: Api) -> None:
    assert [s.name for s in api.servers] == ["us", "jp", "eu", "br"]
    assert [s.url for s in api.servers] == [f"https://{n}.authlete.com" for n in ("us", "jp", "eu", "br")]


def test_api_metadata_and_models(api: Api) -> None:
    from authlete_cli import models

    assert api.version == "3.0.16"
    assert api.package == "authlete_cli"
    assert all(hasattr(models, name) for name in ("GMRequest", "TokenRequest", "IdtokenReissueRequest"))
    fields = models.TokenRequest.model_fields
    assert fields["parameters"].is_required() and fields["parameters"].alias == "parameters"
    assert fields["access_token_duration"].annotation == int | None
    assert fields["access_token_duration"].alias == "accessTokenDuration"
    assert fields["client_certificate_path"].annotation == list[str] | None
    assert fields["cimd_options"].annotation == models.CimdOptions | None


def test_every_flag_avoids_global_options(api: Api) -> None:
    from generator.naming import GLOBAL_LONG_FLAGS, GLOBAL_SHORT_FLAGS

    for operation in api.operations:
        for option in operation.options:
            assert option.flag not in GLOBAL_LONG_FLAGS, (operation.command, option.flag)
            assert option.short not in GLOBAL_SHORT_FLAGS, (operation.command, option.short)
            assert option.py_name.isidentifier()


# --------------------------------------------------------------------------- inline specs

OK = {"200": {"description": "OK."}}


def write_spec(tmp_path: Path, paths: dict[str, Any], schemas: dict[str, Any] | None = None, **extra: Any) -> Path:
    data: dict[str, Any] = {"openapi": "3.0.3", "info": {"title": "Inline", "version": "1"}, **extra, "paths": paths}
    if schemas:
        data["components"] = {"schemas": schemas}
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def words_by_id(api: Api) -> dict[str, tuple[str, ...]]:
    return {o.operation_id: o.words for o in api.operations}


def test_speakeasy_group_and_name_override(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/introspection/standard": {
                "post": {
                    "operationId": "auth_introspection_standard_api",
                    "tags": ["Introspection Endpoint"],
                    "x-speakeasy-group": "token.management",
                    "x-speakeasy-name-override": "standardProcess",
                    "responses": OK,
                }
            },
            "/gm": {"post": {"operationId": "grant_m_api", "x-speakeasy-group": "grantManagement", "responses": OK}},
        },
    )
    assert words_by_id(analyse(spec)[1]) == {
        "auth_introspection_standard_api": ("token", "management", "standard-process"),
        "grant_m_api": ("grant-management", "grant-m"),
    }


def test_words_derived_from_tag_and_operation_id(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/idtoken/reissue": {
                "post": {"operationId": "reissueIdToken", "tags": ["Token Endpoint"], "responses": OK}
            },
            "/auth/token/fail": {
                "post": {"operationId": "auth_token_fail_api", "tags": ["Token Operations"], "responses": OK}
            },
            "/gm": {"post": {"operationId": "grant_m_api", "tags": ["Grant Management Endpoint"], "responses": OK}},
            "/untagged": {"get": {"operationId": "listEverything", "responses": OK}},
        },
    )
    assert words_by_id(analyse(spec)[1]) == {
        "reissueIdToken": ("token", "reissue-id-token"),
        "auth_token_fail_api": ("token", "auth-token-fail"),
        "grant_m_api": ("grant-management", "grant-m"),
        "listEverything": ("list-everything",),
    }


def test_x_cli_command_beats_speakeasy_extensions(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/a": {
                "post": {
                    "operationId": "a_api",
                    "tags": ["Token Endpoint"],
                    "x-speakeasy-group": "token.management",
                    "x-speakeasy-name-override": "standardProcess",
                    "x-cli-command": "introspection standardProcess",
                    "responses": OK,
                }
            }
        },
    )
    assert words_by_id(analyse(spec)[1]) == {"a_api": ("introspection", "standard-process")}


def test_two_operations_with_the_same_command_are_an_error(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/first": {"post": {"operationId": "first_process_api", "x-cli-command": "token process", "responses": OK}},
            "/second": {
                "post": {"operationId": "second_process_api", "x-cli-command": "token process", "responses": OK}
            },
        },
    )
    with pytest.raises(GeneratorError) as info:
        analyse(spec)
    [diag] = info.value.diagnostics
    text = str(info.value)
    assert "'token process'" in text
    # one operation is named by its operationId, the other by where it is
    assert "first_process_api" in text
    assert diag.pointer == "/paths/~1second/post"
    lines = spec.read_text().splitlines()
    post_line = lines.index("  /second:") + 2  # 1-based line of its `post:` key
    assert lines[post_line - 1] == "    post:"
    assert (diag.line, diag.col) == (post_line, 5)
    assert text.startswith(f"{spec}:{post_line}:5 #/paths/~1second/post: ")


def test_derived_names_that_collide_are_an_error(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/a": {"get": {"operationId": "list_things_api", "tags": ["Things API"], "responses": OK}},
            "/b": {"get": {"operationId": "listThings", "tags": ["Things"], "responses": OK}},
        },
    )
    with pytest.raises(GeneratorError) as info:
        analyse(spec)
    text = str(info.value)
    assert "'things list-things'" in text
    assert "list_things_api" in text
    assert "#/paths/~1b/get" in text


def test_command_named_like_a_group_is_an_error(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/a": {"get": {"operationId": "a_api", "x-cli-command": "token", "responses": OK}},
            "/b": {"get": {"operationId": "b_api", "x-cli-command": "token process", "responses": OK}},
        },
    )
    with pytest.raises(GeneratorError, match="same name as a command group"):
        analyse(spec)


def test_body_property_and_query_parameter_clashing_with_global_flags(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/a": {
                "post": {
                    "operationId": "a_api",
                    "x-cli-command": "thing create",
                    "parameters": [
                        {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
                        {"name": "timeout", "in": "header", "schema": {"type": "string"}},
                        {"name": "server", "in": "query", "x-cli-flag": "target-server", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}
                    },
                    "responses": OK,
                }
            }
        },
        {
            "thing": {
                "type": "object",
                "properties": {
                    "debug": {"type": "boolean"},
                    "body": {"type": "string"},
                    "type": {"type": "string"},
                    "name": {"type": "string", "x-cli-flag": "label"},
                },
            }
        },
    )
    operation = analyse(spec)[1].operations[0]
    by_wire = {(o.location, o.wire_name): o for o in operation.options}
    debug = by_wire[("body", "debug")]
    assert (debug.flag, debug.py_name, debug.renamed, debug.kind) == ("--field-debug", "field_debug", True, "boolean")
    assert by_wire[("body", "body")].flag == "--field-body"
    assert (by_wire[("body", "type")].flag, by_wire[("body", "type")].py_name) == ("--type", "type_")
    assert (by_wire[("body", "name")].flag, by_wire[("body", "name")].renamed) == ("--label", False)
    dry = by_wire[("query", "dryRun")]
    assert (dry.flag, dry.py_name, dry.renamed) == ("--query-dry-run", "query_dry_run", True)
    assert by_wire[("header", "timeout")].flag == "--header-timeout"
    assert (by_wire[("query", "server")].flag, by_wire[("query", "server")].renamed) == ("--target-server", False)


def test_two_inputs_producing_the_same_flag_are_resolved_with_a_note(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/things/{serviceId}": {
                "post": {
                    "operationId": "a_api",
                    "x-cli-command": "thing create",
                    "parameters": [{"name": "serviceId", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing"}}}
                    },
                    "responses": OK,
                }
            }
        },
        {"thing": {"type": "object", "properties": {"service_id": {"type": "string"}}}},
    )
    api = analyse(spec)[1]
    by_wire = {(o.location, o.wire_name): (o.flag, o.py_name) for o in api.operations[0].options}
    assert by_wire == {
        ("path", "serviceId"): ("--service-id", "service_id"),
        ("body", "service_id"): ("--body-service-id", "body_service_id"),
    }
    notes = [str(n) for n in api.notes]
    assert [n for n in notes if "--body-service-id" in n] == [
        f"{spec}:29:9 #/components/schemas/thing/properties/service_id: note: body field 'service_id' would have "
        "the flag --service-id of path 'serviceId' in a_api; generated as --body-service-id"
    ]


def test_path_item_parameters_are_merged_and_operation_wins(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "/things/{thingId}": {
                "parameters": [
                    {"name": "thingId", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "string"}},
                ],
                "get": {
                    "operationId": "get_thing_api",
                    "x-cli-command": "thing get",
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                    "responses": OK,
                },
            }
        },
    )
    operation = analyse(spec)[1].operations[0]
    assert [(o.flag, o.kind) for o in operation.options] == [("--limit", "integer"), ("--thing-id", "string")]


def test_markdown_escapes_are_undone_in_help(tmp_path: Path) -> None:
    """Authlete writes INTERNAL\\_SERVER\\_ERROR in its descriptions; help shows plain text."""
    spec = write_spec(
        tmp_path,
        {
            "/t": {
                "post": {
                    "operationId": "t_api",
                    "summary": "Process a \\*token\\* request",
                    "description": "On `INTERNAL\\_SERVER\\_ERROR` answer 500; a path is C:\\\\dir; \\d stays.",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "grantType": {"type": "string", "description": "e.g. \\_\\_x\\_\\_"}
                                    },
                                }
                            }
                        }
                    },
                    "responses": OK,
                }
            }
        },
    )
    operation = analyse(spec)[1].operations[0]
    assert operation.summary == "Process a *token* request"
    assert operation.description == "On `INTERNAL_SERVER_ERROR` answer 500; a path is C:\\dir; \\d stays."
    assert opt(operation, "--grant-type").help == "e.g. __x__"
