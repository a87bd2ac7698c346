"""The cluster page's resource models: grades from spec, nodes per grade from status."""

import copy
import re

import pytest
from django.urls import reverse

from clusters import sync
from clusters.models import ClusterState, MemberCluster
from clusters.resource_models import describe_range, resource_models
from tests.factories import KarmadaInstanceFactory
from tests.integration.clusters.test_cluster_query_counts import cluster_object

pytestmark = pytest.mark.django_db


def model_rows(body: str, pk: int) -> dict[str, list[str]]:
    """grade -> its cells (ranges, then nodes) from the page's resource-model table."""
    table = body.split(f'id="cluster-{pk}-resource-models"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-grade="(\d+)">(.*?)</tr>', table)
    return {grade: re.findall(r"<td>(.*?)</td>", cells)[1:] for grade, cells in rows}


def test_sandbox_cluster_shows_default_grades_and_its_nodes(client_for, olga, instance):
    cluster = MemberCluster.objects.filter(instance=instance, state=ClusterState.READY).first()
    body = client_for(olga).get(reverse("clusters:cluster_detail", args=[cluster.pk]))
    rows = model_rows(body.content.decode(), cluster.pk)
    assert list(rows) == [str(grade) for grade in range(9)]
    assert rows["0"][:2] == ["&lt; 1", "&lt; 4Gi"]
    assert rows["2"][:2] == ["2 – 4", "16Gi – 32Gi"]
    assert rows["8"][:2] == ["≥ 128", "≥ 1Ti"]
    assert sum(int(cells[2]) for cells in rows.values()) == cluster.nodes_total


def test_cluster_without_models_explains_the_default(client_for, olga):
    raw = cluster_object("bare", "uid-bare")
    del raw["spec"]["resourceModels"]
    cluster = sync.upsert_cluster(KarmadaInstanceFactory(), raw)
    body = client_for(olga).get(reverse("clusters:cluster_detail", args=[cluster.pk]))
    text = body.content.decode()
    assert "This cluster defines no resource models." in text
    assert "CustomizedClusterResourceModeling" in text


def test_models_without_node_counts_say_so(client_for, olga):
    raw = copy.deepcopy(cluster_object("uncounted", "uid-uncounted"))
    del raw["status"]["resourceSummary"]["allocatableModelings"]
    cluster = sync.upsert_cluster(KarmadaInstanceFactory(), raw)
    body = client_for(olga).get(reverse("clusters:cluster_detail", args=[cluster.pk]))
    text = body.content.decode()
    assert model_rows(text, cluster.pk) == {"0": ["&lt; 4", "—"], "1": ["≥ 4", "—"]}
    assert "has not counted nodes per grade" in text


def test_ranges_and_missing_resources():
    table = resource_models(
        {
            "spec": {
                "resourceModels": [
                    {"grade": 1, "ranges": [{"name": "cpu", "min": "2", "max": "4"}]},
                    {
                        "grade": 0,
                        "ranges": [
                            {"name": "cpu", "min": "0", "max": "2"},
                            {"name": "nvidia.com/gpu", "min": "0", "max": "9223372036854775807"},
                        ],
                    },
                ]
            },
            "status": {"resourceSummary": {"allocatableModelings": [{"grade": 1, "count": 3}]}},
        }
    )
    assert table.resources == ("cpu", "nvidia.com/gpu")
    assert [(g.grade, g.ranges, g.nodes) for g in table.grades] == [
        (0, ("< 2", "any"), 0),
        (1, ("2 – 4", ""), 3),
    ]
    assert describe_range("500m", "1") == "500m – 1"
