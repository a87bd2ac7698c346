from django.urls import path

from . import editor_views, views

app_name = "workloads"
urlpatterns = [
    path("workloads/", views.workload_list, name="workload_list"),
    path("workloads/new/", editor_views.workload_new, name="workload_new"),
    path("workloads/<int:pk>/", views.workload_detail, name="workload_detail"),
    path("workloads/<int:pk>/edit/", editor_views.workload_edit, name="workload_edit"),
    path("workloads/<int:pk>/delete/", editor_views.workload_delete, name="workload_delete"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/new/", editor_views.policy_new, name="policy_new"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("policies/<int:pk>/edit/", editor_views.policy_edit, name="policy_edit"),
    path("policies/<int:pk>/delete/", editor_views.policy_delete, name="policy_delete"),
]
