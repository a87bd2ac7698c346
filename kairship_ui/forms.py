"""Form helpers: Bootstrap classes on widgets, the login form."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class StyledFormMixin:
    """Give every widget Bootstrap's class and mark fields with errors as invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                css += " is-invalid"
            widget.attrs["class"] = css


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


def add_error(form: forms.Form, field: str | None, message: str) -> None:
    """Attach a service error to its field when the form has it, else to the form."""
    form.add_error(field if field in form.fields else None, message)
