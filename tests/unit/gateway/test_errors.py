"""Translation of client, network and kubeconfig errors into the gateway's exceptions.

These tests build the client's own exception objects, so they import `kubernetes` directly.
"""

import json

import pytest
import urllib3.exceptions
from kubernetes.client.exceptions import ApiException  # noqa: TID251
from kubernetes.config.config_exception import ConfigException  # noqa: TID251

from karmada_gateway import (
    KarmadaBadKubeconfig,
    KarmadaConflict,
    KarmadaError,
    KarmadaForbidden,
    KarmadaGone,
    KarmadaNotFound,
    KarmadaRejected,
    KarmadaTLSError,
    KarmadaUnauthorized,
    KarmadaUnavailable,
)
from karmada_gateway.errors import translated_errors


def api_error(status: int, message: str = "", reason: str = "") -> ApiException:
    exc = ApiException(status=status, reason="HTTP")
    exc.body = json.dumps(
        {"kind": "Status", "status": "Failure", "message": message, "reason": reason}
    )
    exc.headers = {"Set-Cookie": "session=secret-cookie"}
    return exc


def raised_for(exc: BaseException) -> KarmadaError:
    with pytest.raises(KarmadaError) as info, translated_errors():
        raise exc
    return info.value


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, KarmadaRejected),
        (401, KarmadaUnauthorized),
        (403, KarmadaForbidden),
        (404, KarmadaNotFound),
        (409, KarmadaConflict),
        (410, KarmadaGone),
        (415, KarmadaRejected),
        (422, KarmadaRejected),
        (429, KarmadaUnavailable),
        (500, KarmadaUnavailable),
        (503, KarmadaUnavailable),
    ],
)
def test_status_codes_map_to_gateway_errors(status: int, expected: type[KarmadaError]) -> None:
    assert type(raised_for(api_error(status, "boom"))) is expected


def test_only_unavailable_errors_are_transient() -> None:
    assert raised_for(api_error(503)).transient
    assert raised_for(api_error(429)).transient
    assert not raised_for(api_error(409)).transient
    assert not raised_for(api_error(401)).transient


def test_stale_resource_version_conflict_says_to_reload() -> None:
    error = raised_for(api_error(409, "the object has been modified", "Conflict"))
    assert "changed by someone else" in str(error)
    assert "the object has been modified" in str(error)


def test_already_exists_keeps_karmadas_message() -> None:
    message = 'propagationpolicies.policy.karmada.io "web" already exists'
    error = raised_for(api_error(409, message, "AlreadyExists"))
    assert str(error) == message


def test_rejection_shows_karmadas_message() -> None:
    message = "spec.placement: Invalid value: must not be empty"
    assert message in str(raised_for(api_error(422, message, "Invalid")))


def test_original_exception_is_chained() -> None:
    original = api_error(404, "not found")
    assert raised_for(original).__cause__ is original


def test_message_leaves_out_response_headers_and_body_json() -> None:
    error = raised_for(api_error(500, "etcd timeout"))
    assert "secret-cookie" not in str(error)
    assert "{" not in str(error)


def test_unauthorized_is_a_rejection() -> None:
    error = raised_for(api_error(401, "Unauthorized"))
    assert isinstance(error, KarmadaRejected)
    assert "credentials" in str(error)


def test_client_ssl_error_becomes_tls_error_that_is_not_transient() -> None:
    error = raised_for(ApiException(status=0, reason="SSLError\ncertificate verify failed"))
    assert isinstance(error, KarmadaTLSError)
    assert isinstance(error, KarmadaUnavailable)
    assert not error.transient


def test_ssl_error_inside_max_retry_error_becomes_tls_error() -> None:
    ssl_error = urllib3.exceptions.SSLError("certificate verify failed")
    wrapped = urllib3.exceptions.MaxRetryError(None, "/version", reason=ssl_error)  # type: ignore[arg-type]
    assert isinstance(raised_for(wrapped), KarmadaTLSError)


def test_connection_refused_becomes_unavailable() -> None:
    refused = urllib3.exceptions.NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
    error = raised_for(refused)
    assert type(error) is KarmadaUnavailable
    assert "could not be reached" in str(error)


def test_read_timeout_says_timeout() -> None:
    timeout = urllib3.exceptions.ReadTimeoutError(None, "/version", "read timed out")  # type: ignore[arg-type]
    assert "timeout" in str(raised_for(timeout))


def test_config_exception_becomes_bad_kubeconfig() -> None:
    error = raised_for(ConfigException("Invalid kube-config file. Expected key server"))
    assert isinstance(error, KarmadaBadKubeconfig)
    assert isinstance(error, KarmadaRejected)
