from django.urls import path

from malekort.followup import views

urlpatterns = [
    path("", views.overview, name="followup"),
    path("oppfolging.csv", views.overview_csv, name="followup-csv"),
    path("<str:county_code>/", views.county, name="followup-county"),
    path("<str:county_code>/oppfolging.csv", views.county_csv, name="followup-county-csv"),
]
