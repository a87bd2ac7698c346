"""Validation of policies and manifests, with every problem at the field (and YAML line).

- `validate_policy(policy, *, clusters, other_policies, templates=None)` and
  `validate_override_policy(policy, *, clusters, templates=None)`: Karmada's CRD schema, its
  admission webhooks (from `karmada_semantics`) and semantic checks (selectors that match
  nothing, unknown or excluded clusters, equal-priority conflicts).
- `validate_manifest(manifest, kubernetes_version=None)`: built-in kinds against the schema of
  a Kubernetes version (a member's, to catch fields it does not know).
- `control_plane_problems(manifest, version)` and `member_warnings(manifest, members, known)`
  (`versions`): a template under its instance's API server version (errors), and what members
  of other versions would refuse (warnings naming them).
- `yaml_problems(text)` and `locate(text, problems)`: parse errors and problems by line.
"""

from .manifests import validate_manifest
from .policies import validate_override_policy, validate_policy
from .problems import Problem, errors
from .yamltext import locate, yaml_problems

__all__ = [
    "Problem",
    "errors",
    "locate",
    "validate_manifest",
    "validate_override_policy",
    "validate_policy",
    "yaml_problems",
]
