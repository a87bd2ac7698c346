"""The gateway's exceptions and the one place that maps client errors onto them.

Every message is safe to show to a user: it never contains tokens, request headers or
kubeconfig content. The original exception is always chained (`raise ... from exc`).
"""

from __future__ import annotations

import json
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import urllib3.exceptions
from kubernetes.client.exceptions import ApiException
from kubernetes.config.config_exception import ConfigException


class KarmadaError(Exception):
    """Base of every gateway error; `transient` says whether retrying later may help."""

    transient = False


class KarmadaUnavailable(KarmadaError):
    """Karmada could not be reached or answered 429/5xx; retrying later may help."""

    transient = True


class KarmadaTLSError(KarmadaUnavailable):
    """The TLS handshake failed (unknown CA, wrong host name); fix the kubeconfig, don't retry."""

    transient = False


class KarmadaNotFound(KarmadaError):
    """The object (or its kind) does not exist."""


class KarmadaConflict(KarmadaError):
    """409: the object changed since it was read (stale resourceVersion) or already exists."""


class KarmadaGone(KarmadaError):
    """410: the resourceVersion or continue token is too old; list again from scratch."""


class KarmadaRejected(KarmadaError):
    """Karmada refused the request (400/403/405/415/422...): fix the input or the credentials."""


class KarmadaUnauthorized(KarmadaRejected):
    """401: the credentials in the kubeconfig were not accepted."""


class KarmadaForbidden(KarmadaRejected):
    """403: the credentials are valid but not allowed to do this."""


class KarmadaNotKarmada(KarmadaRejected):
    """The server answered, but it is not a Karmada control plane (API groups missing)."""


class KarmadaBadKubeconfig(KarmadaRejected):
    """The kubeconfig could not be parsed or lacks what is needed to connect."""


def _status_body(exc: ApiException) -> dict[str, Any]:
    """The Kubernetes Status object in an error body, or {} when the body is not one."""
    body: Any = exc.body
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    try:
        status = json.loads(body) if isinstance(body, str) and body.strip() else None
    except ValueError:
        return {}
    return status if isinstance(status, dict) else {}


def server_message(exc: ApiException) -> str:
    """The `message` of the Kubernetes Status in the error body, or "" when there is none."""
    message = _status_body(exc).get("message")
    return message.strip() if isinstance(message, str) else ""


def status_reason(exc: ApiException) -> str:
    """The `reason` of the Kubernetes Status in the error body (e.g. "AlreadyExists"), or ""."""
    reason = _status_body(exc).get("reason")
    return reason if isinstance(reason, str) else ""


def _from_status(status: int, message: str, reason: str) -> KarmadaError:
    """Pick the gateway error for an HTTP status code."""
    if status == 401:
        return KarmadaUnauthorized(
            f"Karmada rejected the credentials (401 Unauthorized). {message}"
        )
    if status == 403:
        return KarmadaForbidden(f"Not allowed by Karmada (403 Forbidden): {message}")
    if status == 404:
        return KarmadaNotFound(message or "Not found in Karmada (404).")
    if status == 409:
        if reason == "AlreadyExists":
            return KarmadaConflict(message or "The object already exists.")
        return KarmadaConflict(
            f"The object was changed by someone else since it was read; reload it and retry. "
            f"({message or '409 Conflict'})"
        )
    if status == 410:
        return KarmadaGone(message or "The resourceVersion is too old (410 Gone); list again.")
    if status == 429 or status >= 500:
        return KarmadaUnavailable(f"Karmada is unavailable ({status}): {message or 'try again'}")
    return KarmadaRejected(message or f"Karmada rejected the request ({status}).")


def translate_api_exception(exc: ApiException) -> KarmadaError:
    """Map an `ApiException` (including the client's status-0 TLS errors) to a gateway error."""
    status = exc.status if isinstance(exc.status, int) else 0
    if status == 0:
        if "SSL" in str(exc.reason):
            return KarmadaTLSError(
                "TLS handshake with Karmada failed: the server certificate is not trusted by the "
                "kubeconfig's certificate authority (or the host name does not match)."
            )
        return KarmadaUnavailable("Karmada could not be reached.")
    return _from_status(status, server_message(exc), status_reason(exc))


def translate_network_error(exc: BaseException) -> KarmadaError:
    """Map a urllib3 / socket error to KarmadaTLSError or KarmadaUnavailable."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, urllib3.exceptions.SSLError | ssl.SSLError):
            return translate_api_exception(ApiException(status=0, reason="SSLError"))
        if isinstance(cause, urllib3.exceptions.MaxRetryError) and cause.reason is not None:
            cause = cause.reason
            continue
        cause = cause.__cause__ or cause.__context__
    # NewConnectionError subclasses ConnectTimeoutError, yet means refused or unresolvable.
    refused = isinstance(exc, urllib3.exceptions.NewConnectionError) or isinstance(
        getattr(exc, "reason", None), urllib3.exceptions.NewConnectionError
    )
    timed_out = isinstance(exc, urllib3.exceptions.TimeoutError | socket.timeout | TimeoutError)
    if timed_out and not refused:
        return KarmadaUnavailable("Karmada did not answer in time (timeout).")
    return KarmadaUnavailable("Karmada could not be reached (connection refused or network error).")


NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    urllib3.exceptions.HTTPError,
    ConnectionError,
    socket.timeout,
    TimeoutError,
)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise client, network and kubeconfig errors as gateway errors (chained)."""
    try:
        yield
    except ApiException as exc:
        raise translate_api_exception(exc) from exc
    except NETWORK_ERRORS as exc:
        raise translate_network_error(exc) from exc
    except ConfigException as exc:
        raise KarmadaBadKubeconfig(f"The kubeconfig is not usable: {exc}") from exc
