"""The site's URLs with the report URLs under statistikk/, for tests that run before `statistics.urls` includes them."""

from django.urls import include, path

urlpatterns = [
    path("statistikk/", include("malekort.statistics.report_urls")),
    path("", include("malekort.urls")),
]
