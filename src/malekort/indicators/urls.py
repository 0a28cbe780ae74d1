from django.urls import path

from malekort.indicators import views

urlpatterns = [
    path("indikatorer/", views.indicator_list, name="indicator-list"),
    path("indikatorer/ny/", views.recommended_indicator_new, name="recommended-indicator-new"),
    path("indikatorer/onsker/", views.indicator_requests, name="indicator-requests"),
    path("indikatorer/anbefalte-grenser/", views.recommended_limits, name="recommended-limits"),
    path("indikatorer/kommune/<str:kommune>/", views.municipality_indicators, name="municipality-indicators"),
    path("indikatorer/kommune/<str:kommune>/ny/", views.own_indicator_new, name="own-indicator-new"),
    path("indikatorer/<str:code>/ny-versjon/", views.indicator_version_new, name="indicator-version-new"),
]
