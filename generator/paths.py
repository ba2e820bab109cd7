"""Where the generator finds its inputs and puts its output unless told otherwise.

Kept apart from the pipeline so that the CLI can name its defaults, and the
run memo (memo.py) can find the templates, without importing the stages.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
DEFAULT_SPEC = ROOT / "specs" / "authlete.yaml"
DEFAULT_OUT = ROOT / "generated"
DEFAULT_PACKAGE = "authlete_cli"
