"""The workload summary the scheduler reads, and replica revision, like Karmada's interpreter."""

from karmada_semantics.interpreter import job_completions, revise_replicas
from karmada_semantics.scheduling import TargetCluster
from workloads.preview import workload_summary

from .builders import deployment


def _with_containers(containers, init=(), overhead=None):
    template = deployment()
    spec = template["spec"]["template"]["spec"]
    spec["containers"] = containers
    if init:
        spec["initContainers"] = list(init)
    if overhead:
        spec["overhead"] = overhead
    return template


def _requests(**values):
    return {"name": "c", "resources": {"requests": values}}


def test_requests_of_containers_are_summed():
    template = _with_containers([_requests(cpu="250m", memory="128Mi"), _requests(cpu="1")])
    assert workload_summary(template)["resourceRequest"] == {"cpu": "1250m", "memory": "128Mi"}


def test_limits_stand_in_for_missing_requests():
    container = {
        "name": "c",
        "resources": {"limits": {"cpu": "2", "memory": "1Gi"}, "requests": {"cpu": "1"}},
    }
    assert workload_summary(_with_containers([container]))["resourceRequest"] == {
        "cpu": "1",
        "memory": "1Gi",
    }


def test_init_containers_count_by_their_maximum():
    template = _with_containers(
        [_requests(cpu="500m")], init=[_requests(cpu="2"), _requests(cpu="1")]
    )
    assert workload_summary(template)["resourceRequest"] == {"cpu": "2"}


def test_pod_overhead_is_added():
    template = _with_containers([_requests(cpu="500m")], overhead={"cpu": "100m"})
    assert workload_summary(template)["resourceRequest"] == {"cpu": "600m"}


def test_no_requests_means_no_resource_request():
    summary = workload_summary(_with_containers([{"name": "c", "image": "x"}]))
    assert "resourceRequest" not in summary
    assert summary["replicas"] == 6


def test_kinds_without_replicas_have_none():
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    assert "replicas" not in workload_summary(config)


def test_revise_replicas_only_where_the_template_sets_them():
    assert revise_replicas(deployment(replicas=6), 2)["spec"]["replicas"] == 2
    unset = deployment()
    del unset["spec"]["replicas"]
    assert "replicas" not in revise_replicas(unset, 2)["spec"]


def test_revise_replicas_leaves_the_input_alone():
    template = deployment(replicas=6)
    revise_replicas(template, 1)
    assert template["spec"]["replicas"] == 6


def test_job_completions_follow_each_cluster_share():
    job = {"kind": "Job", "metadata": {"uid": ""}, "spec": {"completions": 9}}
    shares = job_completions(job, [TargetCluster("a", 2), TargetCluster("b", 1)])
    assert shares == {"a": 6, "b": 3}
