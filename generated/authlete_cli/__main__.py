"""``python -m authlete_cli`` runs the CLI."""

from authlete_cli.runtime.app import run

if __name__ == "__main__":
    run()
