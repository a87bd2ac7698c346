"""Forms for registering instances and steering member clusters."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator

from kairship_ui.forms import StyledFormMixin

from .models import KarmadaInstance
from .operator import SCALABLE_COMPONENTS
from .services.members import EFFECTS
from .services.operator import MAX_REPLICAS

MAX_KUBECONFIG_BYTES = 256 * 1024
label_key = RegexValidator(
    r"^([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", "Not a valid label key."
)


def parse_labels(text: str) -> dict[str, str]:
    """`a=b, c=d` (commas or new lines) into a dict; raises ValidationError naming the bad pair."""
    labels: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in text.replace("\n", ",").split(","))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise forms.ValidationError(f"{pair!r} is not key=value.")
        label_key(key.strip())
        labels[key.strip()] = value.strip()
    return labels


class LabelsField(forms.CharField):
    widget = forms.TextInput(attrs={"placeholder": "environment=prod, owner=platform"})

    def to_python(self, value):
        return parse_labels(super().to_python(value) or "")

    def prepare_value(self, value):
        if isinstance(value, dict):
            return ", ".join(f"{k}={v}" for k, v in value.items())
        return value


class KubeconfigUploadMixin:
    """`kubeconfig` pasted or `kubeconfig_file` uploaded; the text ends up in `kubeconfig`."""

    def clean(self):
        data = super().clean()  # type: ignore[misc]
        upload = data.get("kubeconfig_file")
        if upload:
            if upload.size > MAX_KUBECONFIG_BYTES:
                self.add_error("kubeconfig_file", "That file is too large for a kubeconfig.")
                return data
            try:
                data["kubeconfig"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("kubeconfig_file", "The file is not UTF-8 text.")
        if not data.get("kubeconfig") and not self.has_error("kubeconfig_file"):
            self.add_error("kubeconfig", "Paste a kubeconfig or upload one.")
        return data


class InstanceRegisterForm(KubeconfigUploadMixin, StyledFormMixin, forms.Form):
    name = forms.SlugField(max_length=100, help_text="Short lower-case name, e.g. prod.")
    description = forms.CharField(required=False, widget=forms.TextInput)
    kubeconfig = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "font-monospace"}),
        help_text="Paste the kubeconfig of the Karmada API server, or upload it below. "
        "It is stored encrypted and never shown again.",
    )
    kubeconfig_file = forms.FileField(required=False, label="Kubeconfig file")
    context = forms.CharField(required=False, help_text="Leave empty for the current context.")
    labels = LabelsField(required=False)


class LabelsForm(StyledFormMixin, forms.Form):
    labels = LabelsField(required=False)


class LocationForm(StyledFormMixin, forms.Form):
    provider = forms.CharField(required=False, max_length=100)
    region = forms.CharField(required=False, max_length=100)
    zones = forms.CharField(required=False, help_text="Comma-separated.")

    def clean_zones(self):
        return [z.strip() for z in self.cleaned_data["zones"].split(",") if z.strip()]


class TaintForm(StyledFormMixin, forms.Form):
    key = forms.CharField(max_length=253, validators=[label_key])
    value = forms.CharField(max_length=63, required=False)
    effect = forms.ChoiceField(choices=[(e, e) for e in EFFECTS])


class CapacityFaultForm(StyledFormMixin, forms.Form):
    cpu = forms.CharField(required=False, help_text="e.g. 8 or 500m")
    memory = forms.CharField(required=False, help_text="e.g. 16Gi")
    pods = forms.IntegerField(required=False, min_value=0)


class ClusterJoinForm(KubeconfigUploadMixin, StyledFormMixin, forms.Form):
    """Push mode: the member's kubeconfig plus where the cluster is."""

    name = forms.CharField(max_length=48, help_text="The cluster's name in Karmada, e.g. aws-eu-1.")
    kubeconfig = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "font-monospace"}),
        help_text="The member cluster's kubeconfig (a token or a client certificate, embedded). "
        "It is used once, to create Karmada's service accounts in the member, and not kept.",
    )
    kubeconfig_file = forms.FileField(required=False, label="Kubeconfig file")
    context = forms.CharField(required=False, help_text="Leave empty for the current context.")
    provider = forms.CharField(required=False, max_length=100)
    region = forms.CharField(required=False, max_length=100)
    zones = forms.CharField(required=False, help_text="Comma-separated.")
    labels = LabelsField(required=False)

    def clean_zones(self):
        return [z.strip() for z in self.cleaned_data["zones"].split(",") if z.strip()]


class ClusterRegisterForm(StyledFormMixin, forms.Form):
    """Pull mode: the name the member's karmada-agent will register under."""

    cluster_name = forms.CharField(
        max_length=48, label="Cluster name", help_text="The name the member registers under."
    )


VERSION_HELP = "A Karmada release, e.g. v1.15.0; empty for the operator's own version."


class KarmadaReplicasMixin:
    """A replica-count field per scalable component (StyledFormMixin, listed first, styles it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCALABLE_COMPONENTS:
            self.fields[name] = forms.IntegerField(
                min_value=1, max_value=MAX_REPLICAS, initial=1, label=f"{name} replicas"
            )

    def replicas(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in SCALABLE_COMPONENTS}


class KarmadaCreateForm(StyledFormMixin, KarmadaReplicasMixin, forms.Form):
    host = forms.ModelChoiceField(
        queryset=KarmadaInstance.objects.none(),
        help_text="A registered instance whose cluster runs karmada-operator.",
    )
    name = forms.SlugField(max_length=63, help_text="Also the name of the new instance here.")
    namespace = forms.SlugField(max_length=63, initial="karmada-system")
    version = forms.CharField(required=False, max_length=64, help_text=VERSION_HELP)

    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts


class KarmadaUpdateForm(StyledFormMixin, KarmadaReplicasMixin, forms.Form):
    version = forms.CharField(required=False, max_length=64, help_text=VERSION_HELP)
