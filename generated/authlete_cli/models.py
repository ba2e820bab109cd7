# Generated from the OpenAPI spec by `python -m generator`; do not edit.

from __future__ import annotations

from enum import Enum
from typing import Annotated
from pydantic import BaseModel, ConfigDict, Field
from authlete_cli.runtime.http_outcome import HttpOutcomeModel
from .runtime.open_enum import OpenEnum


class Result(BaseModel):
    """
    Outcome of a call that failed before any endpoint-specific processing.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome, such as A001201.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome, prefixed with the code.
    """


class Property(BaseModel):
    """
    An extra property (key/value pair) attached to an access token.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    key: Annotated[str | None, Field(alias="key")] = None
    """
    Name of the property.
    """
    value: Annotated[str | None, Field(alias="value")] = None
    """
    Value of the property.
    """
    hidden: Annotated[bool | None, Field(alias="hidden")] = None
    """
    If true, the property is kept from the client and never appears in token responses.
    """


class Pair(BaseModel):
    """
    A plain key/value pair.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    key: Annotated[str | None, Field(alias="key")] = None
    """
    Name of the entry.
    """
    value: Annotated[str | None, Field(alias="value")] = None
    """
    Value of the entry.
    """


class TaggedValue(BaseModel):
    """
    A text together with the language tag it is written in.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    tag: Annotated[str | None, Field(alias="tag")] = None
    """
    BCP 47 language tag, such as ja or en-US.
    """
    value: Annotated[str | None, Field(alias="value")] = None
    """
    Text in that language.
    """


class CimdOptions(BaseModel):
    """
    Per-call overrides for OAuth Client ID Metadata Document (CIMD) handling.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    always_retrieved: Annotated[bool | None, Field(alias="alwaysRetrieved")] = None
    """
    Fetch the client's metadata document every time, ignoring any cached copy.
    """
    http_permitted: Annotated[bool | None, Field(alias="httpPermitted")] = None
    """
    Accept metadata document URLs with the plain http scheme.
    """
    query_permitted: Annotated[bool | None, Field(alias="queryPermitted")] = None
    """
    Accept metadata document URLs that carry a query string.
    """


class AuthzDetails(BaseModel):
    """
    Rich authorization details (RFC 9396) bound to a token or grant.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    elements: Annotated[list[AuthorizationDetailsElement] | None, Field(alias="elements")] = None
    """
    The individual authorization detail objects.
    """


class AuthorizationDetailsElement(BaseModel):
    """
    One authorization detail object (RFC 9396).
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    type_: Annotated[str, Field(alias="type")]
    """
    Kind of authorization requested; decides which other fields apply.
    """
    locations: Annotated[list[str] | None, Field(alias="locations")] = None
    """
    URIs of the resource servers the authorization is for.
    """
    actions: Annotated[list[str] | None, Field(alias="actions")] = None
    """
    Operations the client may perform.
    """
    data_types: Annotated[list[str] | None, Field(alias="dataTypes")] = None
    """
    Kinds of data the client may access.
    """
    identifier: Annotated[str | None, Field(alias="identifier")] = None
    """
    Identifier of a specific resource at the API.
    """
    privileges: Annotated[list[str] | None, Field(alias="privileges")] = None
    """
    Privilege levels requested, for example roles.
    """
    other_fields: Annotated[str | None, Field(alias="otherFields")] = None
    """
    Any further type-specific fields, as a JSON object string.
    """


class TokenType(OpenEnum):
    """
    Kind of token taking part in a token exchange or JWT bearer grant.
    """

    JWT = "JWT"
    ACCESS_TOKEN = "ACCESS_TOKEN"
    REFRESH_TOKEN = "REFRESH_TOKEN"
    ID_TOKEN = "ID_TOKEN"
    SAML1 = "SAML1"
    SAML2 = "SAML2"
    DEVICE_SECRET = "DEVICE_SECRET"
    DEVICE_CODE = "DEVICE_CODE"
    TOKEN_EXCHANGE = "TOKEN_EXCHANGE"
    JWT_BEARER = "JWT_BEARER"


class GrantType(OpenEnum):
    """
    OAuth grant type under which a token was obtained.
    """

    AUTHORIZATION_CODE = "AUTHORIZATION_CODE"
    IMPLICIT = "IMPLICIT"
    PASSWORD = "PASSWORD"
    CLIENT_CREDENTIALS = "CLIENT_CREDENTIALS"
    REFRESH_TOKEN = "REFRESH_TOKEN"
    CIBA = "CIBA"
    DEVICE_CODE = "DEVICE_CODE"
    TOKEN_EXCHANGE = "TOKEN_EXCHANGE"
    JWT_BEARER = "JWT_BEARER"
    PRE_AUTHORIZED_CODE = "PRE_AUTHORIZED_CODE"


class GrantManagementAction(OpenEnum):
    """
    What a Grant Management request asks to do with the grant.
    """

    CREATE = "CREATE"
    QUERY = "QUERY"
    REPLACE = "REPLACE"
    REVOKE = "REVOKE"
    MERGE = "MERGE"


class ClientType(OpenEnum):
    """
    OAuth client type, depending on whether the client can keep a secret.
    """

    PUBLIC = "PUBLIC"
    CONFIDENTIAL = "CONFIDENTIAL"


class Scope(BaseModel):
    """
    A scope as defined in the service, with its metadata.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(alias="name")] = None
    """
    Scope name as used in requests.
    """
    default_entry: Annotated[bool | None, Field(alias="defaultEntry")] = None
    """
    Whether the scope is granted when a request names no scope.
    """
    description: Annotated[str | None, Field(alias="description")] = None
    """
    Explanation of the scope.
    """
    descriptions: Annotated[list[TaggedValue] | None, Field(alias="descriptions")] = None
    """
    Explanations of the scope in several languages.
    """
    attributes: Annotated[list[Pair] | None, Field(alias="attributes")] = None
    """
    Arbitrary attributes attached to the scope.
    """


class GrantScope(BaseModel):
    """
    A scope held by a grant, optionally limited to resources.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    scope: Annotated[str | None, Field(alias="scope")] = None
    """
    Space-separated scope names.
    """
    resource: Annotated[list[str] | None, Field(alias="resource")] = None
    """
    Resource indicators the scopes are limited to.
    """


class Grant(BaseModel):
    """
    What a grant (Grant Management for OAuth 2.0) currently authorizes.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    scopes: Annotated[list[GrantScope] | None, Field(alias="scopes")] = None
    """
    Scopes held by the grant.
    """
    claims: Annotated[list[str] | None, Field(alias="claims")] = None
    """
    Names of the user claims the grant covers.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )


