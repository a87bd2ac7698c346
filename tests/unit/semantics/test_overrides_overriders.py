"""commandOverrider, argsOverrider, labelsOverrider and annotationsOverrider."""

from karmada_semantics.overrides import apply_overrides

CLUSTER = {"metadata": {"name": "member1"}}


def workload(kind="Deployment", command=None, args=None, labels=None):
    container = {"name": "app", "image": "busybox"}
    if command is not None:
        container["command"] = command
    if args is not None:
        container["args"] = args
    metadata = {"name": "w", "namespace": "default"}
    if labels is not None:
        metadata["labels"] = labels
    pod = {"containers": [container]}
    spec = pod if kind == "Pod" else {"template": {"spec": pod}}
    if kind == "CronJob":
        spec = {"jobTemplate": {"spec": {"template": {"spec": pod}}}}
    return {"apiVersion": "v1", "kind": kind, "metadata": metadata, "spec": spec}


def apply(resource, overriders):
    policy = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {"overrideRules": [{"overriders": overriders}]},
    }
    return apply_overrides(resource, CLUSTER, [policy], [])


def container(result):
    spec = result.manifest["spec"]
    return (spec if "containers" in spec else spec["template"]["spec"])["containers"][0]


def test_command_add_creates_the_list_when_absent():
    result = apply(
        workload(),
        {"commandOverrider": [{"containerName": "app", "operator": "add", "value": ["/run"]}]},
    )
    assert container(result)["command"] == ["/run"]


def test_args_remove_drops_every_occurrence():
    result = apply(
        workload(kind="Pod", args=["-c", "a=1", "-c", "b=2"]),
        {"argsOverrider": [{"containerName": "app", "operator": "remove", "value": ["-c", "a=1"]}]},
    )
    assert container(result)["args"] == ["b=2"]


def test_command_remove_on_a_missing_command_adds_an_empty_list():
    result = apply(
        workload(),
        {"commandOverrider": [{"containerName": "app", "operator": "remove", "value": ["x"]}]},
    )
    assert container(result)["command"] == []


def test_command_overrider_for_an_unknown_container_is_a_silent_noop():
    resource = workload(command=["a"])
    result = apply(
        resource,
        {"commandOverrider": [{"containerName": "ghost", "operator": "add", "value": ["b"]}]},
    )
    assert result.manifest == resource


def test_command_overrider_on_a_cronjob_is_a_silent_noop():
    resource = workload(kind="CronJob", command=["a"])
    result = apply(
        resource,
        {"commandOverrider": [{"containerName": "app", "operator": "add", "value": ["b"]}]},
    )
    assert result.manifest == resource
    assert len(result.applied_overrides) == 1


def test_command_overrider_works_on_jobs():
    result = apply(
        workload(kind="Job"),
        {"commandOverrider": [{"containerName": "app", "operator": "add", "value": ["x"]}]},
    )
    assert container(result)["command"] == ["x"]


def test_labels_add_creates_the_map_when_missing():
    result = apply(workload(), {"labelsOverrider": [{"operator": "add", "value": {"team": "a"}}]})
    assert result.manifest["metadata"]["labels"] == {"team": "a"}


def test_labels_replace_and_remove_skip_missing_keys():
    result = apply(
        workload(labels={"tier": "web", "old": "x"}),
        {
            "labelsOverrider": [
                {"operator": "replace", "value": {"tier": "edge", "absent": "y"}},
                {"operator": "remove", "value": {"old": "", "ghost": ""}},
            ]
        },
    )
    assert result.manifest["metadata"]["labels"] == {"tier": "edge"}


def test_label_keys_with_a_slash_are_one_key():
    result = apply(
        workload(labels={}),
        {"labelsOverrider": [{"operator": "add", "value": {"app.kubernetes.io/name": "w"}}]},
    )
    assert result.manifest["metadata"]["labels"] == {"app.kubernetes.io/name": "w"}


def test_annotations_add_overwrites_an_existing_key():
    resource = workload()
    resource["metadata"]["annotations"] = {"a": "1"}
    result = apply(
        resource, {"annotationsOverrider": [{"operator": "add", "value": {"a": "2", "b": "3"}}]}
    )
    assert result.manifest["metadata"]["annotations"] == {"a": "2", "b": "3"}
