from django.urls import include, path

from malekort.statistics import views

urlpatterns = [
    path("", views.nation, name="statistics-nation"),
    path("fylke/<str:code>/", views.county, name="statistics-county"),
    path("", include("malekort.statistics.report_urls")),
]
