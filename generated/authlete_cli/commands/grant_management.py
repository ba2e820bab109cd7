"""Commands of `authlete grant-management`: Serve Grant Management for OAuth 2.0 requests (query or revoke grants)."""

from typing import Annotated, Optional

import click
import typer

from ..runtime.app import AuthleteCommand
from ..runtime.command import run

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command(
    "process-request",
    help="Process Grant Management Request\n\nHandle a request to your Grant Management for OAuth 2.0 endpoint. Forward the access token the client presented together with the grant ID and the action (query or revoke); `action` and `responseContent` describe the HTTP response to return.",
    short_help="Process Grant Management Request",
    epilog="Example:\n  authlete grant-management process-request -s 715948317 --access-token 2bJk4Ym5tyIuHP9nt6A4n4bYeawZMi8nDjvM3qBd1tE",
    cls=AuthleteCommand,
)
def process_request_command(
    access_token: Annotated[
        Optional[str],
        typer.Option(
            "--access-token",
            help="Access token the client presented to the grant management endpoint. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    client_certificate: Annotated[
        Optional[str],
        typer.Option(
            "--client-certificate",
            help="PEM client certificate from mutual TLS, for checking certificate-bound tokens.",
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
    gm_action: Annotated[
        Optional[str],
        typer.Option(
            "--gm-action",
            help="What a Grant Management request asks to do with the grant.",
            metavar="CREATE|QUERY|REPLACE|REVOKE|MERGE",
            click_type=click.Choice(["CREATE", "QUERY", "REPLACE", "REVOKE", "MERGE"]),
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    grant_id: Annotated[
        Optional[str],
        typer.Option(
            "--grant-id",
            help="ID of the grant to act on, taken from the request path.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htm: Annotated[
        Optional[str],
        typer.Option(
            "--htm",
            help="HTTP method of the request, for DPoP checking.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htu: Annotated[
        Optional[str],
        typer.Option(
            "--htu",
            help="URL of the grant management endpoint, for DPoP checking.",
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
        "grant-management process-request",
        {
            "access_token": access_token,
            "client_certificate": client_certificate,
            "dpop": dpop,
            "dpop_nonce_required": dpop_nonce_required,
            "gm_action": gm_action,
            "grant_id": grant_id,
            "htm": htm,
            "htu": htu,
            "service_id": service_id,
            "body": body,
        },
    )
