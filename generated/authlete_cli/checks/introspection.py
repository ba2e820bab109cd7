"""The request checks of `authlete introspection`: its request models as plain data.

Read by runtime/request_check.py when one of these commands builds a body, so
that a dry run (or a request) need not import pydantic; see generator/checks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime.surface import BodyCheck

CHECKS: dict[str, BodyCheck] = {
    "IntrospectionRequest": {
        "root": "IntrospectionRequest",
        "models": {
            "IntrospectionRequest": [
                {
                    "wire": "token",
                    "name": "token",
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
                    "wire": "scopes",
                    "name": "scopes",
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
                    "wire": "subject",
                    "name": "subject",
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
                    "wire": "resources",
                    "name": "resources",
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
                    "wire": "acrValues",
                    "name": "acr_values",
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
                    "wire": "maxAge",
                    "name": "max_age",
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
                    "wire": "requiredComponents",
                    "name": "required_components",
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
                    "wire": "uri",
                    "name": "uri",
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
                    "wire": "message",
                    "name": "message",
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
                    "wire": "headers",
                    "name": "headers",
                    "required": False,
                    "shape": {
                        "type": "array",
                        "nullable": True,
                        "items": {
                            "type": "model",
                            "nullable": False,
                            "items": None,
                            "ref": "Pair",
                            "range": None,
                        },
                        "ref": None,
                        "range": None,
                    },
                },
                {
                    "wire": "targetUri",
                    "name": "target_uri",
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
                    "wire": "requestBodyContained",
                    "name": "request_body_contained",
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
            "Pair": [
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
            ],
        },
        "enums": {},
    },
    "StandardIntrospectionRequest": {
        "root": "StandardIntrospectionRequest",
        "models": {
            "StandardIntrospectionRequest": [
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
                    "wire": "withHiddenProperties",
                    "name": "with_hidden_properties",
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
                    "wire": "rsUri",
                    "name": "rs_uri",
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
                    "wire": "httpAcceptHeader",
                    "name": "http_accept_header",
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
                    "wire": "introspectionSignAlg",
                    "name": "introspection_sign_alg",
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
                    "wire": "introspectionEncryptionAlg",
                    "name": "introspection_encryption_alg",
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
                    "wire": "introspectionEncryptionEnc",
                    "name": "introspection_encryption_enc",
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
                    "wire": "sharedKeyForSign",
                    "name": "shared_key_for_sign",
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
                    "wire": "sharedKeyForEncryption",
                    "name": "shared_key_for_encryption",
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
                    "wire": "publicKeyForEncryption",
                    "name": "public_key_for_encryption",
                    "required": False,
                    "shape": {
                        "type": "string",
                        "nullable": True,
                        "items": None,
                        "ref": None,
                        "range": None,
                    },
                },
            ],
        },
        "enums": {},
    },
}
