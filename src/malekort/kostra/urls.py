from django.urls import path

from malekort.kostra import views

urlpatterns = [
    path("kostra/import/", views.import_kostra, name="kostra-import"),
]
