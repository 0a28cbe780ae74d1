"""The application's URLs plus three views that fail, for the error page tests."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from malekort.urls import handler403, handler500
from malekort.urls import urlpatterns as app_urlpatterns

DB_PASSWORD = "s3cret-db-passord"


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError(f'connection to "db" failed: password={DB_PASSWORD}')


def broken(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError(f"secret detail {DB_PASSWORD}")


urlpatterns = [
    path("test/database-down/", database_down),
    path("test/broken/", broken),
    *app_urlpatterns,
]

__all__ = ["handler403", "handler500", "urlpatterns"]
