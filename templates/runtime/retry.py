"""When to send a request again, and how long to wait first.

Shared by the CLI and both clients; no HTTP library here. A request is sent
again after a connection failure or a 408, 429, 502, 503 or 504 answer, but
only when replaying it cannot do harm: the method is idempotent, the spec
marks the operation safe to retry (``x-cli-retry-safe: true``), or the
connection failed before any byte of the request left (then the server never
saw it).

Waits grow exponentially with jitter (between half and all of
``initial * 2**n``, at most ``max_backoff``). A ``Retry-After`` answer header
(seconds or an HTTP date) is honoured when it asks for at most
``max_retry_after`` seconds; a longer demand ends the retries and the answer
is reported as it is. Every wait must also fit in the deadline, which covers
all attempts together.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if (
    TYPE_CHECKING
):  # random and email are imported when first needed: settings imports this module at start-up
    import random

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
DEFAULT_RETRIES = 3
MAX_RETRY_AFTER = 60.0  # seconds: the longest Retry-After we are willing to sleep


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry, and the shape of the waits between attempts."""

    retries: int = DEFAULT_RETRIES  # extra attempts after the first; 0 switches retries off
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = MAX_RETRY_AFTER
    retry_unsafe: bool = False  # replay even non-idempotent operations (callers who know better)

    @classmethod
    def of(
        cls, value: RetryPolicy | int | bool | None, default: RetryPolicy | None = None
    ) -> RetryPolicy:
        """Accept a policy, a retry count, False/True, or None for ``default``."""
        if isinstance(value, RetryPolicy):
            return value
        base = default or cls()
        if value is None or value is True:
            return base
        if value is False:
            return cls(
                0, base.initial_backoff, base.max_backoff, base.max_retry_after, base.retry_unsafe
            )
        if isinstance(value, int) and value >= 0:
            return cls(
                value,
                base.initial_backoff,
                base.max_backoff,
                base.max_retry_after,
                base.retry_unsafe,
            )
        raise ValueError(f"retries must be a RetryPolicy, a count >= 0 or a boolean, not {value!r}")


def replay_safe(method: str, marked_safe: bool) -> bool:
    """Whether a request that may have reached the server can be sent again."""
    return marked_safe or method.upper() in IDEMPOTENT_METHODS


def backoff(policy: RetryPolicy, attempt: int, rng: random.Random | None = None) -> float:
    """The wait before retry number ``attempt`` (1-based), with jitter."""
    import random

    ceiling = min(policy.max_backoff, policy.initial_backoff * 2.0 ** (attempt - 1))
    fraction: float = (rng or random.Random()).random()
    return ceiling * (0.5 + 0.5 * fraction)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a Retry-After header value, or None when absent or unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    seconds: float = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds)


def wait_for_status(
    policy: RetryPolicy, attempt: int, retry_after_header: str | None
) -> float | None:
    """The wait before retrying an answer with a retryable status; None means do not retry."""
    asked = retry_after(retry_after_header)
    if asked is not None:
        return asked if asked <= policy.max_retry_after else None
    return backoff(policy, attempt)


class Deadline:
    """One point in time that every attempt and every wait of an exchange must fit before."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def allows(self, wait: float) -> bool:
        """Whether sleeping ``wait`` seconds still leaves some time for another attempt."""
        return wait < self.remaining()


def next_wait(
    policy: RetryPolicy,
    attempt: int,
    safe: bool,
    *,
    status: int | None = None,
    retry_after_header: str | None = None,
    sent: bool = True,
) -> float | None:
    """The wait before another attempt after ``attempt`` attempts, or None to stop.

    ``status`` is the answer's status, or None when the exchange failed; then
    ``sent`` says whether the request may have reached the server.
    """
    if attempt > policy.retries:
        return None
    if status is not None:
        if status not in RETRY_STATUSES or not (safe or policy.retry_unsafe):
            return None
        return wait_for_status(policy, attempt, retry_after_header)
    if sent and not (safe or policy.retry_unsafe):
        return None
    return backoff(policy, attempt)