class TokenInfo(BaseModel):
    """
    What Authlete knows about a subject or actor token in a token exchange.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    client_id: Annotated[int | None, Field(alias="clientId")] = None
    """
    ID of the client the token was issued to.
    """
    client_id_alias: Annotated[str | None, Field(alias="clientIdAlias")] = None
    """
    Alias of that client's ID, if it has one.
    """
    client_id_alias_used: Annotated[bool | None, Field(alias="clientIdAliasUsed")] = None
    """
    Whether the alias was used when the token was requested.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token was issued for.
    """
    scopes: Annotated[list[Scope] | None, Field(alias="scopes")] = None
    """
    Scopes the token covers.
    """
    expires_at: Annotated[int | None, Field(alias="expiresAt")] = None
    """
    Expiry of the token, in milliseconds since the Unix epoch.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the token.
    """
    resources: Annotated[list[str] | None, Field(alias="resources")] = None
    """
    Resource indicators the token is bound to.
    """
    authorization_details: Annotated[
        AuthorizationDetailsElement | None, Field(alias="authorizationDetails")
    ] = None
    client_entity_id: Annotated[str | None, Field(alias="clientEntityId")] = None
    """
    OpenID Federation entity ID of the client.
    """
    client_entity_id_used: Annotated[bool | None, Field(alias="clientEntityIdUsed")] = None
    """
    Whether the entity ID identified the client when the token was requested.
    """
    metadata_document_location: Annotated[str | None, Field(alias="metadataDocumentLocation")] = (
        None
    )
    """
    URL of the client's metadata document (CIMD), when the client was identified that way.
    """
    metadata_document_used: Annotated[bool | None, Field(alias="metadataDocumentUsed")] = None
    """
    Whether the client was identified through a metadata document (CIMD).
    """


class ClientLimited(BaseModel):
    """
    Summary of a client application.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    number: Annotated[int | None, Field(alias="number", ge=-2147483648, le=2147483647)] = None
    """
    Internal sequence number of the client.
    """
    client_name: Annotated[str | None, Field(alias="clientName")] = None
    """
    Display name of the client.
    """
    client_names: Annotated[list[TaggedValue] | None, Field(alias="clientNames")] = None
    """
    Display names of the client in several languages.
    """
    description: Annotated[str | None, Field(alias="description")] = None
    """
    Free-text description of the client.
    """
    descriptions: Annotated[list[TaggedValue] | None, Field(alias="descriptions")] = None
    """
    Descriptions of the client in several languages.
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Client ID assigned by Authlete.
    """
    client_id_alias: Annotated[str | None, Field(alias="clientIdAlias")] = None
    """
    Alternative client ID chosen by the developer.
    """
    client_id_alias_enabled: Annotated[bool | None, Field(alias="clientIdAliasEnabled")] = None
    """
    Whether the alias may be used in place of the client ID.
    """
    client_type: Annotated[ClientType | None, Field(alias="clientType")] = None


