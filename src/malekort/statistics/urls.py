from django.urls import path

from malekort.statistics import views

urlpatterns = [
    path("", views.nation, name="statistics-nation"),
    path("fylke/<str:code>/", views.county, name="statistics-county"),
]
