"""Shapes that published specs have and our own did not, each in a small spec of our own words.

Found by generating from real vendors' specs (a patent office's data API, Azure's and Anthropic's,
Twilio's, GitHub's): each used to give a CLI that sent requests somewhere else than the spec says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def generate(spec: Path, out: Path, package: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), "--package", package],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def dry_run(out: Path, package: str, *args: str) -> str:
    """The request line a command would send (its --dry-run report on stderr)."""
    env = {**os.environ, "PYTHONPATH": str(out), "NO_COLOR": "1", "HOME": str(out)}
    env = {k: v for k, v in env.items() if not k.endswith("_SERVER_URL")}
    proc = subprocess.run(
        [sys.executable, "-m", package, "--dry-run", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    return next(line for line in (proc.stderr + proc.stdout).splitlines() if line.startswith("Dry run: "))


VARIABLES = """openapi: 3.0.3
info:
  title: Datasets
  version: '1.0'
servers:
  - url: '{scheme}://data.example.com/{base}'
    variables:
      scheme:
        enum: [https, http]
        default: https
      base:
        default: ds-api
paths:
  /{dataset}/fields:
    get:
      operationId: list_fields
      parameters:
        - name: dataset
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: The fields.
"""


def test_server_variables_take_their_defaults(tmp_path: Path) -> None:
    """A server URL is a template: '{scheme}://...' sent as it is is no URL at all."""
    spec = tmp_path / "variables.yaml"
    spec.write_text(VARIABLES, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "datasets")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:8:7 #/servers/0/variables/scheme: note: server variable {{scheme}} is https, its default; "
        "--server-url sends to another URL",
        f"{spec}:11:7 #/servers/0/variables/base: note: server variable {{base}} is ds-api, its default; "
        "--server-url sends to another URL",
    ]
    sent = dry_run(tmp_path / "out", "datasets", "list-fields", "--dataset", "patents")
    assert sent == "Dry run: GET https://data.example.com/ds-api/patents/fields"


PER_PATH = """openapi: 3.0.1
info:
  title: Events
  version: '1.0'
paths:
  /v1/Types:
    servers:
      - url: https://events.example.com
    get:
      operationId: ListType
      responses:
        '200':
          description: The types.
  /v1/Sinks:
    servers:
      - url: https://events.example.com
    get:
      operationId: ListSink
      responses:
        '200':
          description: The sinks.
  /v1/Uploads:
    get:
      operationId: ListUpload
      servers:
        - url: https://uploads.example.com
      responses:
        '200':
          description: The uploads.
"""


def test_servers_named_per_path_are_used(tmp_path: Path) -> None:
    """No servers at the top, the same one on each path: that one is the CLI's; one that differs is a warning."""
    spec = tmp_path / "per_path.yaml"
    spec.write_text(PER_PATH, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "events")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:25:7 #/paths/~1v1~1Uploads/get/servers: warning: these servers are not used: every command "
        "sends to https://events.example.com (--server-url picks another)",
        "1 warning; generation went on (--strict makes warnings errors)",
    ]
    assert dry_run(tmp_path / "out", "events", "list-type") == "Dry run: GET https://events.example.com/v1/Types"
    assert dry_run(tmp_path / "out", "events", "list-sink") == "Dry run: GET https://events.example.com/v1/Sinks"


QUERY_IN_PATH = """openapi: 3.1.0
info:
  title: Models
  version: '1.0'
servers:
  - url: https://api.example.com
paths:
  /v1/models:
    get:
      operationId: models_list
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: The models.
  /v1/models?beta=true:
    get:
      operationId: beta_models_list
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
      responses:
        '200':
          description: The models, beta ones too.
"""


def test_a_path_with_a_query_of_its_own_keeps_it(tmp_path: Path) -> None:
    """'/v1/models?beta=true' plus a query parameter is '?beta=true&limit=3', not '?beta=true?limit=3'."""
    spec = tmp_path / "query_in_path.yaml"
    spec.write_text(QUERY_IN_PATH, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "models_cli")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert dry_run(out, "models_cli", "beta-models-list", "--limit", "3") == (
        "Dry run: GET https://api.example.com/v1/models?beta=true&limit=3"
    )
    assert dry_run(out, "models_cli", "beta-models-list") == "Dry run: GET https://api.example.com/v1/models?beta=true"
    assert dry_run(out, "models_cli", "models-list", "--limit", "3") == (
        "Dry run: GET https://api.example.com/v1/models?limit=3"
    )


