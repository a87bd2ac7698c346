"""Templates against the control plane's Kubernetes version (errors) and each member's
(warnings naming the members whose copies would fail to apply)."""

from workloads.validation.versions import control_plane_problems, member_warnings


def service(**spec) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"ports": [{"port": 80}], **spec},
    }


# spec.trafficDistribution arrived in Kubernetes 1.30.
NEW_FIELD = service(trafficDistribution="PreferClose")
MEMBERS = [("old-a", "v1.29.10"), ("old-b", "v1.29.8"), ("new", "v1.31.4")]


def test_the_control_plane_version_decides_what_blocks():
    assert control_plane_problems(NEW_FIELD, "v1.32.4") == []
    [problem] = control_plane_problems(NEW_FIELD, "v1.29.3")
    assert problem.field_path == "spec.trafficDistribution" and not problem.warning


def test_an_unknown_or_ancient_control_plane_version_uses_the_newest_schemas():
    assert control_plane_problems(NEW_FIELD, "") == []
    assert control_plane_problems(NEW_FIELD, "v1.2.0") == []
    assert control_plane_problems(NEW_FIELD, "not-a-version") == []


def test_members_that_do_not_know_a_field_are_named_in_one_warning():
    [warning] = member_warnings(NEW_FIELD, MEMBERS, known=[])
    assert warning.warning and warning.field_path == "spec.trafficDistribution"
    assert "old-a (1.29), old-b (1.29)" in warning.message and "new" not in warning.message


def test_what_already_blocks_is_not_repeated_per_member():
    known = control_plane_problems(service(ports="eighty"), "v1.32.4")
    assert known and member_warnings(service(ports="eighty"), MEMBERS, known) == []


def test_members_without_a_usable_version_are_skipped():
    assert member_warnings(NEW_FIELD, [("unknown", ""), ("ancient", "v1.10.0")], known=[]) == []
