"""The request checks of `authlete grant-management`: its request models as plain data.

Read by runtime/request_check.py when one of these commands builds a body, so
that a dry run (or a request) need not import pydantic; see generator/checks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime.surface import BodyCheck

CHECKS: dict[str, BodyCheck] = {
    "GMRequest": {
        "root": "GMRequest",
        "models": {
            "GMRequest": [
                {
                    "wire": "accessToken",
                    "name": "access_token",
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
                    "wire": "gmAction",
                    "name": "gm_action",
                    "required": False,
                    "shape": {
                        "type": "enum",
                        "nullable": True,
                        "items": None,
                        "ref": "GrantManagementAction",
                        "range": None,
                    },
                },
                {
                    "wire": "grantId",
                    "name": "grant_id",
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
            ],
        },
        "enums": {
            "GrantManagementAction": {
                "values": [
                    "CREATE",
                    "QUERY",
                    "REPLACE",
                    "REVOKE",
                    "MERGE",
                ],
                "open": True,
            },
        },
    },
}
