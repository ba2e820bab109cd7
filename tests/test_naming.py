"""generator.naming on the names the Authlete spec really uses, plus the awkward cases."""

from __future__ import annotations

import keyword

import pytest

from generator import naming


@pytest.mark.parametrize(
    ("name", "snake", "kebab", "pascal"),
    [
        ("accessTokenDuration", "access_token_duration", "access-token-duration", "AccessTokenDuration"),
        ("jwtAtClaims", "jwt_at_claims", "jwt-at-claims", "JwtAtClaims"),
        (
            "oauthClientAttestationPop",
            "oauth_client_attestation_pop",
            "oauth-client-attestation-pop",
            "OauthClientAttestationPop",
        ),
        ("dpopNonceRequired", "dpop_nonce_required", "dpop-nonce-required", "DpopNonceRequired"),
        ("g_m_request", "g_m_request", "g-m-request", "GMRequest"),
        ("idtoken_reissue_request", "idtoken_reissue_request", "idtoken-reissue-request", "IdtokenReissueRequest"),
        ("standardProcess", "standard_process", "standard-process", "StandardProcess"),
        ("reissueIdToken", "reissue_id_token", "reissue-id-token", "ReissueIdToken"),
        ("grantManagement", "grant_management", "grant-management", "GrantManagement"),
        ("HTTPHeader", "http_header", "http-header", "HTTPHeader"),
        ("token-batch-status", "token_batch_status", "token-batch-status", "TokenBatchStatus"),
        ("Token Endpoint", "token_endpoint", "token-endpoint", "TokenEndpoint"),
    ],
)
def test_case_conversions(name: str, snake: str, kebab: str, pascal: str) -> None:
    assert naming.snake(name) == snake
    assert naming.kebab(name) == kebab
    assert naming.pascal(name) == pascal


@pytest.mark.parametrize(
    ("schema", "cls"),
    [
        ("g_m_request", "GMRequest"),
        ("idtoken_reissue_request", "IdtokenReissueRequest"),
        ("token_request", "TokenRequest"),
        ("token_create_batch_status_response", "TokenCreateBatchStatusResponse"),
        ("authz_details", "AuthzDetails"),
    ],
)
def test_class_name_of_real_schemas(schema: str, cls: str) -> None:
    assert naming.class_name(schema) == cls


def test_class_name_never_starts_with_a_digit_and_is_not_a_keyword() -> None:
    assert naming.class_name("2fa_settings") == "M2FaSettings"
    assert naming.class_name("123") == "M123"
    assert naming.class_name("none") == "None_"
    assert naming.class_name("true") == "True_"
    for name in ("2fa_settings", "123", "none", "true", "class", ""):
        result = naming.class_name(name)
        assert result.isidentifier(), result
        assert not keyword.iskeyword(result), result


@pytest.mark.parametrize(
    ("wire", "field"),
    [
        ("accessTokenDuration", "access_token_duration"),
        ("jwtAtClaims", "jwt_at_claims"),
        ("oauthClientAttestationPop", "oauth_client_attestation_pop"),
        ("dpopNonceRequired", "dpop_nonce_required"),
        ("clientCertificatePath", "client_certificate_path"),
        # keywords, builtins and pydantic BaseModel attributes get a trailing underscore
        ("type", "type_"),
        ("json", "json_"),
        ("class", "class_"),
        ("from", "from_"),
        ("model_config", "model_config_"),
        ("modelConfig", "model_config_"),
        ("schema", "schema_"),
        ("copy", "copy_"),
        ("self", "self_"),
        ("id", "id_"),
        # digit-leading names get a prefix so they are identifiers
        ("2fa", "n_2_fa"),
        ("123", "n_123"),
        # a sign is part of the number: GitHub's reactions have both, in one inline object
        ("+1", "plus_1"),
        ("-1", "minus_1"),
        ("-1.5", "minus_1_5"),
        ("-x", "x"),
    ],
)
def test_field_name_and_identifier(wire: str, field: str) -> None:
    assert naming.field_name(wire) == field
    assert naming.identifier(wire) == field
    assert field.isidentifier()
    assert not keyword.iskeyword(field)


def test_identifier_of_nothing_is_still_an_identifier() -> None:
    assert naming.identifier("") == "value"
    assert naming.identifier("---") == "value"


