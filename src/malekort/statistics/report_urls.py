"""Report downloads under statistikk/: included from `statistics.urls`."""

from django.urls import path

from malekort.statistics import report_views

urlpatterns = [
    path("rapporter/", report_views.report_index, name="statistics-reports"),
    path("rapport/<str:scope>/<str:month>.<str:fmt>", report_views.report_download, name="statistics-report"),
]
