"""Whether the database holds the demo's synthetic figures ("Eksempeldata")."""

from __future__ import annotations

from malekort.demo.models import DemoInfo


def is_demo_database() -> bool:
    return DemoInfo.objects.exists()


def data_not_from_the_demo() -> list[str]:
    """Return what the database holds that the demo did not make (empty for a new or a demo database).

    A demo database is marked when it is loaded; one without the mark that has
    users, offices or values holds someone's real work, which load-demo must not touch.
    """
    from django.contrib.auth.models import User

    from malekort.areas.models import Office
    from malekort.figures.models import ValueVersion

    if is_demo_database():
        return []
    found = []
    for count, what in (
        (User.objects.count(), "brukere"),
        (Office.objects.count(), "kontorer"),
        (ValueVersion.objects.count(), "registrerte verdier"),
    ):
        if count:
            found.append(f"{count} {what}")
    return found