class AccessToken(BaseModel):
    """
    An issued access token as listed by the token management API.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    access_token_hash: Annotated[str | None, Field(alias="accessTokenHash")] = None
    """
    Hash of the access token (the token itself is not stored).
    """
    access_token_expires_at: Annotated[
        int | None,
        Field(alias="accessTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token expiry, in milliseconds since the Unix epoch.
    """
    refresh_token_hash: Annotated[str | None, Field(alias="refreshTokenHash")] = None
    """
    Hash of the paired refresh token, if any.
    """
    refresh_token_expires_at: Annotated[
        int | None,
        Field(alias="refreshTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token expiry, in milliseconds since the Unix epoch.
    """
    created_at: Annotated[
        int | None, Field(alias="createdAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Creation time, in milliseconds since the Unix epoch.
    """
    last_refreshed_at: Annotated[
        int | None, Field(alias="lastRefreshedAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Time of the last refresh, in milliseconds since the Unix epoch (0 if never).
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    ID of the client the token belongs to.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token was issued for.
    """
    grant_type: Annotated[GrantType | None, Field(alias="grantType")] = None
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the access token covers.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the token.
    """
    refresh_token_scopes: Annotated[list[str] | None, Field(alias="refreshTokenScopes")] = None
    """
    Scopes the refresh token covers.
    """


class TokenBatchStatusBatchKind(OpenEnum):
    """
    Kind of batch operation.
    """

    CREATE = "CREATE"


class TokenBatchStatusResult(OpenEnum):
    """
    Final outcome; absent while the batch is still running.
    """

    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class TokenBatchStatus(BaseModel):
    """
    Progress record of a batch token operation.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    batch_kind: Annotated[TokenBatchStatusBatchKind | None, Field(alias="batchKind")] = None
    """
    Kind of batch operation.
    """
    request_id: Annotated[str | None, Field(alias="requestId")] = None
    """
    ID of the batch request.
    """
    result: Annotated[TokenBatchStatusResult | None, Field(alias="result")] = None
    """
    Final outcome; absent while the batch is still running.
    """
    error_code: Annotated[str | None, Field(alias="errorCode")] = None
    """
    Error code when the batch failed.
    """
    error_description: Annotated[str | None, Field(alias="errorDescription")] = None
    """
    Explanation of the failure.
    """
    token_count: Annotated[
        int | None, Field(alias="tokenCount", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Number of tokens created so far.
    """
    created_at: Annotated[
        int | None, Field(alias="createdAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    When the batch was submitted, in milliseconds since the Unix epoch.
    """
    modified_at: Annotated[
        int | None, Field(alias="modifiedAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    When the record last changed, in milliseconds since the Unix epoch.
    """


class TokenRequest(BaseModel):
    """
    A token request as received by your token endpoint, plus context Authlete needs.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    parameters: Annotated[str, Field(alias="parameters")]
    """
    The form-encoded body the client sent to your token endpoint, passed through unchanged (grant_type=...&code=...).
    """
    client_id: Annotated[str | None, Field(alias="clientId")] = None
    """
    Client ID from the Authorization header, when the client used HTTP Basic authentication.
    """
    client_secret: Annotated[str | None, Field(alias="clientSecret")] = None
    """
    Client secret from the Authorization header, when the client used HTTP Basic authentication.
    """
    client_certificate: Annotated[str | None, Field(alias="clientCertificate")] = None
    """
    PEM certificate the client presented in the mutual-TLS handshake.
    """
    client_certificate_path: Annotated[list[str] | None, Field(alias="clientCertificatePath")] = (
        None
    )
    """
    PEM certificates of the chain the client presented after its own certificate.
    """
    properties: Annotated[str | None, Field(alias="properties")] = None
    """
    Extra properties to attach to the issued access token. A plain string passed to Authlete as given (the field is a string in Authlete's API, unlike the structured properties of the token management requests).
    """
    dpop: Annotated[str | None, Field(alias="dpop")] = None
    """
    The DPoP proof JWT from the request's DPoP header.
    """
    htm: Annotated[str | None, Field(alias="htm")] = None
    """
    HTTP method the DPoP proof must match; POST when omitted.
    """
    htu: Annotated[str | None, Field(alias="htu")] = None
    """
    Token endpoint URL the DPoP proof must match; the service's configured endpoint when omitted.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    Value to use for the new access token instead of a generated one.
    """
    jwt_at_claims: Annotated[str | None, Field(alias="jwtAtClaims")] = None
    """
    Extra claims (a JSON object) to add to a JWT access token's payload.
    """
    oauth_client_attestation: Annotated[str | None, Field(alias="oauthClientAttestation")] = None
    """
    Content of the OAuth-Client-Attestation header (attestation-based client authentication).
    """
    oauth_client_attestation_pop: Annotated[
        str | None, Field(alias="oauthClientAttestationPop")
    ] = None
    """
    Content of the OAuth-Client-Attestation-PoP header (attestation-based client authentication).
    """
    access_token_duration: Annotated[
        int | None,
        Field(alias="accessTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token lifetime in seconds for this call; ignored unless positive.
    """
    refresh_token_duration: Annotated[
        int | None,
        Field(alias="refreshTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token lifetime in seconds for this call; ignored unless positive.
    """
    dpop_nonce_required: Annotated[bool | None, Field(alias="dpopNonceRequired")] = None
    """
    Demand a nonce in the DPoP proof for this call, whatever the service setting.
    """
    cimd_options: Annotated[CimdOptions | None, Field(alias="cimdOptions")] = None


class TokenResponseAction(OpenEnum):
    """
    What your token endpoint should do next, such as return 200 with responseContent (OK), reject the client (INVALID_CLIENT), or check the user's credentials yourself (PASSWORD).
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    INVALID_CLIENT = "INVALID_CLIENT"
    BAD_REQUEST = "BAD_REQUEST"
    PASSWORD = "PASSWORD"
    OK = "OK"
    TOKEN_EXCHANGE = "TOKEN_EXCHANGE"
    JWT_BEARER = "JWT_BEARER"
    NATIVE_SSO = "NATIVE_SSO"
    ID_TOKEN_REISSUABLE = "ID_TOKEN_REISSUABLE"


class TokenResponse(HttpOutcomeModel):
    """
    Authlete's verdict on a token request and the data needed to answer it.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[TokenResponseAction | None, Field(alias="action")] = None
    """
    What your token endpoint should do next, such as return 200 with responseContent (OK), reject the client (INVALID_CLIENT), or check the user's credentials yourself (PASSWORD).
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    Body (usually JSON) to send back to the client; its meaning depends on action.
    """
    username: Annotated[str | None, Field(alias="username")] = None
    """
    The username parameter of a password-grant request.
    """
    password: Annotated[str | None, Field(alias="password")] = None
    """
    The password parameter of a password-grant request.
    """
    ticket: Annotated[str | None, Field(alias="ticket")] = None
    """
    Ticket to pass to token issue or token fail (password grant and similar flows).
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    The access token that was issued.
    """
    access_token_expires_at: Annotated[
        int | None,
        Field(alias="accessTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token expiry, in milliseconds since the Unix epoch.
    """
    access_token_duration: Annotated[
        int | None,
        Field(alias="accessTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token lifetime in seconds.
    """
    refresh_token: Annotated[str | None, Field(alias="refreshToken")] = None
    """
    The refresh token that was issued, if any.
    """
    refresh_token_expires_at: Annotated[
        int | None,
        Field(alias="refreshTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token expiry, in milliseconds since the Unix epoch.
    """
    refresh_token_duration: Annotated[
        int | None,
        Field(alias="refreshTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token lifetime in seconds.
    """
    id_token: Annotated[str | None, Field(alias="idToken")] = None
    """
    The ID token that was issued, for OpenID Connect code flows requesting the openid scope.
    """
    grant_type: Annotated[str | None, Field(alias="grantType")] = None
    """
    The grant_type of the token request.
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    ID of the client that made the request.
    """
    client_id_alias: Annotated[str | None, Field(alias="clientIdAlias")] = None
    """
    Alias of the client's ID, if it has one.
    """
    client_id_alias_used: Annotated[bool | None, Field(alias="clientIdAliasUsed")] = None
    """
    Whether the client identified itself with its alias.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token was issued for; empty for client credentials.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the access token covers.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the access token.
    """
    jwt_access_token: Annotated[str | None, Field(alias="jwtAccessToken")] = None
    """
    JWT form of the access token, when the service issues JWT access tokens.
    """
    resources: Annotated[list[str] | None, Field(alias="resources")] = None
    """
    Resource indicators named in the token request.
    """
    access_token_resources: Annotated[list[str] | None, Field(alias="accessTokenResources")] = None
    """
    Resource indicators the issued access token is bound to.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    additional_claims: Annotated[str | None, Field(alias="additionalClaims")] = None
    """
    Extra claims requested for the token, as a JSON object string.
    """
    service_attributes: Annotated[list[Pair] | None, Field(alias="serviceAttributes")] = None
    """
    Attributes configured on the service.
    """
    client_attributes: Annotated[list[Pair] | None, Field(alias="clientAttributes")] = None
    """
    Attributes configured on the client.
    """
    client_auth_method: Annotated[str | None, Field(alias="clientAuthMethod")] = None
    """
    How the client authenticated at the token endpoint, such as CLIENT_SECRET_BASIC.
    """
    grant_id: Annotated[str | None, Field(alias="grantId")] = None
    """
    Grant ID (Grant Management for OAuth 2.0) the tokens belong to.
    """
    audiences: Annotated[list[str] | None, Field(alias="audiences")] = None
    """
    The audience values of a token exchange request.
    """
    requested_token_type: Annotated[TokenType | None, Field(alias="requestedTokenType")] = None
    subject_token: Annotated[str | None, Field(alias="subjectToken")] = None
    """
    The subject_token of a token exchange request.
    """
    subject_token_type: Annotated[TokenType | None, Field(alias="subjectTokenType")] = None
    subject_token_info: Annotated[TokenInfo | None, Field(alias="subjectTokenInfo")] = None
    actor_token: Annotated[str | None, Field(alias="actorToken")] = None
    """
    The actor_token of a token exchange request.
    """
    actor_token_type: Annotated[TokenType | None, Field(alias="actorTokenType")] = None
    actor_token_info: Annotated[TokenInfo | None, Field(alias="actorTokenInfo")] = None
    assertion: Annotated[str | None, Field(alias="assertion")] = None
    """
    The assertion JWT of a JWT bearer grant request (RFC 7523).
    """
    previous_refresh_token_used: Annotated[bool | None, Field(alias="previousRefreshTokenUsed")] = (
        None
    )
    """
    Whether the client used a just-rotated refresh token still within its grace period.
    """
    client_entity_id: Annotated[str | None, Field(alias="clientEntityId")] = None
    """
    OpenID Federation entity ID of the client.
    """
    client_entity_id_used: Annotated[bool | None, Field(alias="clientEntityIdUsed")] = None
    """
    Whether the client identified itself with its entity ID.
    """
    cnonce_duration: Annotated[
        int | None, Field(alias="cnonceDuration", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Lifetime of the c_nonce in seconds.
    """
    dpop_nonce: Annotated[str | None, Field(alias="dpopNonce")] = None
    """
    Nonce to send in the DPoP-Nonce response header.
    """
    cnonce: Annotated[str | None, Field(alias="cnonce")] = None
    """
    c_nonce value for credential issuance.
    """
    cnonce_expires_at: Annotated[
        int | None, Field(alias="cnonceExpiresAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    c_nonce expiry, in milliseconds since the Unix epoch.
    """
    requested_id_token_claims: Annotated[
        list[str] | None, Field(alias="requestedIdTokenClaims")
    ] = None
    """
    Claims the original authorization request wanted in ID tokens.
    """
    refresh_token_scopes: Annotated[list[str] | None, Field(alias="refreshTokenScopes")] = None
    """
    Scopes the refresh token covers.
    """
    session_id: Annotated[str | None, Field(alias="sessionId")] = None
    """
    Login session of the user that the new token is tied to.
    """
    device_secret: Annotated[str | None, Field(alias="deviceSecret")] = None
    """
    Device secret the client presented (Native SSO), to pass on to the native SSO API.
    """
    device_secret_hash: Annotated[str | None, Field(alias="deviceSecretHash")] = None
    """
    Hash of the device secret (Native SSO).
    """
    metadata_document_location: Annotated[str | None, Field(alias="metadataDocumentLocation")] = (
        None
    )
    """
    URL of the client's metadata document (CIMD), when the client was identified that way.
    """
    metadata_document_used: Annotated[bool | None, Field(alias="metadataDocumentUsed")] = None
    """
    Whether the client was identified through a metadata document (CIMD).
    """


class TokenFailRequestReason(OpenEnum):
    """
    Reason for refusing; decides the error returned to the client.
    """

    UNKNOWN = "UNKNOWN"
    INVALID_RESOURCE_OWNER_CREDENTIALS = "INVALID_RESOURCE_OWNER_CREDENTIALS"
    INVALID_TARGET = "INVALID_TARGET"


class TokenFailRequest(BaseModel):
    """
    Why a pending token request is being refused.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    ticket: Annotated[str, Field(alias="ticket")]
    """
    Ticket from the token process response.
    """
    reason: Annotated[TokenFailRequestReason, Field(alias="reason")]
    """
    Reason for refusing; decides the error returned to the client.
    """


class TokenFailResponseAction(OpenEnum):
    """
    HTTP response to send; BAD_REQUEST means 400 with responseContent.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    BAD_REQUEST = "BAD_REQUEST"


class TokenFailResponse(HttpOutcomeModel):
    """
    The error response to return to the client.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[TokenFailResponseAction | None, Field(alias="action")] = None
    """
    HTTP response to send; BAD_REQUEST means 400 with responseContent.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    JSON error body to send to the client.
    """


class TokenIssueRequest(BaseModel):
    """
    Approval of a pending token request, naming the authenticated user.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    ticket: Annotated[str, Field(alias="ticket")]
    """
    Ticket from the token process response.
    """
    subject: Annotated[str, Field(alias="subject")]
    """
    ID of the user the tokens are for.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties to attach to the access token.
    """
    jwt_at_claims: Annotated[str | None, Field(alias="jwtAtClaims")] = None
    """
    Extra claims (a JSON object) to add to a JWT access token's payload.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    Value to use for the new access token instead of a generated one.
    """
    access_token_duration: Annotated[
        int | None,
        Field(alias="accessTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token lifetime in seconds for this call; ignored unless positive.
    """
    refresh_token_duration: Annotated[
        int | None,
        Field(alias="refreshTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token lifetime in seconds for this call; ignored unless positive.
    """


class TokenIssueResponseAction(OpenEnum):
    """
    HTTP response to send; OK means 200 with responseContent.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    OK = "OK"


class TokenIssueResponse(HttpOutcomeModel):
    """
    The tokens issued for an approved token request.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[TokenIssueResponseAction | None, Field(alias="action")] = None
    """
    HTTP response to send; OK means 200 with responseContent.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    JSON token response to send to the client.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    The access token that was issued.
    """
    access_token_expires_at: Annotated[
        int | None,
        Field(alias="accessTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token expiry, in milliseconds since the Unix epoch.
    """
    access_token_duration: Annotated[
        int | None,
        Field(alias="accessTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token lifetime in seconds.
    """
    refresh_token: Annotated[str | None, Field(alias="refreshToken")] = None
    """
    The refresh token that was issued, if any.
    """
    refresh_token_expires_at: Annotated[
        int | None,
        Field(alias="refreshTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token expiry, in milliseconds since the Unix epoch.
    """
    refresh_token_duration: Annotated[
        int | None,
        Field(alias="refreshTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token lifetime in seconds.
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    ID of the client the tokens were issued to.
    """
    client_id_alias: Annotated[str | None, Field(alias="clientIdAlias")] = None
    """
    Alias of the client's ID, if it has one.
    """
    client_id_alias_used: Annotated[bool | None, Field(alias="clientIdAliasUsed")] = None
    """
    Whether the client identified itself with its alias.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the tokens were issued for.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the access token covers.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the access token.
    """
    jwt_access_token: Annotated[str | None, Field(alias="jwtAccessToken")] = None
    """
    JWT form of the access token, when the service issues JWT access tokens.
    """
    access_token_resources: Annotated[list[str] | None, Field(alias="accessTokenResources")] = None
    """
    Resource indicators the access token is bound to.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    service_attributes: Annotated[list[Pair] | None, Field(alias="serviceAttributes")] = None
    """
    Attributes configured on the service.
    """
    client_attributes: Annotated[list[Pair] | None, Field(alias="clientAttributes")] = None
    """
    Attributes configured on the client.
    """
    client_entity_id: Annotated[str | None, Field(alias="clientEntityId")] = None
    """
    OpenID Federation entity ID of the client.
    """
    client_entity_id_used: Annotated[bool | None, Field(alias="clientEntityIdUsed")] = None
    """
    Whether the client identified itself with its entity ID.
    """
    refresh_token_scopes: Annotated[list[str] | None, Field(alias="refreshTokenScopes")] = None
    """
    Scopes the refresh token covers.
    """
    metadata_document_location: Annotated[str | None, Field(alias="metadataDocumentLocation")] = (
        None
    )
    """
    URL of the client's metadata document (CIMD), when the client was identified that way.
    """
    metadata_document_used: Annotated[bool | None, Field(alias="metadataDocumentUsed")] = None
    """
    Whether the client was identified through a metadata document (CIMD).
    """


class IntrospectionRequest(BaseModel):
    """
    An access token presented to a resource server, plus the conditions it must meet.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    token: Annotated[str, Field(alias="token")]
    """
    The access token to check.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the token must cover for the request to be allowed.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token must belong to.
    """
    client_certificate: Annotated[str | None, Field(alias="clientCertificate")] = None
    """
    PEM client certificate from mutual TLS, for checking certificate-bound tokens.
    """
    dpop: Annotated[str | None, Field(alias="dpop")] = None
    """
    The DPoP proof JWT from the request's DPoP header.
    """
    htm: Annotated[str | None, Field(alias="htm")] = None
    """
    HTTP method of the request to the resource, for DPoP checking.
    """
    htu: Annotated[str | None, Field(alias="htu")] = None
    """
    URL of the resource endpoint, for DPoP checking.
    """
    resources: Annotated[list[str] | None, Field(alias="resources")] = None
    """
    Resource indicators the token must be bound to.
    """
    acr_values: Annotated[list[str] | None, Field(alias="acrValues")] = None
    """
    Authentication context classes, one of which the user must have been authenticated with.
    """
    max_age: Annotated[
        int | None, Field(alias="maxAge", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Maximum time in seconds since the user authenticated.
    """
    required_components: Annotated[list[str] | None, Field(alias="requiredComponents")] = None
    """
    HTTP message components that the request signature must cover.
    """
    uri: Annotated[str | None, Field(alias="uri")] = None
    """
    Full URL of the request to the resource, for HTTP message signature checking.
    """
    message: Annotated[str | None, Field(alias="message")] = None
    """
    Body of the request to the resource, for HTTP message signature checking.
    """
    headers: Annotated[list[Pair] | None, Field(alias="headers")] = None
    """
    Headers of the request to the resource, for HTTP message signature checking.
    """
    target_uri: Annotated[str | None, Field(alias="targetUri")] = None
    """
    URL of the resource being accessed, when it differs from uri.
    """
    dpop_nonce_required: Annotated[bool | None, Field(alias="dpopNonceRequired")] = None
    """
    Demand a nonce in the DPoP proof for this call, whatever the service setting.
    """
    request_body_contained: Annotated[bool | None, Field(alias="requestBodyContained")] = None
    """
    Whether the request to the resource carried a body.
    """


class IntrospectionResponseAction(OpenEnum):
    """
    How the resource server should respond; OK means serve the request, the others name the HTTP error to return.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHORIZED = "UNAUTHORIZED"
    FORBIDDEN = "FORBIDDEN"
    OK = "OK"


class IntrospectionResponse(HttpOutcomeModel):
    """
    What Authlete found out about an access token.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[IntrospectionResponseAction | None, Field(alias="action")] = None
    """
    How the resource server should respond; OK means serve the request, the others name the HTTP error to return.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    Value for the WWW-Authenticate header when the request must be refused.
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    ID of the client the token was issued to.
    """
    client_id_alias: Annotated[str | None, Field(alias="clientIdAlias")] = None
    """
    Alias of that client's ID, if it has one.
    """
    client_id_alias_used: Annotated[bool | None, Field(alias="clientIdAliasUsed")] = None
    """
    Whether the alias was used when the token was requested.
    """
    expires_at: Annotated[
        int | None, Field(alias="expiresAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Token expiry, in milliseconds since the Unix epoch.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token was issued for.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the token covers.
    """
    existent: Annotated[bool | None, Field(alias="existent")] = None
    """
    Whether Authlete knows the token.
    """
    usable: Annotated[bool | None, Field(alias="usable")] = None
    """
    Whether the token exists and has not expired.
    """
    sufficient: Annotated[bool | None, Field(alias="sufficient")] = None
    """
    Whether the token covers every scope that was asked for.
    """
    refreshable: Annotated[bool | None, Field(alias="refreshable")] = None
    """
    Whether a refresh token exists that can renew this token.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the token.
    """
    certificate_thumbprint: Annotated[str | None, Field(alias="certificateThumbprint")] = None
    """
    Thumbprint of the client certificate the token is bound to.
    """
    resources: Annotated[list[str] | None, Field(alias="resources")] = None
    """
    Resource indicators named when the token was requested.
    """
    access_token_resources: Annotated[list[str] | None, Field(alias="accessTokenResources")] = None
    """
    Resource indicators the token is bound to.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    service_attributes: Annotated[list[Pair] | None, Field(alias="serviceAttributes")] = None
    """
    Attributes configured on the service.
    """
    client_attributes: Annotated[list[Pair] | None, Field(alias="clientAttributes")] = None
    """
    Attributes configured on the client.
    """
    scope_details: Annotated[list[Scope] | None, Field(alias="scopeDetails")] = None
    """
    Full definitions of the scopes the token covers.
    """
    grant_id: Annotated[str | None, Field(alias="grantId")] = None
    """
    Grant ID (Grant Management for OAuth 2.0) the token belongs to.
    """
    grant: Annotated[Grant | None, Field(alias="grant")] = None
    for_external_attachment: Annotated[bool | None, Field(alias="forExternalAttachment")] = None
    """
    Whether the token is meant for external attachments (OpenID Connect for Identity Assurance).
    """
    consented_claims: Annotated[list[str] | None, Field(alias="consentedClaims")] = None
    """
    User claims the user agreed to release.
    """
    grant_type: Annotated[GrantType | None, Field(alias="grantType")] = None
    acr: Annotated[str | None, Field(alias="acr")] = None
    """
    Authentication context class the user was authenticated with.
    """
    auth_time: Annotated[
        int | None, Field(alias="authTime", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    When the user authenticated, in seconds since the Unix epoch.
    """
    client_entity_id: Annotated[str | None, Field(alias="clientEntityId")] = None
    """
    OpenID Federation entity ID of the client.
    """
    client_entity_id_used: Annotated[bool | None, Field(alias="clientEntityIdUsed")] = None
    """
    Whether the entity ID identified the client when the token was requested.
    """
    for_credential_issuance: Annotated[bool | None, Field(alias="forCredentialIssuance")] = None
    """
    Whether the token may be used to obtain verifiable credentials.
    """
    cnonce: Annotated[str | None, Field(alias="cnonce")] = None
    """
    c_nonce value for credential issuance.
    """
    cnonce_expires_at: Annotated[
        int | None, Field(alias="cnonceExpiresAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    c_nonce expiry, in milliseconds since the Unix epoch.
    """
    issuable_credentials: Annotated[str | None, Field(alias="issuableCredentials")] = None
    """
    Credentials the token allows to be issued, as a JSON array string.
    """
    dpop_nonce: Annotated[str | None, Field(alias="dpopNonce")] = None
    """
    Nonce to send in the DPoP-Nonce response header.
    """
    response_signing_required: Annotated[bool | None, Field(alias="responseSigningRequired")] = None
    """
    Whether the resource server must sign its response (HTTP message signatures).
    """
    metadata_document_location: Annotated[str | None, Field(alias="metadataDocumentLocation")] = (
        None
    )
    """
    URL of the client's metadata document (CIMD), when the client was identified that way.
    """
    metadata_document_used: Annotated[bool | None, Field(alias="metadataDocumentUsed")] = None
    """
    Whether the client was identified through a metadata document (CIMD).
    """


class StandardIntrospectionRequest(BaseModel):
    """
    An RFC 7662 introspection request as received by your introspection endpoint.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    parameters: Annotated[str, Field(alias="parameters")]
    """
    The form-encoded body the endpoint received (token=...&token_type_hint=...).
    """
    with_hidden_properties: Annotated[bool | None, Field(alias="withHiddenProperties")] = None
    """
    Include hidden extra properties in the response.
    """
    rs_uri: Annotated[str | None, Field(alias="rsUri")] = None
    """
    URI of the resource server making the request; used as audience of a JWT response.
    """
    http_accept_header: Annotated[str | None, Field(alias="httpAcceptHeader")] = None
    """
    Accept header of the request; application/token-introspection+jwt asks for a JWT response.
    """
    introspection_sign_alg: Annotated[str | None, Field(alias="introspectionSignAlg")] = None
    """
    JWS algorithm for signing a JWT response.
    """
    introspection_encryption_alg: Annotated[
        str | None, Field(alias="introspectionEncryptionAlg")
    ] = None
    """
    JWE key-management algorithm for encrypting a JWT response.
    """
    introspection_encryption_enc: Annotated[
        str | None, Field(alias="introspectionEncryptionEnc")
    ] = None
    """
    JWE content-encryption algorithm for encrypting a JWT response.
    """
    shared_key_for_sign: Annotated[str | None, Field(alias="sharedKeyForSign")] = None
    """
    Symmetric key for signing a JWT response with an HS* algorithm.
    """
    shared_key_for_encryption: Annotated[str | None, Field(alias="sharedKeyForEncryption")] = None
    """
    Symmetric key for encrypting a JWT response.
    """
    public_key_for_encryption: Annotated[str | None, Field(alias="publicKeyForEncryption")] = None
    """
    Public key (JWK) for encrypting a JWT response.
    """


class StandardIntrospectionResponseAction(OpenEnum):
    """
    HTTP response to send; OK means JSON, JWT means a signed JWT body.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    BAD_REQUEST = "BAD_REQUEST"
    OK = "OK"
    JWT = "JWT"


class StandardIntrospectionResponse(HttpOutcomeModel):
    """
    The introspection response to return to the caller.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[StandardIntrospectionResponseAction | None, Field(alias="action")] = None
    """
    HTTP response to send; OK means JSON, JWT means a signed JWT body.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    Body to send back (JSON object or JWT).
    """


class IdtokenReissueRequest(BaseModel):
    """
    Tokens of a refresh flow for which a new ID token is wanted.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    access_token: Annotated[str, Field(alias="accessToken")]
    """
    Access token just issued by the refresh token flow.
    """
    refresh_token: Annotated[str, Field(alias="refreshToken")]
    """
    Refresh token presented in that flow.
    """
    sub: Annotated[str | None, Field(alias="sub")] = None
    """
    Value for the ID token's sub claim, overriding the user ID.
    """
    claims: Annotated[str | None, Field(alias="claims")] = None
    """
    Extra claims for the ID token, as a JSON object string.
    """
    idt_header_params: Annotated[str | None, Field(alias="idtHeaderParams")] = None
    """
    Extra JOSE header parameters for the ID token, as a JSON object string.
    """
    id_token_aud_type: Annotated[str | None, Field(alias="idTokenAudType")] = None
    """
    Form of the aud claim, array or string.
    """


class IdtokenReissueResponseAction(OpenEnum):
    """
    HTTP response to send; OK means 200 with responseContent.
    """

    OK = "OK"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    CALLER_ERROR = "CALLER_ERROR"


class IdtokenReissueResponse(BaseModel):
    """
    The result of reissuing an ID token.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[IdtokenReissueResponseAction | None, Field(alias="action")] = None
    """
    HTTP response to send; OK means 200 with responseContent.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    JSON token response, including the new ID token, to send to the client.
    """
    id_token: Annotated[str | None, Field(alias="idToken")] = None
    """
    The new ID token.
    """


class GMRequest(BaseModel):
    """
    A request received by your grant management endpoint.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    access_token: Annotated[str, Field(alias="accessToken")]
    """
    Access token the client presented to the grant management endpoint.
    """
    client_certificate: Annotated[str | None, Field(alias="clientCertificate")] = None
    """
    PEM client certificate from mutual TLS, for checking certificate-bound tokens.
    """
    dpop: Annotated[str | None, Field(alias="dpop")] = None
    """
    The DPoP proof JWT from the request's DPoP header.
    """
    htm: Annotated[str | None, Field(alias="htm")] = None
    """
    HTTP method of the request, for DPoP checking.
    """
    htu: Annotated[str | None, Field(alias="htu")] = None
    """
    URL of the grant management endpoint, for DPoP checking.
    """
    gm_action: Annotated[GrantManagementAction | None, Field(alias="gmAction")] = None
    grant_id: Annotated[str | None, Field(alias="grantId")] = None
    """
    ID of the grant to act on, taken from the request path.
    """
    dpop_nonce_required: Annotated[bool | None, Field(alias="dpopNonceRequired")] = None
    """
    Demand a nonce in the DPoP proof for this call, whatever the service setting.
    """


class GMResponseAction(OpenEnum):
    """
    HTTP response to send; OK means 200 with the grant, NO_CONTENT means 204, the others name an error.
    """

    OK = "OK"
    NO_CONTENT = "NO_CONTENT"
    UNAUTHORIZED = "UNAUTHORIZED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CALLER_ERROR = "CALLER_ERROR"
    AUTHLETE_ERROR = "AUTHLETE_ERROR"


class GMResponse(HttpOutcomeModel):
    """
    The response to return from the grant management endpoint.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[GMResponseAction | None, Field(alias="action")] = None
    """
    HTTP response to send; OK means 200 with the grant, NO_CONTENT means 204, the others name an error.
    """
    response_content: Annotated[str | None, Field(alias="responseContent")] = None
    """
    Body to send back (the grant as JSON, or error details).
    """
    dpop_nonce: Annotated[str | None, Field(alias="dpopNonce")] = None
    """
    Nonce to send in the DPoP-Nonce response header.
    """


class TokenGetListResponse(BaseModel):
    """
    One page of issued access tokens.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    start: Annotated[int | None, Field(alias="start", ge=-2147483648, le=2147483647)] = None
    """
    Index of the first token on this page.
    """
    end: Annotated[int | None, Field(alias="end", ge=-2147483648, le=2147483647)] = None
    """
    Index just past the last token on this page.
    """
    total_count: Annotated[int | None, Field(alias="totalCount", ge=-2147483648, le=2147483647)] = (
        None
    )
    """
    Number of tokens matching the filters, across all pages.
    """
    client: Annotated[ClientLimited | None, Field(alias="client")] = None
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the list was filtered by, if any.
    """
    access_tokens: Annotated[list[AccessToken] | None, Field(alias="accessTokens")] = None
    """
    The tokens on this page.
    """


class TokenCreateRequest(BaseModel):
    """
    Settings for an access token created outside any OAuth flow.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    grant_type: Annotated[GrantType, Field(alias="grantType")]
    client_id: Annotated[
        int, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ]
    """
    ID of the client the token is for.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token is for; required unless the grant type is CLIENT_CREDENTIALS.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the token should cover.
    """
    access_token_duration: Annotated[
        int | None,
        Field(alias="accessTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token lifetime in seconds; the service default when omitted or 0.
    """
    refresh_token_duration: Annotated[
        int | None,
        Field(alias="refreshTokenDuration", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token lifetime in seconds; the service default when omitted or 0.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties to attach to the token.
    """
    client_id_alias_used: Annotated[bool | None, Field(alias="clientIdAliasUsed")] = None
    """
    Record the client as having used its ID alias.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    Value for the new access token instead of a generated one.
    """
    refresh_token: Annotated[str | None, Field(alias="refreshToken")] = None
    """
    Value for the new refresh token instead of a generated one.
    """
    access_token_persistent: Annotated[bool | None, Field(alias="accessTokenPersistent")] = None
    """
    Make the access token never expire.
    """
    certificate_thumbprint: Annotated[str | None, Field(alias="certificateThumbprint")] = None
    """
    Bind the token to the client certificate with this thumbprint.
    """
    dpop_key_thumbprint: Annotated[str | None, Field(alias="dpopKeyThumbprint")] = None
    """
    Bind the token to the DPoP public key with this thumbprint.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    resources: Annotated[list[str] | None, Field(alias="resources")] = None
    """
    Resource indicators to bind the token to.
    """
    for_external_attachment: Annotated[bool | None, Field(alias="forExternalAttachment")] = None
    """
    Mark the token as usable for external attachments (OpenID Connect for Identity Assurance).
    """
    jwt_at_claims: Annotated[str | None, Field(alias="jwtAtClaims")] = None
    """
    Extra claims (a JSON object) to add to a JWT access token's payload.
    """
    acr: Annotated[str | None, Field(alias="acr")] = None
    """
    Authentication context class to record for the user.
    """
    auth_time: Annotated[
        int | None, Field(alias="authTime", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    When the user authenticated, in seconds since the Unix epoch.
    """
    client_entity_id_used: Annotated[bool | None, Field(alias="clientEntityIdUsed")] = None
    """
    Record the client as having used its entity ID.
    """
    client_identifier: Annotated[str | None, Field(alias="clientIdentifier")] = None
    """
    Client given by ID, alias or entity ID; used when clientId is not enough to pick it.
    """
    session_id: Annotated[str | None, Field(alias="sessionId")] = None
    """
    Login session of the user to tie the token to.
    """
    metadata_document_used: Annotated[bool | None, Field(alias="metadataDocumentUsed")] = None
    """
    Record the client as identified through a metadata document (CIMD).
    """


class TokenCreateResponseAction(OpenEnum):
    """
    Outcome category; OK means the token was created.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    BAD_REQUEST = "BAD_REQUEST"
    FORBIDDEN = "FORBIDDEN"
    OK = "OK"


class TokenCreateResponse(BaseModel):
    """
    The access token that was created.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[TokenCreateResponseAction | None, Field(alias="action")] = None
    """
    Outcome category; OK means the token was created.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    The new access token.
    """
    client_id: Annotated[
        int | None, Field(alias="clientId", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    ID of the client the token belongs to.
    """
    expires_at: Annotated[
        int | None, Field(alias="expiresAt", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Access token expiry, in milliseconds since the Unix epoch.
    """
    expires_in: Annotated[
        int | None, Field(alias="expiresIn", ge=-9223372036854775808, le=9223372036854775807)
    ] = None
    """
    Access token lifetime in seconds.
    """
    grant_type: Annotated[str | None, Field(alias="grantType")] = None
    """
    Grant type recorded for the token.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties attached to the token.
    """
    refresh_token: Annotated[str | None, Field(alias="refreshToken")] = None
    """
    The new refresh token, if one was created.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the token covers.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    User the token belongs to.
    """
    token_type: Annotated[str | None, Field(alias="tokenType")] = None
    """
    Token type, such as Bearer or DPoP.
    """
    jwt_access_token: Annotated[str | None, Field(alias="jwtAccessToken")] = None
    """
    JWT form of the access token, when the service issues JWT access tokens.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    for_external_attachment: Annotated[bool | None, Field(alias="forExternalAttachment")] = None
    """
    Whether the token is usable for external attachments.
    """
    token_id: Annotated[str | None, Field(alias="tokenId")] = None
    """
    Unique ID of the token, usable with token management update.
    """
    refresh_token_scopes: Annotated[list[str] | None, Field(alias="refreshTokenScopes")] = None
    """
    Scopes the refresh token covers.
    """
    client_identifier: Annotated[str | None, Field(alias="clientIdentifier")] = None
    """
    The client identifier given in the request.
    """
    session_id: Annotated[str | None, Field(alias="sessionId")] = None
    """
    Authentication session the token is tied to.
    """


class TokenCreateBatchResponse(BaseModel):
    """
    Acknowledgement of a batch token creation request.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    request_id: Annotated[str | None, Field(alias="requestId")] = None
    """
    ID to query the batch's progress with.
    """


class TokenCreateBatchStatusResponse(BaseModel):
    """
    Progress of a batch token creation request.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    status: Annotated[TokenBatchStatus | None, Field(alias="status")] = None


class TokenUpdateRequest(BaseModel):
    """
    Changes to apply to an existing access token.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    access_token: Annotated[str, Field(alias="accessToken")]
    """
    The access token to change (its value, or its hash when accessTokenHash is used).
    """
    access_token_expires_at: Annotated[
        int | None,
        Field(alias="accessTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    New access token expiry, in milliseconds since the Unix epoch.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    New set of scopes, replacing the current ones.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    New set of extra properties, replacing the current ones.
    """
    access_token_expires_at_updated_on_scope_update: Annotated[
        bool | None, Field(alias="accessTokenExpiresAtUpdatedOnScopeUpdate")
    ] = None
    """
    Recompute the access token expiry from the new scopes.
    """
    access_token_hash: Annotated[str | None, Field(alias="accessTokenHash")] = None
    """
    Hash of the access token, to identify it when its value is unknown.
    """
    access_token_value_updated: Annotated[bool | None, Field(alias="accessTokenValueUpdated")] = (
        None
    )
    """
    Give the access token a new value.
    """
    access_token_persistent: Annotated[bool | None, Field(alias="accessTokenPersistent")] = None
    """
    Make the access token never expire.
    """
    certificate_thumbprint: Annotated[str | None, Field(alias="certificateThumbprint")] = None
    """
    Bind the token to the client certificate with this thumbprint.
    """
    dpop_key_thumbprint: Annotated[str | None, Field(alias="dpopKeyThumbprint")] = None
    """
    Bind the token to the DPoP public key with this thumbprint.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    for_external_attachment: Annotated[bool | None, Field(alias="forExternalAttachment")] = None
    """
    Mark the token as usable for external attachments.
    """
    refresh_token_expires_at: Annotated[
        int | None,
        Field(alias="refreshTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    New refresh token expiry, in milliseconds since the Unix epoch.
    """
    refresh_token_expires_at_updated_on_scope_update: Annotated[
        bool | None, Field(alias="refreshTokenExpiresAtUpdatedOnScopeUpdate")
    ] = None
    """
    Recompute the refresh token expiry from the new scopes.
    """
    token_id: Annotated[str | None, Field(alias="tokenId")] = None
    """
    Unique ID of the token, as an alternative way to identify it.
    """


class TokenUpdateResponseAction(OpenEnum):
    """
    Outcome category; OK means the token was updated.
    """

    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    BAD_REQUEST = "BAD_REQUEST"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    OK = "OK"


class TokenUpdateResponse(BaseModel):
    """
    The access token after the update.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    action: Annotated[TokenUpdateResponseAction | None, Field(alias="action")] = None
    """
    Outcome category; OK means the token was updated.
    """
    access_token: Annotated[str | None, Field(alias="accessToken")] = None
    """
    The access token (new value if it was regenerated).
    """
    access_token_expires_at: Annotated[
        int | None,
        Field(alias="accessTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Access token expiry, in milliseconds since the Unix epoch.
    """
    properties: Annotated[list[Property] | None, Field(alias="properties")] = None
    """
    Extra properties now attached to the token.
    """
    scopes: Annotated[list[str] | None, Field(alias="scopes")] = None
    """
    Scopes the token now covers.
    """
    authorization_details: Annotated[AuthzDetails | None, Field(alias="authorizationDetails")] = (
        None
    )
    token_type: Annotated[str | None, Field(alias="tokenType")] = None
    """
    Token type, such as Bearer or DPoP.
    """
    for_external_attachment: Annotated[bool | None, Field(alias="forExternalAttachment")] = None
    """
    Whether the token is usable for external attachments.
    """
    token_id: Annotated[str | None, Field(alias="tokenId")] = None
    """
    Unique ID of the token.
    """
    refresh_token_expires_at: Annotated[
        int | None,
        Field(alias="refreshTokenExpiresAt", ge=-9223372036854775808, le=9223372036854775807),
    ] = None
    """
    Refresh token expiry, in milliseconds since the Unix epoch.
    """


class TokenRevokeRequest(BaseModel):
    """
    Which tokens to revoke; give one token identifier, or a client and/or subject.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    access_token_identifier: Annotated[str | None, Field(alias="accessTokenIdentifier")] = None
    """
    Access token to revoke, by value or hash.
    """
    refresh_token_identifier: Annotated[str | None, Field(alias="refreshTokenIdentifier")] = None
    """
    Refresh token whose access token should be revoked, by value or hash.
    """
    client_identifier: Annotated[str | None, Field(alias="clientIdentifier")] = None
    """
    Revoke tokens of this client, given by client ID or alias.
    """
    subject: Annotated[str | None, Field(alias="subject")] = None
    """
    Revoke tokens of this user.
    """


class TokenRevokeResponse(BaseModel):
    """
    How many tokens were revoked.
    """

    model_config = ConfigDict(
        defer_build=True,
        extra="allow",
        populate_by_name=True,
    )
    result_code: Annotated[str | None, Field(alias="resultCode")] = None
    """
    Authlete's code for the outcome.
    """
    result_message: Annotated[str | None, Field(alias="resultMessage")] = None
    """
    Human-readable explanation of the outcome.
    """
    count: Annotated[int | None, Field(alias="count")] = None
    """
    Number of access tokens revoked.
    """
