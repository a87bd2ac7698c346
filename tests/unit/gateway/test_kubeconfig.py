"""Reading kubeconfigs from text, dicts and files, without connecting anywhere."""

from pathlib import Path

import pytest
import yaml

from karmada_gateway import KarmadaBadKubeconfig, KarmadaClient, kubeconfig_contexts
from karmada_gateway.kubeconfig import parse_kubeconfig


def kubeconfig(current: str = "b") -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "k", "cluster": {"server": "http://127.0.0.1:1"}}],
        "users": [{"name": "u", "user": {"token": "s3cret-token"}}],
        "contexts": [
            {"name": "a", "context": {"cluster": "k", "user": "u"}},
            {"name": "b", "context": {"cluster": "k", "user": "u"}},
        ],
        "current-context": current,
    }


def test_contexts_list_current_context_first() -> None:
    assert kubeconfig_contexts(yaml.safe_dump(kubeconfig("b"))) == ["b", "a"]


def test_contexts_from_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(kubeconfig("a")))
    assert kubeconfig_contexts(str(path)) == ["a", "b"]


def test_invalid_yaml_is_a_bad_kubeconfig() -> None:
    with pytest.raises(KarmadaBadKubeconfig, match="not valid YAML"):
        kubeconfig_contexts("clusters: [\n  - {name: x")


def test_yaml_that_is_not_a_kubeconfig_is_refused() -> None:
    with pytest.raises(KarmadaBadKubeconfig, match="not a kubeconfig"):
        parse_kubeconfig("just: a mapping\n")


def test_missing_file_path_is_refused() -> None:
    with pytest.raises(KarmadaBadKubeconfig):
        parse_kubeconfig("/nonexistent/kubeconfig")


def test_parse_copies_the_dict() -> None:
    original = kubeconfig()
    parsed = parse_kubeconfig(original)
    parsed["clusters"].clear()  # type: ignore[attr-defined]
    assert original["clusters"]


def test_unknown_context_is_refused() -> None:
    with pytest.raises(KarmadaBadKubeconfig, match="no context named 'nope'"):
        KarmadaClient.from_kubeconfig(kubeconfig(), context="nope")


def test_kubeconfig_without_current_context_needs_a_choice() -> None:
    config = kubeconfig()
    del config["current-context"]
    with pytest.raises(KarmadaBadKubeconfig, match="choose a context"):
        KarmadaClient.from_kubeconfig(config)


def test_context_pointing_at_missing_cluster_is_refused_without_leaking_token() -> None:
    config = kubeconfig()
    config["contexts"] = [{"name": "b", "context": {"cluster": "gone", "user": "u"}}]
    with pytest.raises(KarmadaBadKubeconfig) as info:
        KarmadaClient.from_kubeconfig(config)
    assert "s3cret-token" not in str(info.value)


def test_building_a_client_sends_nothing() -> None:
    client = KarmadaClient.from_kubeconfig(kubeconfig(), context="a")
    assert client.host == "http://127.0.0.1:1"
    client.close()


def test_invalid_certificate_data_is_a_bad_kubeconfig() -> None:
    config = kubeconfig()
    config["clusters"] = [
        {"name": "k", "cluster": {"server": "https://x", "certificate-authority-data": 12345}}
    ]
    with pytest.raises(KarmadaBadKubeconfig):
        KarmadaClient.from_kubeconfig(config)


def test_entries_of_the_wrong_shape_are_a_bad_kubeconfig() -> None:
    config = kubeconfig()
    config["contexts"] = ["b"]
    with pytest.raises(KarmadaBadKubeconfig):
        KarmadaClient.from_kubeconfig(config)


def test_relative_certificate_paths_follow_the_kubeconfig_file(tmp_path: Path) -> None:
    config = kubeconfig()
    config["clusters"] = [
        {"name": "k", "cluster": {"server": "https://x", "certificate-authority": "ca.crt"}}
    ]
    config["users"] = [{"name": "u", "user": {"client-key": "/abs/key.pem"}}]
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(config))
    parsed = parse_kubeconfig(str(path))
    assert parsed["clusters"][0]["cluster"]["certificate-authority"] == str(tmp_path / "ca.crt")
    assert parsed["users"][0]["user"]["client-key"] == "/abs/key.pem"
