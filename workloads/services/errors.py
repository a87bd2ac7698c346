"""Errors of workload and policy writes; their messages are shown to users as they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kairship_ui.errors import KairshipError
from workloads.validation import Problem, locate


class ValidationFailed(KairshipError):
    """The manifest has problems; `problems` holds each at its field (and YAML line)."""

    status = 400

    def __init__(self, problems: Sequence[Problem], what: str = "The manifest"):
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{what} has {count} {noun}; nothing was sent to Karmada.")
        self.problems = list(problems)
        self.what = what

    def located(self, text: str) -> ValidationFailed:
        """The same error with each problem's line in the YAML `text` it was parsed from."""
        return ValidationFailed(locate(text, self.problems), self.what)


class StaleEdit(KairshipError):
    """The object changed since the user opened it.

    `current` is the object as it is now (Secrets without data; None when it was deleted),
    `diff` the field changes from it to what the user submitted ([{path, before, after}]).
    """

    status = 409

    def __init__(
        self,
        message: str,
        *,
        current: dict[str, Any] | None,
        diff: list[dict[str, Any]],
        resource_version: str = "",
    ):
        super().__init__(message, field="metadata.resourceVersion")
        self.current = current
        self.diff = diff
        self.resource_version = resource_version
