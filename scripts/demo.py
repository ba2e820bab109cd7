"""``make demo``: the main job against a local mock of the Authlete API.

Starts Prism on our spec, runs the three everyday commands with the examples
from the Authlete documentation, prints what they answer, and stops Prism.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prism import ROOT, Prism  # noqa: E402

AUTHLETE = str(Path(sys.executable).parent / "authlete")
SERVICE = "715948317"
STEPS = [
    [
        "token",
        "process",
        "-s",
        SERVICE,
        "--param",
        "grant_type=authorization_code",
        "--param",
        "code=Xv_su944auuBgc5mfUnxXayiiQU9Z4-T_Yae_UfExmo",
        "--param",
        "redirect_uri=https://my-client.example.com/cb1",
        "--param",
        "code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "--client-id",
        "26478243745571",
        "--client-secret",
        "gXz97ISgLs4HuXwOZWch8GEmgL4YMvUJwu3er_kDVVGcA0UOhA9avLPbEmoeZdagi9yC_-tEiT2BdRyH9dbrQQ",
    ],
    [
        "introspection",
        "process",
        "-s",
        SERVICE,
        "--token",
        "VFGsNK-5sXiqterdaR7b5QbRX9VTwVCQB87jgiGSXA4",
        "--scopes",
        "history.read",
    ],
    [
        "grant-management",
        "process-request",
        "-s",
        SERVICE,
        "--access-token",
        "VFGsNK-5sXiqterdaR7b5QbRX9VTwVCQB87jgiGSXA4",
        "--gm-action",
        "QUERY",
        "--grant-id",
        "1755ad1d-d2f7-4f1b-8d1d-3b3ee5a2b7c8",
    ],
    # What the token endpoint sends its client for that answer: status line, headers, body.
    [
        "token",
        "process",
        "-s",
        SERVICE,
        "--parameters",
        "grant_type=client_credentials&scope=history.read",
        "-o",
        "http",
    ],
]


def main() -> int:
    with Prism(ROOT / "specs" / "authlete.yaml") as prism:
        env = {
            **os.environ,
            "AUTHLETE_BEARER": "demo-service-access-token",
            "AUTHLETE_SERVER_URL": prism.url,
            "NO_COLOR": "1",
        }
        print(f"Prism is serving specs/authlete.yaml at {prism.url}\n")
        for step in STEPS:
            print("$ authlete " + shlex.join(step))
            args = step if "-o" in step else [*step, "-o", "yaml"]
            result = subprocess.run([AUTHLETE, *args], env=env, text=True, capture_output=True)
            print(result.stdout if result.stdout.endswith("\n") else result.stdout + "\n", end="")
            if result.returncode != 0:
                print(result.stderr, end="", file=sys.stderr)
                print(f"demo failed: exit code {result.returncode}", file=sys.stderr)
                return 1
            print()
    print("Prism stopped. The same commands work against https://us.authlete.com with a real token.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
