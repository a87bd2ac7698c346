from django.urls import path

from . import views

app_name = "workloads"
urlpatterns = [
    path("workloads/", views.workload_list, name="workload_list"),
    path("policies/", views.policy_list, name="policy_list"),
]