NO_SUMMARY = """openapi: 3.0.0
info:
  title: Pets
  version: '1.0'
servers:
  - url: https://pets.example.com
paths:
  /pets:
    get:
      operationId: findPets
      description: |
        Lists every pet the caller may see.

        Pets that were adopted are left out.
      responses:
        '200':
          description: The pets.
    post:
      operationId: addPet
      summary: Adds a pet.
      description: |
        Adds a pet.

        Duplicates are allowed.
      responses:
        '204':
          description: Added.
"""


def test_a_summary_taken_from_the_description_is_shown_once(tmp_path: Path) -> None:
    """No summary: the description's first paragraph is it, and help does not say it twice (nor when a spec does)."""
    spec = tmp_path / "no_summary.yaml"
    spec.write_text(NO_SUMMARY, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "pets")
    assert result.returncode == 0, result.stderr
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "out"), "NO_COLOR": "1", "HOME": str(tmp_path)}
    for command, first, rest in (
        ("find-pets", "Lists every pet the caller may see.", "Pets that were adopted are left out."),
        ("add-pet", "Adds a pet.", "Duplicates are allowed."),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "pets", command, "--help"], capture_output=True, text=True, env=env, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.count(first) == 1 and rest in proc.stdout, proc.stdout


KEYS = """openapi: 3.0.3
info:
  title: Keys
  version: '1.0'
servers:
  - url: https://api.example.com
security:
  - key: []
components:
  securitySchemes:
    key:
      type: apiKey
      in: header
      name: X-Api-Key
    basic:
      type: http
      scheme: basic
    token:
      type: http
      scheme: bearer
paths:
  /a:
    get:
      operationId: get_a
      responses:
        '204':
          description: Done.
  /b:
    get:
      operationId: get_b
      security: [{basic: []}, {token: []}]
      responses:
        '204':
          description: Done.
  /c:
    get:
      operationId: get_c
      security: [{basic: []}]
      responses:
        '204':
          description: Done.
  /d:
    get:
      operationId: get_d
      security: []
      responses:
        '204':
          description: Done.
"""


def test_security_a_bearer_token_cannot_meet_is_a_warning_saying_how(tmp_path: Path) -> None:
    """The CLI sends a bearer token: an API key or basic credentials would silently be missing.

    /b accepts a bearer token among its alternatives and /d needs nothing: no word about them.
    """
    spec = tmp_path / "keys.yaml"
    spec.write_text(KEYS, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "keys")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{spec}:7:1 #/security: warning: the CLI sends a bearer token, which no security requirement here "
        "accepts ('key': an API key in header X-Api-Key, send it with -H 'X-Api-Key: KEY')",
        f"{spec}:38:7 #/paths/~1c/get/security: warning: the CLI sends a bearer token, which no security "
        "requirement here accepts ('basic': HTTP Basic authentication, send it with -H 'Authorization: Basic "
        "CREDENTIALS')",
        "2 warnings; generation went on (--strict makes warnings errors)",
    ]


DATES = """openapi: 3.0.3
info:
  title: Jobs
  version: '1.0'
servers:
  - url: https://api.example.com
paths:
  /jobs:
    post:
      operationId: create_job
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/job'
      responses:
        '200':
          description: The job.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/job'
components:
  schemas:
    job:
      type: object
      required: [created_at]
      properties:
        created_at:
          type: string
          format: date-time
          example: 2024-01-02T03:04:05Z
        due:
          type: string
          format: date
          default: 2024-02-01
"""


def test_unquoted_dates_in_a_yaml_spec_are_strings(tmp_path: Path) -> None:
    """YAML reads ``2024-01-02T03:04:05Z`` as a timestamp; OpenAPI means the string (it was 'internal error')."""
    spec = tmp_path / "dates.yaml"
    spec.write_text(DATES, encoding="utf-8")
    result = generate(spec, tmp_path / "out", "jobs")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    sent = subprocess.run(
        [sys.executable, "-m", "jobs", "create-job", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "out"), "HOME": str(tmp_path)},
        timeout=120,
    )
    assert sent.returncode == 0, sent.stderr
    assert "--created-at 2024-01-02T03:04:05Z" in sent.stdout
