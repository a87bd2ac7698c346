from django.urls import path

from . import onboarding_views, operator_views, topology, views

app_name = "clusters"
urlpatterns = [
    path("instances/", views.instance_list, name="instance_list"),
    path("instances/new/", views.instance_register, name="instance_register"),
    path("instances/contexts/", views.instance_contexts, name="instance_contexts"),
    path("instances/operator/", operator_views.karmada_list, name="karmada_list"),
    path("instances/operator/new/", operator_views.karmada_create, name="karmada_create"),
    path("instances/operator/<int:pk>/", operator_views.karmada_detail, name="karmada_detail"),
    path(
        "instances/operator/<int:pk>/uninstall/",
        operator_views.karmada_uninstall,
        name="karmada_uninstall",
    ),
    path("instances/<int:pk>/", views.instance_detail, name="instance_detail"),
    path("instances/<int:pk>/events/", views.instance_events, name="instance_events"),
    path("instances/<int:pk>/delete/", views.instance_delete, name="instance_delete"),
    path("instances/<int:pk>/join/", onboarding_views.cluster_join, name="cluster_join"),
    path(
        "instances/<int:pk>/register/", onboarding_views.cluster_register, name="cluster_register"
    ),
    path(
        "instances/<int:pk>/register/<int:op>/",
        onboarding_views.cluster_register_status,
        name="cluster_register_status",
    ),
    path("topology/", topology.topology_view, name="topology"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/events/", views.cluster_events, name="cluster_events"),
    path("clusters/<int:pk>/labels/", views.cluster_labels, name="cluster_labels"),
    path("clusters/<int:pk>/location/", views.cluster_location, name="cluster_location"),
    path("clusters/<int:pk>/taints/", views.cluster_taint_add, name="cluster_taint_add"),
    path(
        "clusters/<int:pk>/taints/remove/", views.cluster_taint_remove, name="cluster_taint_remove"
    ),
    path("clusters/<int:pk>/unjoin/", onboarding_views.cluster_unjoin, name="cluster_unjoin"),
    path("clusters/<int:pk>/drain/confirm/", views.cluster_drain_confirm, name="cluster_drain"),
    path("clusters/<int:pk>/<str:action>/", views.cluster_cordon, name="cluster_cordon"),
    path("clusters/<int:pk>/demo/<str:fault>/", views.cluster_demo, name="cluster_demo"),
]
