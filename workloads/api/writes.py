"""Writes of templates and policies: request bodies, answers and the one path each takes.

POST, PUT / PATCH (with the resourceVersion the client read) and DELETE answer 202 with the
queued Operation; problems come back as 400 `{"detail", "errors": {field: [message]},
"problems": [{field, message, line}]}`, a stale edit as 409 with the current object and diff.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from clusters.models import KarmadaInstance
from kairship_ui.api import OperationSerializer
from kairship_ui.models import Operation
from workloads import services
from workloads.models import Workload
from workloads.services import StaleEdit, ValidationFailed
from workloads.validation import Problem


def _visible(field: serializers.Field, model):
    """`model`'s rows the requesting user may see (none without a request)."""
    user = getattr(field.root.context.get("request"), "user", None)
    return model.objects.for_user(user, "view") if user else model.objects.none()


@extend_schema_field(OpenApiTypes.STR)
class VisibleInstanceField(serializers.SlugRelatedField):
    """An instance by name, among those the user may see (others read as unknown)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="name", **kwargs)

    def get_queryset(self):
        return _visible(self, KarmadaInstance)


@extend_schema_field(OpenApiTypes.INT)
class VisibleWorkloadField(serializers.PrimaryKeyRelatedField):
    """A workload by id, among those the user may see."""

    def get_queryset(self):
        return _visible(self, Workload)


class ManifestInputSerializer(serializers.Serializer):
    """A manifest as a JSON object (`manifest`) or as YAML text (`yaml`), not both."""

    manifest = serializers.DictField(required=False, help_text="The object as JSON.")
    yaml = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The object as YAML text."
    )

    def validate(self, attrs):
        if ("manifest" in attrs) == ("yaml" in attrs):
            raise serializers.ValidationError({"manifest": ["Send either manifest or yaml."]})
        return attrs


class ObjectCreateSerializer(ManifestInputSerializer):
    instance = VisibleInstanceField(help_text="The Karmada instance's name.")


class ObjectUpdateSerializer(ManifestInputSerializer):
    resource_version = serializers.CharField(
        help_text="metadata.resourceVersion of the version the edit started from."
    )


class OperationLinksSerializer(serializers.Serializer):
    operation = serializers.CharField(help_text="Poll this for the outcome.")
    object = serializers.CharField(allow_null=True, help_text="The object, once mirrored.")


class QueuedOperationSerializer(OperationSerializer):
    """The Operation a write queued; `links.operation` shows its outcome."""

    links = serializers.SerializerMethodField()

    class Meta(OperationSerializer.Meta):
        fields = [*OperationSerializer.Meta.fields, "links"]

    @extend_schema_field(OperationLinksSerializer)
    def get_links(self, operation: Operation) -> dict[str, str | None]:
        request = self.context.get("request")
        obj = self.context.get("object")
        basename = "policy" if services.is_policy_kind(operation.kind) else "workload"
        return {
            "operation": reverse("operation-detail", args=[operation.pk], request=request),
            "object": reverse(f"{basename}-detail", args=[obj.pk], request=request)
            if obj
            else None,
        }


class ProblemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Dotted path in the manifest; '' for all of it.")
    message = serializers.CharField()
    line = serializers.IntegerField(allow_null=True, help_text="Line in the YAML text sent.")


class ProblemsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    problems = ProblemSerializer(many=True)


class FieldChangeSerializer(serializers.Serializer):
    path = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class StaleEditSerializer(serializers.Serializer):
    detail = serializers.CharField()
    resource_version = serializers.CharField(help_text="Send this to retry on top of current.")
    current = serializers.JSONField(allow_null=True, help_text="The object now (null: deleted).")
    diff = FieldChangeSerializer(many=True, help_text="From the current object to yours.")


def _problems(problems: list[Problem], whole: str, detail: str) -> Response:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field_path or whole, []).append(problem.message)
    rows = [{"field": p.field_path, "message": p.message, "line": p.line} for p in problems]
    body = {"detail": detail, "errors": errors, "problems": rows}
    return Response(ProblemsSerializer(body).data, status=status.HTTP_400_BAD_REQUEST)


def invalid_body(body: serializers.Serializer) -> Response:
    problems = [
        Problem(field, str(message))
        for field, messages in body.errors.items()
        for message in (messages if isinstance(messages, list) else [messages])
    ]
    return _problems(problems, "non_field_errors", "The request has problems.")


def _stale(exc: StaleEdit) -> Response:
    body = {
        "detail": exc.message,
        "resource_version": exc.resource_version,
        "current": exc.current,
        "diff": exc.diff,
    }
    return Response(StaleEditSerializer(body).data, status=status.HTTP_409_CONFLICT)


def _write(
    request,
    body: serializers.Serializer,
    queue: Callable[[dict[str, Any], dict[str, Any]], Operation],
    obj: Any = None,
) -> Response:
    """Validate the body, parse its manifest, call `queue(data, manifest)`: 202, 400 or 409."""
    if not body.is_valid():
        return invalid_body(body)
    data = body.validated_data
    text = data.get("yaml")
    try:
        manifest = services.parse_yaml(text) if text is not None else dict(data["manifest"])
        operation = queue(data, manifest)
    except ValidationFailed as exc:
        located = exc.located(text) if text is not None else exc
        return _problems(located.problems, "yaml" if text is not None else "manifest", exc.message)
    except StaleEdit as exc:
        return _stale(exc)
    context = {"request": request, "object": obj}
    return Response(
        QueuedOperationSerializer(operation, context=context).data,
        status=status.HTTP_202_ACCEPTED,
    )


WRITE_ERRORS = {
    400: ProblemsSerializer,
    403: OpenApiResponse(description="The user's role does not allow this write."),
    404: OpenApiResponse(description="The object is not visible to the user."),
}


class WritableMixin:
    """POST, PUT / PATCH and DELETE for one family of kinds, each queued through the services.

    Writes look objects up in the `view` scope: users who can see an object but may not change
    it get the services' 403, and everyone else a 404.
    """

    write_action = "view"
    family = ""
    other_endpoint = ""

    def _in_family(self, manifest: dict[str, Any]) -> dict[str, Any]:
        kind = str(manifest.get("kind") or "")
        if kind and services.is_policy_kind(kind) != (self.family == "policies"):
            message = f"{kind} objects are written through {self.other_endpoint}."
            raise ValidationFailed([Problem("kind", message)])
        return manifest

    @extend_schema(
        request=ObjectCreateSerializer,
        responses={
            202: QueuedOperationSerializer,
            **WRITE_ERRORS,
            409: OpenApiResponse(description="It exists already, or the instance is unreachable."),
        },
    )
    def create(self, request, *args, **kwargs):
        """Queue creating the object in Karmada."""

        def queue(data, manifest):
            return services.submit_object(
                actor=request.user, instance=data["instance"], manifest=self._in_family(manifest)
            )

        return _write(
            request, ObjectCreateSerializer(data=request.data, context={"request": request}), queue
        )

    def _replace(self, request, patch: bool) -> Response:
        row = self.get_object()

        def queue(data, manifest):
            if patch:
                if row.kind == "Secret":
                    message = "The console keeps no Secret data to patch; PUT the whole Secret."
                    raise ValidationFailed([Problem("", message)])
                manifest = services.merge_patch(services.editable(row.raw), manifest)
            return services.submit_object(
                actor=request.user,
                instance=row.instance,
                manifest=services.manifest_for(row, manifest),
                expected_resource_version=data["resource_version"],
            )

        return _write(request, ObjectUpdateSerializer(data=request.data), queue, obj=row)

    @extend_schema(
        request=ObjectUpdateSerializer,
        responses={202: QueuedOperationSerializer, **WRITE_ERRORS, 409: StaleEditSerializer},
    )
    def update(self, request, *args, **kwargs):
        """Queue replacing the object with `manifest`, if it is still at `resource_version`."""
        return self._replace(request, patch=False)

    @extend_schema(
        request=ObjectUpdateSerializer,
        responses={202: QueuedOperationSerializer, **WRITE_ERRORS, 409: StaleEditSerializer},
    )
    def partial_update(self, request, *args, **kwargs):
        """Like PUT, with `manifest` a JSON merge patch of the current object."""
        return self._replace(request, patch=True)

    @extend_schema(
        request=None,
        responses={202: QueuedOperationSerializer, 403: WRITE_ERRORS[403], 404: WRITE_ERRORS[404]},
    )
    def destroy(self, request, *args, **kwargs):
        """Queue deleting the object from Karmada."""
        row = self.get_object()
        operation = services.delete_object(
            actor=request.user,
            instance=row.instance,
            kind=row.kind,
            namespace=row.namespace,
            name=row.name,
            expected_uid=row.uid,
        )
        context = {"request": request, "object": row}
        return Response(
            QueuedOperationSerializer(operation, context=context).data,
            status=status.HTTP_202_ACCEPTED,
        )
