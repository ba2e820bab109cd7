"""Commands of `authlete token management`: List, create, update, revoke and delete access tokens, or reissue ID tokens."""

from typing import Annotated, Optional

import click
import typer

from ..runtime.app import AuthleteCommand
from ..runtime.command import run

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command(
    "batch-status",
    help="Get Batch Token Creation Status\n\nShow how a batch token creation is going: whether it finished, succeeded or failed, and how many tokens it made.",
    short_help="Get Batch Token Creation Status",
    epilog="Example:\n  authlete token management batch-status -s 715948317 --token-batch-request-id 6Tb3K0hJ8QmXyZ2pLr4sVd",
    cls=AuthleteCommand,
)
def batch_status_command(
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    token_batch_request_id: Annotated[
        Optional[str],
        typer.Option(
            "--token-batch-request-id",
            help="Request ID returned by `token management create-batch`. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
) -> None:
    run(
        "token management batch-status",
        {
            "service_id": service_id,
            "token_batch_request_id": token_batch_request_id,
        },
    )


@app.command(
    "create",
    help="Create Access Token\n\nMint an access token (and possibly a refresh token) directly, without running an OAuth flow. You choose the client, grant type, subject, scopes and lifetimes.",
    short_help="Create Access Token",
    epilog="Example:\n  authlete token management create -s 715948317 --client-id 26478243745571 --grant-type AUTHORIZATION_CODE",
    cls=AuthleteCommand,
)
def create_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="Value for the new access token instead of a generated one.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--access-token-duration",
            help="Access token lifetime in seconds; the service default when omitted or 0.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_persistent: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-persistent",
            help="Make the access token never expire.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    acr: Annotated[
        Optional[str],
        typer.Option(
            "--acr",
            help="Authentication context class to record for the user.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    auth_time: Annotated[
        Optional[int],
        typer.Option(
            "--auth-time",
            help="When the user authenticated, in seconds since the Unix epoch.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    authorization_details: Annotated[
        Optional[str],
        typer.Option(
            "--authorization-details",
            help="Rich authorization details (RFC 9396) bound to a token or grant.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    certificate_thumbprint: Annotated[
        Optional[str],
        typer.Option(
            "--certificate-thumbprint",
            help="Bind the token to the client certificate with this thumbprint.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_entity_id_used: Annotated[
        Optional[str],
        typer.Option(
            "--client-entity-id-used",
            help="Record the client as having used its entity ID.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_id: Annotated[
        Optional[int],
        typer.Option(
            "--client-id",
            help="ID of the client the token is for. [required]",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_id_alias_used: Annotated[
        Optional[str],
        typer.Option(
            "--client-id-alias-used",
            help="Record the client as having used its ID alias.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--client-identifier",
            help="Client given by ID, alias or entity ID; used when clientId is not enough to pick it.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    dpop_key_thumbprint: Annotated[
        Optional[str],
        typer.Option(
            "--dpop-key-thumbprint",
            help="Bind the token to the DPoP public key with this thumbprint.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    for_external_attachment: Annotated[
        Optional[str],
        typer.Option(
            "--for-external-attachment",
            help="Mark the token as usable for external attachments (OpenID Connect for Identity Assurance).",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    grant_type: Annotated[
        Optional[str],
        typer.Option(
            "--grant-type",
            help="OAuth grant type under which a token was obtained. [required]",
            metavar="AUTHORIZATION_CODE|IMPLICIT|PASSWORD|CLIENT_CREDENTIALS|REFRESH_TOKEN|CIBA|DEVICE_CODE|TOKEN_EXCHANGE|JWT_BEARER|PRE_AUTHORIZED_CODE",
            click_type=click.Choice(
                [
                    "AUTHORIZATION_CODE",
                    "IMPLICIT",
                    "PASSWORD",
                    "CLIENT_CREDENTIALS",
                    "REFRESH_TOKEN",
                    "CIBA",
                    "DEVICE_CODE",
                    "TOKEN_EXCHANGE",
                    "JWT_BEARER",
                    "PRE_AUTHORIZED_CODE",
                ]
            ),
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    jwt_at_claims: Annotated[
        Optional[str],
        typer.Option(
            "--jwt-at-claims",
            help="Extra claims (a JSON object) to add to a JWT access token's payload.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    metadata_document_used: Annotated[
        Optional[str],
        typer.Option(
            "--metadata-document-used",
            help="Record the client as identified through a metadata document (CIMD).",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    properties: Annotated[
        Optional[str],
        typer.Option(
            "--properties",
            help="Extra properties to attach to the token.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token: Annotated[
        Optional[str],
        typer.Option(
            "--refresh-token",
            help="Value for the new refresh token instead of a generated one.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--refresh-token-duration",
            help="Refresh token lifetime in seconds; the service default when omitted or 0.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    resources: Annotated[
        Optional[list[str]],
        typer.Option(
            "--resources",
            help="Resource indicators to bind the token to.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    scopes: Annotated[
        Optional[list[str]],
        typer.Option(
            "--scopes",
            help="Scopes the token should cover.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    session_id: Annotated[
        Optional[str],
        typer.Option(
            "--session-id",
            help="Login session of the user to tie the token to.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    subject: Annotated[
        Optional[str],
        typer.Option(
            "--subject",
            help="User the token is for; required unless the grant type is CLIENT_CREDENTIALS.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(
            "--body",
            help="The whole request body as JSON; '-' reads standard input, '@file.json' a file. Flags override its fields.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token management create",
        {
            "access_token": access_token,
            "access_token_duration": access_token_duration,
            "access_token_persistent": access_token_persistent,
            "acr": acr,
            "auth_time": auth_time,
            "authorization_details": authorization_details,
            "certificate_thumbprint": certificate_thumbprint,
            "client_entity_id_used": client_entity_id_used,
            "client_id": client_id,
            "client_id_alias_used": client_id_alias_used,
            "client_identifier": client_identifier,
            "dpop_key_thumbprint": dpop_key_thumbprint,
            "for_external_attachment": for_external_attachment,
            "grant_type": grant_type,
            "jwt_at_claims": jwt_at_claims,
            "metadata_document_used": metadata_document_used,
            "properties": properties,
            "refresh_token": refresh_token,
            "refresh_token_duration": refresh_token_duration,
            "resources": resources,
            "scopes": scopes,
            "service_id": service_id,
            "session_id": session_id,
            "subject": subject,
            "body": body,
        },
    )


@app.command(
    "create-batch",
    help="Create Access Tokens in Batch\n\nQueue the creation of many access tokens at once; each array element describes one token, like for `token management create`. The call returns a request ID right away; follow progress with `token management batch-status`.",
    short_help="Create Access Tokens in Batch",
    epilog='Example:\n  authlete token management create-batch -s 715948317 --body \'[{"grantType":"AUTHORIZATION_CODE","clientId":26478243745571,"subject":"john","scopes":["history.read"],"accessTokenDuration":3600},{"grantType":"CLIENT_CREDENTIALS","clientId":26478243745571,"scopes":["timeline.read"],"accessTokenDuration":600}]\'',
    cls=AuthleteCommand,
)
def create_batch_command(
    batch_dry_run: Annotated[
        Optional[str],
        typer.Option(
            "--batch-dry-run",
            help="Validate the batch without creating any token.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(
            "--body",
            help="The request body: a JSON array; '-' reads standard input, '@file.json' a file. [required]",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token management create-batch",
        {
            "batch_dry_run": batch_dry_run,
            "service_id": service_id,
            "body": body,
        },
    )


@app.command(
    "delete",
    help="Delete Access Token\n\nPermanently remove one access token (and its refresh token). Prints nothing on success.",
    short_help="Delete Access Token",
    epilog="Example:\n  authlete token management delete --access-token-identifier Z5a40U6dWvw2gMoCOAFbZcM85q4HC0Z--0YKD9-Nf6Q -s 715948317",
    cls=AuthleteCommand,
)
def delete_command(
    access_token_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-identifier",
            help="The access token to delete, given by its value or its hash. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
) -> None:
    run(
        "token management delete",
        {
            "access_token_identifier": access_token_identifier,
            "service_id": service_id,
        },
    )


@app.command(
    "list",
    help="List Issued Tokens\n\nPage through the access tokens a service has issued, optionally narrowed to one client and/or one subject. The `start`/`end` pair selects a slice of the full result set.",
    short_help="List Issued Tokens",
    epilog="Example:\n  authlete token management list -s 715948317",
    cls=AuthleteCommand,
)
def list_command(
    client_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--client-identifier",
            help="Only list tokens of this client, given by client ID or client ID alias.",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    end: Annotated[
        Optional[int],
        typer.Option(
            "--end",
            help="Index just past the last token to return (exclusive).",
            metavar="int",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    start: Annotated[
        Optional[int],
        typer.Option(
            "--start",
            help="Index of the first token to return (0-based, inclusive).",
            metavar="int",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    subject: Annotated[
        Optional[str],
        typer.Option(
            "--subject",
            help="Only list tokens issued for this user (resource owner) ID.",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
) -> None:
    run(
        "token management list",
        {
            "client_identifier": client_identifier,
            "end": end,
            "service_id": service_id,
            "start": start,
            "subject": subject,
        },
    )


@app.command(
    "reissue-id-token",
    help="Reissue ID Token\n\nMint a fresh ID token during a refresh token flow. Use it after `token process` answered with action ID_TOKEN_REISSUABLE; the result carries the token response, now including the new ID token.",
    short_help="Reissue ID Token",
    epilog="Example:\n  authlete token management reissue-id-token -s 715948317 --access-token C4SrUTijIj2IxqE1xBASr3dxQWgso3BpY49g8CyjGjQ --refresh-token 60k0cZ38sJcpTgdxvG9Sqa-3RG5AmGExGpFB-1imSxo",
    cls=AuthleteCommand,
)
def reissue_id_token_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="Access token just issued by the refresh token flow. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    claims: Annotated[
        Optional[str],
        typer.Option(
            "--claims",
            help="Extra claims for the ID token, as a JSON object string.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    id_token_aud_type: Annotated[
        Optional[str],
        typer.Option(
            "--id-token-aud-type",
            help="Form of the aud claim, array or string.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    idt_header_params: Annotated[
        Optional[str],
        typer.Option(
            "--idt-header-params",
            help="Extra JOSE header parameters for the ID token, as a JSON object string.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token: Annotated[
        Optional[str],
        typer.Option(
            "--refresh-token",
            help="Refresh token presented in that flow. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    sub: Annotated[
        Optional[str],
        typer.Option(
            "--sub",
            help="Value for the ID token's sub claim, overriding the user ID.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(
            "--body",
            help="The whole request body as JSON; '-' reads standard input, '@file.json' a file. Flags override its fields.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token management reissue-id-token",
        {
            "access_token": access_token,
            "claims": claims,
            "id_token_aud_type": id_token_aud_type,
            "idt_header_params": idt_header_params,
            "refresh_token": refresh_token,
            "service_id": service_id,
            "sub": sub,
            "body": body,
        },
    )


@app.command(
    "revoke",
    help="Revoke Access Token\n\nRevoke access tokens: a single one by its access or refresh token, or all tokens of a client and/or subject. Reports how many were revoked.",
    short_help="Revoke Access Token",
    epilog="Example:\n  authlete token management revoke -s 715948317",
    cls=AuthleteCommand,
)
def revoke_command(
    access_token_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-identifier",
            help="Access token to revoke, by value or hash.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--client-identifier",
            help="Revoke tokens of this client, given by client ID or alias.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_identifier: Annotated[
        Optional[str],
        typer.Option(
            "--refresh-token-identifier",
            help="Refresh token whose access token should be revoked, by value or hash.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    subject: Annotated[
        Optional[str],
        typer.Option(
            "--subject",
            help="Revoke tokens of this user.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(
            "--body",
            help="The whole request body as JSON; '-' reads standard input, '@file.json' a file. Flags override its fields.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token management revoke",
        {
            "access_token_identifier": access_token_identifier,
            "client_identifier": client_identifier,
            "refresh_token_identifier": refresh_token_identifier,
            "service_id": service_id,
            "subject": subject,
            "body": body,
        },
    )


@app.command(
    "update",
    help="Update Access Token\n\nChange an existing access token: its expiry, scopes, extra properties, authorization details or certificate/DPoP binding. Only the fields you send are changed.",
    short_help="Update Access Token",
    epilog="Example:\n  authlete token management update -s 715948317 --access-token Z5a40U6dWvw2gMoCOAFbZcM85q4HC0Z--0YKD9-Nf6Q",
    cls=AuthleteCommand,
)
def update_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="The access token to change (its value, or its hash when accessTokenHash is used). [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_expires_at: Annotated[
        Optional[int],
        typer.Option(
            "--access-token-expires-at",
            help="New access token expiry, in milliseconds since the Unix epoch.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_expires_at_updated_on_scope_update: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-expires-at-updated-on-scope-update",
            help="Recompute the access token expiry from the new scopes.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_hash: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-hash",
            help="Hash of the access token, to identify it when its value is unknown.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_persistent: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-persistent",
            help="Make the access token never expire.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_value_updated: Annotated[
        Optional[str],
        typer.Option(
            "--access-token-value-updated",
            help="Give the access token a new value.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    authorization_details: Annotated[
        Optional[str],
        typer.Option(
            "--authorization-details",
            help="Rich authorization details (RFC 9396) bound to a token or grant.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    certificate_thumbprint: Annotated[
        Optional[str],
        typer.Option(
            "--certificate-thumbprint",
            help="Bind the token to the client certificate with this thumbprint.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    dpop_key_thumbprint: Annotated[
        Optional[str],
        typer.Option(
            "--dpop-key-thumbprint",
            help="Bind the token to the DPoP public key with this thumbprint.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    for_external_attachment: Annotated[
        Optional[str],
        typer.Option(
            "--for-external-attachment",
            help="Mark the token as usable for external attachments.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    properties: Annotated[
        Optional[str],
        typer.Option(
            "--properties",
            help="New set of extra properties, replacing the current ones.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_expires_at: Annotated[
        Optional[int],
        typer.Option(
            "--refresh-token-expires-at",
            help="New refresh token expiry, in milliseconds since the Unix epoch.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_expires_at_updated_on_scope_update: Annotated[
        Optional[str],
        typer.Option(
            "--refresh-token-expires-at-updated-on-scope-update",
            help="Recompute the refresh token expiry from the new scopes.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    scopes: Annotated[
        Optional[list[str]],
        typer.Option(
            "--scopes",
            help="New set of scopes, replacing the current ones.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    service_id: Annotated[
        Optional[str],
        typer.Option(
            "--service-id",
            "-s",
            help="ID of the Authlete service to operate on. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Parameters",
        ),
    ] = None,
    token_id: Annotated[
        Optional[str],
        typer.Option(
            "--token-id",
            help="Unique ID of the token, as an alternative way to identify it.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    body: Annotated[
        Optional[str],
        typer.Option(
            "--body",
            help="The whole request body as JSON; '-' reads standard input, '@file.json' a file. Flags override its fields.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token management update",
        {
            "access_token": access_token,
            "access_token_expires_at": access_token_expires_at,
            "access_token_expires_at_updated_on_scope_update": access_token_expires_at_updated_on_scope_update,
            "access_token_hash": access_token_hash,
            "access_token_persistent": access_token_persistent,
            "access_token_value_updated": access_token_value_updated,
            "authorization_details": authorization_details,
            "certificate_thumbprint": certificate_thumbprint,
            "dpop_key_thumbprint": dpop_key_thumbprint,
            "for_external_attachment": for_external_attachment,
            "properties": properties,
            "refresh_token_expires_at": refresh_token_expires_at,
            "refresh_token_expires_at_updated_on_scope_update": refresh_token_expires_at_updated_on_scope_update,
            "scopes": scopes,
            "service_id": service_id,
            "token_id": token_id,
            "body": body,
        },
    )
