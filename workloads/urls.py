from django.urls import path

from . import views

app_name = "workloads"
urlpatterns = [
    path("workloads/", views.workload_list, name="workload_list"),
    path("workloads/<int:pk>/", views.workload_detail, name="workload_detail"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
]
