from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("instances/", views.instance_list, name="instance_list"),
    path("instances/new/", views.instance_register, name="instance_register"),
    path("instances/contexts/", views.instance_contexts, name="instance_contexts"),
    path("instances/<int:pk>/", views.instance_detail, name="instance_detail"),
    path("instances/<int:pk>/delete/", views.instance_delete, name="instance_delete"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/labels/", views.cluster_labels, name="cluster_labels"),
    path("clusters/<int:pk>/location/", views.cluster_location, name="cluster_location"),
    path("clusters/<int:pk>/taints/", views.cluster_taint_add, name="cluster_taint_add"),
    path(
        "clusters/<int:pk>/taints/remove/", views.cluster_taint_remove, name="cluster_taint_remove"
    ),
    path("clusters/<int:pk>/<str:action>/", views.cluster_cordon, name="cluster_cordon"),
    path("clusters/<int:pk>/demo/<str:fault>/", views.cluster_demo, name="cluster_demo"),
]