@pytest.mark.parametrize(
    ("wire", "flag"),
    [
        ("accessTokenDuration", "--access-token-duration"),
        ("jwtAtClaims", "--jwt-at-claims"),
        ("oauthClientAttestationPop", "--oauth-client-attestation-pop"),
        ("dpopNonceRequired", "--dpop-nonce-required"),
        ("clientCertificatePath", "--client-certificate-path"),
        ("+1", "--plus-1"),
        ("-1", "--minus-1"),
        ("serviceId", "--service-id"),
        ("tokenBatchRequestId", "--token-batch-request-id"),
        ("idTokenAudType", "--id-token-aud-type"),
    ],
)
def test_long_flag(wire: str, flag: str) -> None:
    assert naming.long_flag(wire) == flag


@pytest.mark.parametrize("location", ["query", "path", "header"])
def test_command_flag_without_clash_keeps_natural_name(location: str) -> None:
    assert naming.command_flag("clientIdentifier", location) == ("--client-identifier", False)


def test_command_flag_clash_with_global_flag_is_prefixed_by_location() -> None:
    assert naming.command_flag("dryRun", "query") == ("--query-dry-run", True)
    assert naming.command_flag("debug", "field") == ("--field-debug", True)
    assert naming.command_flag("timeout", "header") == ("--header-timeout", True)
    assert naming.command_flag("body", "field") == ("--field-body", True)
    assert naming.command_flag("server", "query") == ("--query-server", True)


def test_command_flag_every_global_flag_is_renamed() -> None:
    for global_flag in naming.GLOBAL_LONG_FLAGS:
        flag, renamed = naming.command_flag(global_flag[2:], "query")
        assert renamed, global_flag
        assert flag == "--query-" + global_flag[2:]
        assert flag not in naming.GLOBAL_LONG_FLAGS


def test_command_flag_override() -> None:
    # x-cli-flag: batch-dry-run (as on token management create-batch) wins and is not a rename
    assert naming.command_flag("dryRun", "query", "batch-dry-run") == ("--batch-dry-run", False)
    # leading dashes in the override are tolerated
    assert naming.command_flag("dryRun", "query", "--batch-dry-run") == ("--batch-dry-run", False)
    # an override that itself clashes is still moved out of the way
    assert naming.command_flag("x", "query", "debug") == ("--query-debug", True)


@pytest.mark.parametrize(
    ("words", "method"),
    [
        (("token", "process"), "token_process"),
        (("token", "management", "list"), "token_management_list"),
        (("token", "management", "reissue-id-token"), "token_management_reissue_id_token"),
        (("introspection", "standard-process"), "introspection_standard_process"),
        (("grant-management", "process-request"), "grant_management_process_request"),
        (("type",), "type_"),
    ],
)
def test_method_name(words: tuple[str, ...], method: str) -> None:
    assert naming.method_name(words) == method


def test_module_and_function_names() -> None:
    assert naming.module_name(("token", "management")) == "token_management"
    assert naming.module_name(("grant-management",)) == "grant_management"
    assert naming.module_name(()) == "root"
    assert naming.function_name("process-request") == "process_request_command"
    assert naming.function_name("standard-process").isidentifier()
    assert naming.function_name("list").endswith("_command")


@pytest.mark.parametrize(
    ("group", "words"),
    [
        ("token.management", ("token", "management")),
        ("grantManagement", ("grant-management",)),
        ("token", ("token",)),
        ("introspection.standardProcess", ("introspection", "standard-process")),
        ("token..management.", ("token", "management")),
    ],
)
def test_group_words_from_speakeasy(group: str, words: tuple[str, ...]) -> None:
    assert naming.group_words_from_speakeasy(group) == words


@pytest.mark.parametrize(
    ("tag", "word"),
    [
        ("Token Endpoint", "token"),
        ("Introspection Endpoint", "introspection"),
        ("Grant Management Endpoint", "grant-management"),
        ("Token Operations", "token"),
        ("Grant Management API", "grant-management"),
        ("Endpoint", "endpoint"),  # a lone noise word is kept, not emptied
    ],
)
def test_group_word_from_tag(tag: str, word: str) -> None:
    assert naming.group_word_from_tag(tag) == word


@pytest.mark.parametrize(
    ("operation_id", "word"),
    [
        ("auth_token_fail_api", "auth-token-fail"),
        ("idtoken_reissue_api", "idtoken-reissue"),
        ("reissueIdToken", "reissue-id-token"),
        ("standardProcess", "standard-process"),
        ("grant_m_api", "grant-m"),
        ("api", "api"),
    ],
)
def test_command_word_from_operation_id(operation_id: str, word: str) -> None:
    assert naming.command_word_from_operation_id(operation_id) == word


def test_command_word() -> None:
    assert naming.command_word("standardProcess") == "standard-process"
    assert naming.command_word("reissueIdToken") == "reissue-id-token"
