"""Encryption at rest for credentials (kubeconfigs, tokens), keyed by KAIRSHIP_CREDENTIALS_KEY."""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class CredentialsUnreadable(Exception):
    """Stored credentials cannot be decrypted (the key changed or the data is damaged)."""


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def encrypt(plaintext: str) -> bytes:
    return _fernet(settings.KAIRSHIP_CREDENTIALS_KEY).encrypt(plaintext.encode())


def decrypt(ciphertext: bytes) -> str:
    """Raises CredentialsUnreadable when the key does not fit."""
    try:
        return _fernet(settings.KAIRSHIP_CREDENTIALS_KEY).decrypt(bytes(ciphertext)).decode()
    except InvalidToken as exc:
        raise CredentialsUnreadable(
            "stored credentials cannot be decrypted with the configured KAIRSHIP_CREDENTIALS_KEY"
        ) from exc
