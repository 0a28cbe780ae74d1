from django.urls import path

from malekort.registration import transfer_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("import/", transfer_views.upload, name="upload"),
    path("eksport/", transfer_views.export, name="export"),
    path("kontor/<str:office_code>/", views.office_month_list, name="office-months"),
    path("kontor/<str:office_code>/<str:period>/", views.office_month, name="office-month"),
    path(
        "kontor/<str:office_code>/<str:period>/endringer/",
        views.month_changes,
        name="month-changes",
    ),
    path(
        "kontor/<str:office_code>/<str:period>/historikk/<str:area_code>/<str:figure_code>/",
        views.value_history_page,
        name="value-history",
    ),
]
