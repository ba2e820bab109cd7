"""The request checks of `authlete token`: its request models as plain data.

Read by runtime/request_check.py when one of these commands builds a body, so
that a dry run (or a request) need not import pydantic; see generator/checks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime.surface import BodyCheck

CHECKS: dict[str, BodyCheck] = {
    "TokenFailRequest": {
        "root": "TokenFailRequest",
        "models": {
            "TokenFailRequest": [
                {
                    "wire": "ticket",
                    "name": "ticket",
                    "required": True,
                    "shape": {
                        "type": "string",
                        "nullable": False,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "reason",
                    "name": "reason",
                    "required": True,
                    "shape": {
                        "type": "enum",
                        "nullable": False,
                        "items": None,
                        "ref": "TokenFailRequestReason",
                        "range": None,
                    },
                },
            ],
        },
        "enums": {
            "TokenFailRequestReason": {
                "values": [
                    "UNKNOWN",
                    "INVALID_RESOURCE_OWNER_CREDENTIALS",
                    "INVALID_TARGET",
                ],
                "open": True,
            },
        },
    },
    "TokenIssueRequest": {
        "root": "TokenIssueRequest",
        "models": {
            "Property": [
                {
                    "wire": "key",
                    "name": "key",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "value",
                    "name": "value",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "hidden",
                    "name": "hidden",
                    "required": False,
                    "shape": {
                        "type": "boolean",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
            ],
            "TokenIssueRequest": [
                {
                    "wire": "ticket",
                    "name": "ticket",
                    "required": True,
                    "shape": {
                        "type": "string",
                        "nullable": False,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "subject",
                    "name": "subject",
                    "required": True,
                    "shape": {
                        "type": "string",
                        "nullable": False,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "properties",
                    "name": "properties",
                    "required": False,
                    "shape": {
                        "type": "array",
                        "nullable": True,
                        "items": {
                            "type": "model",
                            "nullable": False,
                            "items": None,
                            "ref": "Property",
                            "range": None,
                        },
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "jwtAtClaims",
                    "name": "jwt_at_claims",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "accessToken",
                    "name": "access_token",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "accessTokenDuration",
                    "name": "access_token_duration",
                    "required": False,
                    "shape": {
                        "type": "integer",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": [
                            -9223372036854775808,
                            9223372036854775807,
                        ],
                    },
                },
                {
                    "wire": "refreshTokenDuration",
                    "name": "refresh_token_duration",
                    "required": False,
                    "shape": {
                        "type": "integer",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": [
                            -9223372036854775808,
                            9223372036854775807,
                        ],
                    },
                },
            ],
        },
        "enums": {},
    },
    "TokenRequest": {
        "root": "TokenRequest",
        "models": {
            "CimdOptions": [
                {
                    "wire": "alwaysRetrieved",
                    "name": "always_retrieved",
                    "required": False,
                    "shape": {
                        "type": "boolean",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "httpPermitted",
                    "name": "http_permitted",
                    "required": False,
                    "shape": {
                        "type": "boolean",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "queryPermitted",
                    "name": "query_permitted",
                    "required": False,
                    "shape": {
                        "type": "boolean",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
            ],
            "TokenRequest": [
                {
                    "wire": "parameters",
                    "name": "parameters",
                    "required": True,
                    "shape": {
                        "type": "string",
                        "nullable": False,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "clientId",
                    "name": "client_id",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "clientSecret",
                    "name": "client_secret",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "clientCertificate",
                    "name": "client_certificate",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "clientCertificatePath",
                    "name": "client_certificate_path",
                    "required": False,
                    "shape": {
                        "type": "array",
                        "nullable": True,
                        "items": {
                            "type": "string",
                            "nullable": False,
                            "items": None,
                            "ref": None,
                            "range": None,
                        },
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "properties",
                    "name": "properties",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "dpop",
                    "name": "dpop",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "htm",
                    "name": "htm",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "htu",
                    "name": "htu",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "accessToken",
                    "name": "access_token",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "jwtAtClaims",
                    "name": "jwt_at_claims",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "oauthClientAttestation",
                    "name": "oauth_client_attestation",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "oauthClientAttestationPop",
                    "name": "oauth_client_attestation_pop",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "accessTokenDuration",
                    "name": "access_token_duration",
                    "required": False,
                    "shape": {
                        "type": "integer",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": [
                            -9223372036854775808,
                            9223372036854775807,
                        ],
                    },
                },
                {
                    "wire": "refreshTokenDuration",
                    "name": "refresh_token_duration",
                    "required": False,
                    "shape": {
                        "type": "integer",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": [
                            -9223372036854775808,
                            9223372036854775807,
                        ],
                    },
                },
                {
                    "wire": "dpopNonceRequired",
                    "name": "dpop_nonce_required",
                    "required": False,
                    "shape": {
                        "type": "boolean",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "cimdOptions",
                    "name": "cimd_options",
                    "required": False,
                    "shape": {
                        "type": "model",
                        "nullable": True,
                        "items": None,
                        "ref": "CimdOptions",
                        "range": None,
                    },
                },
            ],
        },
        "enums": {},
    },
}
