"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from . import api, views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("healthz", views.health, name="health"),
    path("tenants/", include("tenants.urls")),
    path("", include("clusters.urls")),
    path("", include("workloads.urls")),
    path("admin/", admin.site.urls),
    path("api/", include(api.urlpatterns)),
]
