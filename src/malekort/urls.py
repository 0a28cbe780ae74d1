from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("malekort.login.urls")),
    path("admin/", admin.site.urls),
    path("", include("malekort.registration.urls")),
    path("", include("malekort.indicators.urls")),
    path("", include("malekort.scorecard.urls")),
    path("statistikk/", include("malekort.statistics.urls")),
    path("oppfolging/", include("malekort.followup.urls")),
    path("", include("malekort.kostra.urls")),
]

handler400 = "malekort.web.errors.bad_request"
handler404 = "malekort.web.errors.page_not_found"
# Norwegian error pages (templates/error.html and its children); /isalive, /isready and /metrics
# are answered by malekort.ops.middleware.HealthMiddleware before any URL is resolved.
handler403 = "malekort.ops.errors.permission_denied"
handler500 = "malekort.ops.errors.server_error"
