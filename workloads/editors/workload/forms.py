"""The guided form of each workload template kind (`workload_form`).

A form covers what an application team usually edits, not the whole schema: the YAML editor
holds the rest, and `read_form` keeps every field a form does not cover. Values that may span
lines or contain commas (annotations, ConfigMap data, commands) use the `yaml` widget, because
`map` and `list` cannot hold them losslessly.
"""

from __future__ import annotations

from workloads.editors.schema import Field, Group, Section, join
from workloads.kinds import CLUSTER_TEMPLATE_KIND_NAMES, TEMPLATE_KINDS

from .cluster_forms import CLUSTER_SPEC_SECTIONS

WORKLOAD_KINDS: dict[str, str] = {kind: api_version for api_version, kind in TEMPLATE_KINDS}

# Where each kind that runs pods keeps its pod template.
POD_TEMPLATES = {
    "Deployment": "spec.template",
    "StatefulSet": "spec.template",
    "DaemonSet": "spec.template",
    "Job": "spec.template",
    "CronJob": "spec.jobTemplate.spec.template",
}
# Kinds whose spec.selector must match their pod labels (Jobs generate theirs).
SELECTOR_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet"})


def known_kind(kind: str) -> str:
    """`kind` itself; raises ValueError unless it is one of WORKLOAD_KINDS."""
    if kind not in WORKLOAD_KINDS:
        raise ValueError(f"No guided form for kind {kind!r}.")
    return kind


def metadata_section(kind: str) -> Section:
    """Name, namespace (namespaced kinds), labels and annotations: the first section of every
    workload form."""
    namespace = (
        () if kind in CLUSTER_TEMPLATE_KIND_NAMES else (Field("metadata.namespace", "Namespace"),)
    )
    return Section(
        kind,
        (
            Field("metadata.name", "Name"),
            *namespace,
            Field("metadata.labels", "Labels", "map", placeholder="app=web"),
            Field(
                "metadata.annotations",
                "Annotations",
                "yaml",
                placeholder="example.com/owner: shop-team",
                help="One `key: value` per line, as YAML (values may span lines).",
            ),
        ),
    )


def containers(path: str) -> Group:
    """The containers list at `path` (a pod spec's `containers`): image, command, ports,
    environment and resource requests and limits."""
    return Group(
        path,
        "Containers",
        (
            Field("name", "Name"),
            Field("image", "Image", placeholder="nginx:1.27"),
            Field("imagePullPolicy", "Pull policy", "select", ("Always", "IfNotPresent", "Never")),
            Field(
                "command",
                "Command",
                "yaml",
                placeholder="- sh\n- -c",
                help="A YAML list, one item per line. Empty: the image's entrypoint.",
            ),
            Field(
                "args",
                "Arguments",
                "yaml",
                placeholder="- --port=8080",
                help="A YAML list, one item per line. Empty: the image's default arguments.",
            ),
            Group(
                "ports",
                "Ports",
                (
                    Field("name", "Name", placeholder="http"),
                    Field("containerPort", "Container port", "number"),
                    Field("protocol", "Protocol", "select", ("TCP", "UDP", "SCTP")),
                ),
                add_label="Add port",
            ),
            Group(
                "env",
                "Environment",
                (Field("name", "Name"), Field("value", "Value")),
                add_label="Add variable",
                help="Variables taken from ConfigMaps or Secrets keep their source (edit in YAML).",
            ),
            Field("resources.requests.cpu", "CPU request", placeholder="250m"),
            Field("resources.requests.memory", "Memory request", placeholder="256Mi"),
            Field("resources.limits.cpu", "CPU limit", placeholder="1"),
            Field("resources.limits.memory", "Memory limit", placeholder="512Mi"),
        ),
        add_label="Add container",
    )


