"""What the spec's own extensions ask of this package: x-http-response and x-cli-oauth.

Read by runtime/http_outcome.py (``-o http`` and the models' ``http_response()``)
and by runtime/oauth.py; nothing else looks at them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads this module at start-up: no pydantic import here
    from .runtime.http_outcome import MappingSpec

# Response model class name -> how each value of its selector maps to an HTTP response.
MAPPINGS: dict[str, MappingSpec] = {
    "GMResponse": {
        "selector": "action",
        "actions": {
            "AUTHLETE_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "CALLER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "FORBIDDEN": {
                "status": 403,
                "reason": "Forbidden",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "NOT_FOUND": {
                "status": 404,
                "reason": "Not Found",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "NO_CONTENT": {
                "status": 204,
                "reason": "No Content",
                "headers": [
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "OK": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "UNAUTHORIZED": {
                "status": 401,
                "reason": "Unauthorized",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
        },
    },
    "IntrospectionResponse": {
        "selector": "action",
        "actions": {
            "BAD_REQUEST": {
                "status": 400,
                "reason": "Bad Request",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "FORBIDDEN": {
                "status": 403,
                "reason": "Forbidden",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "INTERNAL_SERVER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
            "OK": {
                "status": None,
                "reason": "",
                "headers": [],
                "body": None,
                "decide": "The access token is valid: serve the protected resource yourself (with the DPoP-Nonce header when the answer has dpopNonce). To refuse the request anyway, answer 400 with responseContent as the WWW-Authenticate value.",
            },
            "UNAUTHORIZED": {
                "status": 401,
                "reason": "Unauthorized",
                "headers": [
                    {
                        "name": "WWW-Authenticate",
                        "source": "field",
                        "value": "responseContent",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": None,
                "decide": "",
            },
        },
    },
    "StandardIntrospectionResponse": {
        "selector": "action",
        "actions": {
            "BAD_REQUEST": {
                "status": 400,
                "reason": "Bad Request",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "INTERNAL_SERVER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "JWT": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/token-introspection+jwt",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "OK": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
        },
    },
    "TokenFailResponse": {
        "selector": "action",
        "actions": {
            "BAD_REQUEST": {
                "status": 400,
                "reason": "Bad Request",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "INTERNAL_SERVER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
        },
    },
    "TokenIssueResponse": {
        "selector": "action",
        "actions": {
            "INTERNAL_SERVER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "OK": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
        },
    },
    "TokenResponse": {
        "selector": "action",
        "actions": {
            "BAD_REQUEST": {
                "status": 400,
                "reason": "Bad Request",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "ID_TOKEN_REISSUABLE": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "INTERNAL_SERVER_ERROR": {
                "status": 500,
                "reason": "Internal Server Error",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "INVALID_CLIENT": {
                "status": 401,
                "reason": "Unauthorized",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "WWW-Authenticate",
                        "source": "value",
                        "value": 'Basic realm="token"',
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "JWT_BEARER": {
                "status": None,
                "reason": "",
                "headers": [],
                "body": None,
                "decide": "JWT authorization grant (RFC 7523): Authlete checked the assertion's claims but not its signature. Verify the assertion's signature with its issuer's key and apply your policy, then issue a token (for instance with `token management create`) and build the token response yourself, or answer 400 with error invalid_grant.",
            },
            "NATIVE_SSO": {
                "status": None,
                "reason": "",
                "headers": [],
                "body": None,
                "decide": "Native SSO: the request asks for a device secret. Call Authlete's /nativesso API with the accessToken, deviceSecret and related fields of this answer and send the response it maps to.",
            },
            "OK": {
                "status": 200,
                "reason": "OK",
                "headers": [
                    {
                        "name": "Content-Type",
                        "source": "value",
                        "value": "application/json",
                    },
                    {
                        "name": "Cache-Control",
                        "source": "value",
                        "value": "no-store",
                    },
                    {
                        "name": "Pragma",
                        "source": "value",
                        "value": "no-cache",
                    },
                    {
                        "name": "DPoP-Nonce",
                        "source": "field",
                        "value": "dpopNonce",
                    },
                ],
                "body": "responseContent",
                "decide": "",
            },
            "PASSWORD": {
                "status": None,
                "reason": "",
                "headers": [],
                "body": None,
                "decide": "Resource owner password grant: check the username and password of the answer yourself, then call `token issue` with its ticket and the user's subject (credentials good) or `token fail` with its ticket and --reason INVALID_RESOURCE_OWNER_CREDENTIALS (credentials bad), and send the response that call maps to.",
            },
            "TOKEN_EXCHANGE": {
                "status": None,
                "reason": "",
                "headers": [],
                "body": None,
                "decide": "Token exchange (RFC 8693): Authlete checked the request but leaves the decision to you. Apply your own policy to subjectTokenInfo and actorTokenInfo, then issue a token (for instance with `token management create`) and build the token response yourself, or answer 400 with error invalid_request.",
            },
        },
    },
}

# The `oauth` helper commands are on (x-cli-oauth at the spec's root).
OAUTH_HELPERS = True

# Commands that take --client-assertion-key and add client_assertion to their form parameters.
CLIENT_ASSERTION_COMMANDS: tuple[str, ...] = ("token process",)
