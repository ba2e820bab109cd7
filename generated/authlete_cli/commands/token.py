"""Commands of `authlete token`: Delegate token endpoint requests to Authlete and manage issued tokens."""

from typing import Annotated, Optional

import click
import typer

from ..runtime.app import AuthleteCommand
from ..runtime.command import run

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command(
    "fail",
    help="Fail Token Request\n\nAbort a password-grant token request and get the error response to return to the client. Call it with the ticket from `token process` when the resource owner's credentials did not check out (or the request must be refused for another reason).",
    short_help="Fail Token Request",
    epilog="Example:\n  authlete token fail -s 715948317 --reason INVALID_RESOURCE_OWNER_CREDENTIALS --ticket 83BNqKIhGMyrkvop_7jQjv2Z1612LNdGSQKkvkrf47c",
    cls=AuthleteCommand,
)
def fail_command(
    reason: Annotated[
        Optional[str],
        typer.Option(
            "--reason",
            help="Reason for refusing; decides the error returned to the client. [required]",
            metavar="UNKNOWN|INVALID_RESOURCE_OWNER_CREDENTIALS|INVALID_TARGET",
            click_type=click.Choice(
                ["UNKNOWN", "INVALID_RESOURCE_OWNER_CREDENTIALS", "INVALID_TARGET"]
            ),
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
    ticket: Annotated[
        Optional[str],
        typer.Option(
            "--ticket",
            help="Ticket from the token process response. [required]",
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
        "token fail",
        {
            "reason": reason,
            "service_id": service_id,
            "ticket": ticket,
            "body": body,
        },
    )


@app.command(
    "issue",
    help="Issue Token Response\n\nComplete a password-grant token request by issuing the tokens. Call it with the ticket from `token process` once you have verified the resource owner's credentials, naming the authenticated user as subject.",
    short_help="Issue Token Response",
    epilog="Example:\n  authlete token issue -s 715948317 --subject john --ticket 83BNqKIhGMyrkvop_7jQjv2Z1612LNdGSQKkvkrf47c",
    cls=AuthleteCommand,
)
def issue_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="Value to use for the new access token instead of a generated one.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--access-token-duration",
            help="Access token lifetime in seconds for this call; ignored unless positive.",
            metavar="int",
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
    properties: Annotated[
        Optional[str],
        typer.Option(
            "--properties",
            help="Extra properties to attach to the access token.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--refresh-token-duration",
            help="Refresh token lifetime in seconds for this call; ignored unless positive.",
            metavar="int",
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
            help="ID of the user the tokens are for. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    ticket: Annotated[
        Optional[str],
        typer.Option(
            "--ticket",
            help="Ticket from the token process response. [required]",
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
        "token issue",
        {
            "access_token": access_token,
            "access_token_duration": access_token_duration,
            "jwt_at_claims": jwt_at_claims,
            "properties": properties,
            "refresh_token_duration": refresh_token_duration,
            "service_id": service_id,
            "subject": subject,
            "ticket": ticket,
            "body": body,
        },
    )


@app.command(
    "process",
    help="Process Token Request\n\nPass a token request received by your token endpoint to Authlete and learn what to answer. Authlete authenticates the client, checks the grant and, when everything is in order, issues the tokens. The `action` field of the result says what to do next and `responseContent` holds the body to send back to the client.",
    short_help="Process Token Request",
    epilog="Example:\n  authlete token process -s 715948317 --parameters 'grant_type=authorization_code&code=Xv_su944auuBgc5mfUnxXayiiQU9Z4-T_Yae_UfExmo&redirect_uri=https%3A%2F%2Fmy-client.example.com%2Fcb1&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'",
    cls=AuthleteCommand,
)
def process_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="Value to use for the new access token instead of a generated one.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    access_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--access-token-duration",
            help="Access token lifetime in seconds for this call; ignored unless positive.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    cimd_options: Annotated[
        Optional[str],
        typer.Option(
            "--cimd-options",
            help="Per-call overrides for OAuth Client ID Metadata Document (CIMD) handling.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_certificate: Annotated[
        Optional[str],
        typer.Option(
            "--client-certificate",
            help="PEM certificate the client presented in the mutual-TLS handshake.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_certificate_path: Annotated[
        Optional[list[str]],
        typer.Option(
            "--client-certificate-path",
            help="PEM certificates of the chain the client presented after its own certificate.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_id: Annotated[
        Optional[str],
        typer.Option(
            "--client-id",
            help="Client ID from the Authorization header, when the client used HTTP Basic authentication.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_secret: Annotated[
        Optional[str],
        typer.Option(
            "--client-secret",
            help="Client secret from the Authorization header, when the client used HTTP Basic authentication.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    dpop: Annotated[
        Optional[str],
        typer.Option(
            "--dpop",
            help="The DPoP proof JWT from the request's DPoP header.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    dpop_nonce_required: Annotated[
        Optional[str],
        typer.Option(
            "--dpop-nonce-required",
            help="Demand a nonce in the DPoP proof for this call, whatever the service setting.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htm: Annotated[
        Optional[str],
        typer.Option(
            "--htm",
            help="HTTP method the DPoP proof must match; POST when omitted.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htu: Annotated[
        Optional[str],
        typer.Option(
            "--htu",
            help="Token endpoint URL the DPoP proof must match; the service's configured endpoint when omitted.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    jwt_at_claims: Annotated[
        Optional[str],
        typer.Option(
            "--jwt-at-claims",
            "-j",
            help="Extra claims (a JSON object) to add to a JWT access token's payload.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    oauth_client_attestation: Annotated[
        Optional[str],
        typer.Option(
            "--oauth-client-attestation",
            help="Content of the OAuth-Client-Attestation header (attestation-based client authentication).",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    oauth_client_attestation_pop: Annotated[
        Optional[str],
        typer.Option(
            "--oauth-client-attestation-pop",
            help="Content of the OAuth-Client-Attestation-PoP header (attestation-based client authentication).",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    parameters: Annotated[
        Optional[str],
        typer.Option(
            "--parameters",
            help="The form-encoded body the client sent to your token endpoint, passed through unchanged (grant_type=...&code=...). [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    properties: Annotated[
        Optional[str],
        typer.Option(
            "--properties",
            help="Extra properties to attach to the issued token, as a JSON array of {key, value, hidden}.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    refresh_token_duration: Annotated[
        Optional[int],
        typer.Option(
            "--refresh-token-duration",
            "-r",
            help="Refresh token lifetime in seconds for this call; ignored unless positive.",
            metavar="int",
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
    param: Annotated[
        Optional[list[str]],
        typer.Option(
            "--param",
            help="One form parameter of --parameters as KEY=VALUE, URL-encoded for you; repeat it for each parameter.",
            metavar="KEY=VALUE",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
) -> None:
    run(
        "token process",
        {
            "access_token": access_token,
            "access_token_duration": access_token_duration,
            "cimd_options": cimd_options,
            "client_certificate": client_certificate,
            "client_certificate_path": client_certificate_path,
            "client_id": client_id,
            "client_secret": client_secret,
            "dpop": dpop,
            "dpop_nonce_required": dpop_nonce_required,
            "htm": htm,
            "htu": htu,
            "jwt_at_claims": jwt_at_claims,
            "oauth_client_attestation": oauth_client_attestation,
            "oauth_client_attestation_pop": oauth_client_attestation_pop,
            "parameters": parameters,
            "properties": properties,
            "refresh_token_duration": refresh_token_duration,
            "service_id": service_id,
            "body": body,
            "param": param,
        },
    )
