from django.urls import path
from django.views.generic import RedirectView

from malekort.login import views

urlpatterns = [
    path("logg-inn/", views.LoginPage.as_view(), name="login"),
    path("logg-inn/nav/", views.oidc_start, name="oidc-start"),
    path("logg-inn/nav/svar/", views.oidc_callback, name="oidc-callback"),
    path("logg-ut/", views.log_out, name="logout"),
    # The admin has no login of its own: everyone logs in on the one login page.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="admin-login"),
]
