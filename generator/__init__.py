"""Spec-driven generator for the Authlete CLI, models and client.

The pipeline is visible in the module names: load -> validate -> ir -> naming
-> render -> fmt -> write, with ``check`` reusing render's in-memory output.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
