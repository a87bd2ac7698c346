from django.urls import path

from . import views

app_name = "tenants"
urlpatterns = [
    path("", views.tenant_list, name="tenant_list"),
    path("new/", views.tenant_create, name="tenant_create"),
    path("<int:pk>/", views.tenant_detail, name="tenant_detail"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]
