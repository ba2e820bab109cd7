"""Commands of `authlete introspection`: Validate access tokens for resource servers and introspection endpoints."""

from typing import Annotated, Optional

import click
import typer

from ..runtime.app import AuthleteCommand
from ..runtime.command import run

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command(
    "process",
    help="Process Introspection Request\n\nCheck an access token presented to your resource server. Authlete reports whether the token exists, is unexpired and covers the required scopes, and checks sender constraints (mutual-TLS certificate binding, DPoP). Follow `action` to decide whether to serve the request; `responseContent` holds a ready-made WWW-Authenticate value on failure.",
    short_help="Process Introspection Request",
    epilog="Example:\n  authlete introspection process -s 715948317 --token VFGsNK-5sXiqterdaR7b5QbRX9VTwVCQB87jgiGSXA4",
    cls=AuthleteCommand,
)
def process_command(
    acr_values: Annotated[
        Optional[list[str]],
        typer.Option(
            "--acr-values",
            help="Authentication context classes, one of which the user must have been authenticated with.",
            metavar="stringArray",
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
    headers: Annotated[
        Optional[str],
        typer.Option(
            "--headers",
            help="Headers of the request to the resource, for HTTP message signature checking.\n\nGive the value as JSON.",
            metavar="JSON",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htm: Annotated[
        Optional[str],
        typer.Option(
            "--htm",
            help="HTTP method of the request to the resource, for DPoP checking.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    htu: Annotated[
        Optional[str],
        typer.Option(
            "--htu",
            help="URL of the resource endpoint, for DPoP checking.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    max_age: Annotated[
        Optional[int],
        typer.Option(
            "--max-age",
            help="Maximum time in seconds since the user authenticated.",
            metavar="int",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    message: Annotated[
        Optional[str],
        typer.Option(
            "--message",
            help="Body of the request to the resource, for HTTP message signature checking.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    request_body_contained: Annotated[
        Optional[str],
        typer.Option(
            "--request-body-contained",
            help="Whether the request to the resource carried a body.",
            metavar="bool",
            click_type=click.BOOL,
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    required_components: Annotated[
        Optional[list[str]],
        typer.Option(
            "--required-components",
            help="HTTP message components that the request signature must cover.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    resources: Annotated[
        Optional[list[str]],
        typer.Option(
            "--resources",
            help="Resource indicators the token must be bound to.",
            metavar="stringArray",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    scopes: Annotated[
        Optional[list[str]],
        typer.Option(
            "--scopes",
            help="Scopes the token must cover for the request to be allowed.",
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
    subject: Annotated[
        Optional[str],
        typer.Option(
            "--subject",
            help="User the token must belong to.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    target_uri: Annotated[
        Optional[str],
        typer.Option(
            "--target-uri",
            help="URL of the resource being accessed, when it differs from uri.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    token: Annotated[
        Optional[str],
        typer.Option(
            "--token",
            help="The access token to check. [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    uri: Annotated[
        Optional[str],
        typer.Option(
            "--uri",
            help="Full URL of the request to the resource, for HTTP message signature checking.",
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
        "introspection process",
        {
            "acr_values": acr_values,
            "client_certificate": client_certificate,
            "dpop": dpop,
            "dpop_nonce_required": dpop_nonce_required,
            "headers": headers,
            "htm": htm,
            "htu": htu,
            "max_age": max_age,
            "message": message,
            "request_body_contained": request_body_contained,
            "required_components": required_components,
            "resources": resources,
            "scopes": scopes,
            "service_id": service_id,
            "subject": subject,
            "target_uri": target_uri,
            "token": token,
            "uri": uri,
            "body": body,
        },
    )


@app.command(
    "standard-process",
    help="Process OAuth 2.0 Introspection Request\n\nServe an RFC 7662 token introspection endpoint. Pass the form body the endpoint received; Authlete returns the introspection response to send back, as plain JSON or, when the resource server asks for it, as a signed and optionally encrypted JWT.",
    short_help="Process OAuth 2.0 Introspection Request",
    epilog="Example:\n  authlete introspection standard-process -s 715948317 --parameters 'token=VFGsNK-5sXiqterdaR7b5QbRX9VTwVCQB87jgiGSXA4&token_type_hint=access_token'",
    cls=AuthleteCommand,
)
def standard_process_command(
    http_accept_header: Annotated[
        Optional[str],
        typer.Option(
            "--http-accept-header",
            help="Accept header of the request; application/token-introspection+jwt asks for a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    introspection_encryption_alg: Annotated[
        Optional[str],
        typer.Option(
            "--introspection-encryption-alg",
            help="JWE key-management algorithm for encrypting a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    introspection_encryption_enc: Annotated[
        Optional[str],
        typer.Option(
            "--introspection-encryption-enc",
            help="JWE content-encryption algorithm for encrypting a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    introspection_sign_alg: Annotated[
        Optional[str],
        typer.Option(
            "--introspection-sign-alg",
            help="JWS algorithm for signing a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    parameters: Annotated[
        Optional[str],
        typer.Option(
            "--parameters",
            help="The form-encoded body the endpoint received (token=...&token_type_hint=...). [required]",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    public_key_for_encryption: Annotated[
        Optional[str],
        typer.Option(
            "--public-key-for-encryption",
            help="Public key (JWK) for encrypting a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    rs_uri: Annotated[
        Optional[str],
        typer.Option(
            "--rs-uri",
            help="URI of the resource server making the request; used as audience of a JWT response.",
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
    shared_key_for_encryption: Annotated[
        Optional[str],
        typer.Option(
            "--shared-key-for-encryption",
            help="Symmetric key for encrypting a JWT response.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    shared_key_for_sign: Annotated[
        Optional[str],
        typer.Option(
            "--shared-key-for-sign",
            help="Symmetric key for signing a JWT response with an HS* algorithm.",
            metavar="string",
            show_default=False,
            rich_help_panel="Request",
        ),
    ] = None,
    with_hidden_properties: Annotated[
        Optional[str],
        typer.Option(
            "--with-hidden-properties",
            help="Include hidden extra properties in the response.",
            metavar="bool",
            click_type=click.BOOL,
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
        "introspection standard-process",
        {
            "http_accept_header": http_accept_header,
            "introspection_encryption_alg": introspection_encryption_alg,
            "introspection_encryption_enc": introspection_encryption_enc,
            "introspection_sign_alg": introspection_sign_alg,
            "parameters": parameters,
            "public_key_for_encryption": public_key_for_encryption,
            "rs_uri": rs_uri,
            "service_id": service_id,
            "shared_key_for_encryption": shared_key_for_encryption,
            "shared_key_for_sign": shared_key_for_sign,
            "with_hidden_properties": with_hidden_properties,
            "body": body,
            "param": param,
        },
    )
