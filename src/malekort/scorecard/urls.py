from django.urls import path

from malekort.scorecard import views

urlpatterns = [
    path("malekort/kontor/<str:office_code>/", views.office_scorecard, name="office-scorecard"),
    path("malekort/kontor/<str:office_code>/<str:indicator_code>/", views.office_indicator, name="office-indicator"),
    path("malekort/kommune/<str:code>/", views.municipality_scorecard, name="municipality-scorecard"),
    path("malekort/kommune/<str:code>/<str:indicator_code>/", views.municipality_indicator,
         name="municipality-indicator"),
    path("api/indikatorverdier/", views.indicator_values_json, name="indicator-values-json"),
]
