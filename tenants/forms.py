"""Forms for tenants and their members."""

from __future__ import annotations

from django import forms

from kairship_ui.forms import StyledFormMixin

from .models import Tenant, dns_label
from .roles import Role


class TenantForm(StyledFormMixin, forms.Form):
    name = forms.CharField(max_length=100)
    slug = forms.CharField(
        max_length=63,
        validators=[dns_label],
        help_text="Lower-case identifier used in namespaces and URLs.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TenantEditForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Tenant
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MemberForm(StyledFormMixin, forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)


class RoleForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
