from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("instances/", views.instance_list, name="instance_list"),
    path("clusters/", views.cluster_list, name="cluster_list"),
]
