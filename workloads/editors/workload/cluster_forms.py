"""Guided forms of the cluster-scoped templates platform operators place with
ClusterPropagationPolicies: StorageClasses, ClusterRoles and ClusterRoleBindings."""

from __future__ import annotations

from workloads.editors.schema import Field, Group, Section

_RULES = Group(
    "rules",
    "Rules",
    (
        # YAML, because the core group is the empty string, which a comma list cannot hold.
        Field(
            "apiGroups",
            "API groups",
            "yaml",
            placeholder='["", apps]',
            help='A YAML list; "" is the core group (pods, services, configmaps...).',
        ),
        Field("resources", "Resources", "list", placeholder="pods, deployments"),
        Field("verbs", "Verbs", "list", placeholder="get, list, watch"),
        Field(
            "resourceNames", "Resource names", "list", help="Empty: every object.", advanced=True
        ),
        Field(
            "nonResourceURLs", "Non-resource URLs", "list", placeholder="/healthz", advanced=True
        ),
    ),
    add_label="Add rule",
    help="Each rule grants its verbs on its resources; a ClusterRole allows what any rule allows.",
)

CLUSTER_SPEC_SECTIONS: dict[str, tuple[Section, ...]] = {
    "StorageClass": (
        Section(
            "Storage class",
            (
                Field(
                    "provisioner",
                    "Provisioner",
                    placeholder="ebs.csi.aws.com",
                    help="Cannot change once created; members need this CSI driver.",
                ),
                Field(
                    "parameters",
                    "Parameters",
                    "map",
                    placeholder="type=gp3",
                    help="Passed to the provisioner; cannot change once created.",
                ),
                Field("reclaimPolicy", "Reclaim policy", "select", ("Delete", "Retain")),
                Field(
                    "volumeBindingMode",
                    "Volume binding",
                    "select",
                    ("Immediate", "WaitForFirstConsumer"),
                    help="WaitForFirstConsumer provisions in the zone of the first pod using it.",
                ),
                Field("allowVolumeExpansion", "Allow volume expansion", "checkbox"),
                Field("mountOptions", "Mount options", "list", advanced=True),
            ),
        ),
    ),
    "ClusterRole": (Section("Permissions", (_RULES,)),),
    "ClusterRoleBinding": (
        Section(
            "Role",
            (
                Field("roleRef.name", "ClusterRole", help="Cannot change once created."),
                Field(
                    "roleRef.kind",
                    "Role kind",
                    "select",
                    ("ClusterRole",),
                    help="A ClusterRoleBinding binds a ClusterRole.",
                ),
                Field(
                    "roleRef.apiGroup", "Role API group", placeholder="rbac.authorization.k8s.io"
                ),
            ),
        ),
        Section(
            "Subjects",
            (
                Group(
                    "subjects",
                    "Subjects",
                    (
                        Field("kind", "Kind", "select", ("User", "Group", "ServiceAccount")),
                        Field("name", "Name"),
                        Field(
                            "namespace",
                            "Namespace",
                            help="ServiceAccounts only: the namespace the account lives in.",
                        ),
                        Field(
                            "apiGroup",
                            "API group",
                            placeholder="rbac.authorization.k8s.io",
                            help="rbac.authorization.k8s.io for users and groups; empty for "
                            "ServiceAccounts.",
                        ),
                    ),
                    add_label="Add subject",
                ),
            ),
        ),
    ),
}
