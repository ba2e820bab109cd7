"""Entry point for ``python -m generator``: served by the warm generation server when one fits, else run here.

Only the daemon's client is imported before that choice (see generator/daemon.py):
a served run never imports the stages in this process.
"""

import sys

from generator import daemon

try:
    code, chosen = daemon.client(sys.argv[1:])
except KeyboardInterrupt:
    sys.exit(130)
if code is None:
    from generator.cli import main

    code = main()
    if chosen is not None:
        daemon.start(chosen)  # after the work: a server for the next run, detached
sys.exit(code)
