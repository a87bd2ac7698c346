"""Keep credentials out of logs and the audit log."""

from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "***redacted***"
# Keys whose values are credentials wherever they appear (kubeconfigs, Secrets, tokens).
SECRET_KEYS = frozenset(
    {
        "kubeconfig",
        "token",
        "password",
        "client-key-data",
        "client-certificate-data",
        "certificate-authority-data",
        "secret",
        "bearer_token",
        "credentials",
    }
)
# A Secret's payload is a credential too; a ConfigMap's `data` is not.
SECRET_PAYLOAD_KEYS = frozenset({"data", "stringData"})
_SECRET_TEXT = re.compile(
    r"(?i)(bearer\s+|token[\"']?\s*[:=]\s*[\"']?|(client-key-data|password)[\"']?\s*[:=]\s*[\"']?)"
    r"[A-Za-z0-9._\-+/=]{6,}"
)


def redact(value: Any) -> Any:
    """A copy of `value` with every credential-bearing key's value replaced."""
    if isinstance(value, dict):
        hidden = SECRET_KEYS | SECRET_PAYLOAD_KEYS if value.get("kind") == "Secret" else SECRET_KEYS
        return {
            k: (REDACTED if k in hidden and v not in (None, "", {}) else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


def redact_text(text: str) -> str:
    """Mask bearer tokens, passwords and key data inside free text."""
    return _SECRET_TEXT.sub(lambda m: m.group(1) + REDACTED, text)


class RedactingFilter(logging.Filter):
    """Logging filter that masks credentials in every record's rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