def pod_section(kind: str) -> Section:
    """The pod template of a pod-running `kind`: its labels and containers."""
    template = POD_TEMPLATES[kind]
    labels_help = (
        f"The {kind}'s selector is set from these when it is created and cannot change "
        "afterwards: keep the selector's labels here."
        if kind in SELECTOR_KINDS
        else ""
    )
    fields: tuple[Field | Group, ...] = (
        Field(join(template, "metadata.labels"), "Pod labels", "map", help=labels_help),
    )
    if kind in ("Job", "CronJob"):
        fields += (
            Field(
                join(template, "spec.restartPolicy"),
                "Restart policy",
                "select",
                ("OnFailure", "Never"),
                help="Required for Jobs. OnFailure restarts the container in place.",
            ),
        )
    fields += (containers(join(template, "spec.containers")),)
    help = "A Job's pods cannot change once it is created." if kind == "Job" else ""
    return Section("Pods", fields, help=help)


_REPLICAS = Field("spec.replicas", "Replicas", "number")

_SPEC_SECTIONS: dict[str, tuple[Section, ...]] = {
    "Deployment": (
        Section(
            "Rollout",
            (
                _REPLICAS,
                Field(
                    "spec.strategy.type",
                    "Update strategy",
                    "select",
                    ("RollingUpdate", "Recreate"),
                    help="Recreate stops every pod before starting new ones. Switching to it: "
                    "remove spec.strategy.rollingUpdate in YAML too.",
                ),
            ),
        ),
    ),
    "StatefulSet": (
        Section(
            "Replicas",
            (
                _REPLICAS,
                Field(
                    "spec.serviceName",
                    "Service name",
                    help="The headless Service giving the pods their network identity.",
                ),
            ),
        ),
    ),
    "DaemonSet": (),
    "Job": (
        Section(
            "Completion",
            (
                Field("spec.completions", "Completions", "number", help="Empty: 1."),
                Field("spec.parallelism", "Parallelism", "number", help="Empty: 1."),
                Field("spec.backoffLimit", "Retries", "number", help="Empty: 6."),
            ),
        ),
    ),
    "CronJob": (
        Section(
            "Schedule",
            (
                Field("spec.schedule", "Schedule", placeholder="*/15 * * * *", help="Cron syntax."),
                Field("spec.suspend", "Suspend", "checkbox"),
                Field(
                    "spec.concurrencyPolicy",
                    "Concurrency",
                    "select",
                    ("Allow", "Forbid", "Replace"),
                    help="When a run is due while the last one still runs (default Allow).",
                ),
            ),
        ),
    ),
    "Service": (
        Section(
            "Service",
            (
                Field(
                    "spec.type",
                    "Type",
                    "select",
                    ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
                ),
                Field(
                    "spec.selector",
                    "Pod selector",
                    "map",
                    placeholder="app=web",
                    help="Pods with all these labels receive the traffic.",
                ),
                Field("spec.externalName", "External name", help="ExternalName: the DNS name."),
                Group(
                    "spec.ports",
                    "Ports",
                    (
                        Field("name", "Name", placeholder="http"),
                        Field("port", "Port", "number"),
                        Field(
                            "targetPort",
                            "Target port",
                            "intstr",
                            placeholder="http",
                            help="A container port number or name. Empty: the same as Port.",
                        ),
                        Field("protocol", "Protocol", "select", ("TCP", "UDP", "SCTP")),
                        Field(
                            "nodePort",
                            "Node port",
                            "number",
                            help="NodePort and LoadBalancer. Empty: assigned by the cluster.",
                        ),
                    ),
                    add_label="Add port",
                ),
            ),
        ),
    ),
    "Ingress": (
        Section(
            "Routing",
            (
                Field("spec.ingressClassName", "Ingress class", placeholder="nginx"),
                Group(
                    "spec.rules",
                    "Rules",
                    (
                        Field("host", "Host", placeholder="shop.example.com", help="Empty: any."),
                        Group(
                            "http.paths",
                            "Paths",
                            (
                                Field("path", "Path", placeholder="/"),
                                Field(
                                    "pathType",
                                    "Match",
                                    "select",
                                    ("Prefix", "Exact", "ImplementationSpecific"),
                                ),
                                Field("backend.service.name", "Service"),
                                Field("backend.service.port.number", "Service port", "number"),
                                Field(
                                    "backend.service.port.name",
                                    "Service port name",
                                    help="Instead of the port number.",
                                ),
                            ),
                            add_label="Add path",
                        ),
                    ),
                    add_label="Add rule",
                ),
                Group(
                    "spec.tls",
                    "TLS",
                    (
                        Field("hosts", "Hosts", "list", placeholder="shop.example.com"),
                        Field("secretName", "Certificate Secret"),
                    ),
                    add_label="Add certificate",
                ),
            ),
        ),
    ),
    "ConfigMap": (
        Section(
            "Data",
            (
                Field(
                    "data",
                    "Data",
                    "yaml",
                    placeholder="LOG_LEVEL: info\napp.conf: |\n  listen 8080",
                    help="One `key: value` per entry, as YAML; `key: |` for values over several "
                    "lines. Values are strings: quote those YAML reads as numbers or booleans.",
                ),
            ),
        ),
    ),
    "Secret": (
        Section(
            "Secret",
            (
                Field("type", "Type", placeholder="Opaque", help="Cannot change once created."),
                Field(
                    "stringData",
                    "Values",
                    "yaml",
                    placeholder="password: s3cret",
                    help="Stored values are never shown. They are kept unless replaced here: "
                    "a key set here replaces the stored value of the same key.",
                ),
            ),
        ),
    ),
    "PersistentVolumeClaim": (
        Section(
            "Storage",
            (
                Field(
                    "spec.accessModes",
                    "Access modes",
                    "list",
                    placeholder="ReadWriteOnce",
                    help="ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.",
                ),
                Field("spec.resources.requests.storage", "Size", placeholder="10Gi"),
                Field(
                    "spec.storageClassName",
                    "Storage class",
                    help="Empty: the cluster's default class.",
                ),
                Field("spec.volumeMode", "Volume mode", "select", ("Filesystem", "Block")),
            ),
        ),
    ),
    "HorizontalPodAutoscaler": (
        Section(
            "Scaling",
            (
                Field(
                    "spec.scaleTargetRef.apiVersion", "Target API version", placeholder="apps/v1"
                ),
                Field("spec.scaleTargetRef.kind", "Target kind", placeholder="Deployment"),
                Field("spec.scaleTargetRef.name", "Target name"),
                Field("spec.minReplicas", "Min replicas", "number", help="Empty: 1."),
                Field("spec.maxReplicas", "Max replicas", "number"),
                Group(
                    "spec.metrics",
                    "Metrics",
                    (
                        Field(
                            "type",
                            "Type",
                            "select",
                            ("Resource", "Pods", "Object", "External", "ContainerResource"),
                            help="The form edits Resource metrics; the others keep their "
                            "settings (edit them in YAML).",
                        ),
                        Field("resource.name", "Resource", "select", ("cpu", "memory")),
                        Field(
                            "resource.target.type",
                            "Target",
                            "select",
                            ("Utilization", "AverageValue"),
                        ),
                        Field(
                            "resource.target.averageUtilization",
                            "Average utilization (%)",
                            "number",
                            help="Utilization: percent of the pods' requests.",
                        ),
                        Field(
                            "resource.target.averageValue",
                            "Average value",
                            placeholder="500m",
                            help="AverageValue: a quantity per pod.",
                        ),
                    ),
                    add_label="Add metric",
                ),
            ),
        ),
    ),
    **CLUSTER_SPEC_SECTIONS,
}


def workload_form(kind: str) -> tuple[Section, ...]:
    """The sections of the guided form for a `kind` of WORKLOAD_KINDS: metadata, the kind's
    own settings, then the pods (kinds that run them). Raises ValueError for other kinds."""
    pods = (pod_section(kind),) if kind in POD_TEMPLATES else ()
    return (metadata_section(known_kind(kind)), *_SPEC_SECTIONS[kind], *pods)
