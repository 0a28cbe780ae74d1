"""The Directorate gives and takes roles by NAV ident in the admin; a known user's access follows at once."""

from __future__ import annotations

from django.contrib.auth.models import User

from malekort.access.models import Assignment, NavIdentAssignment, Origin, Role
from malekort.access.scope import scope_of


def test_roles_by_nav_ident_are_given_and_taken_in_the_admin(client, world):
    admin = User.objects.create_superuser("forvalter", password="x")
    known = User.objects.create(username="Z990002")
    client.force_login(admin)

    response = client.post("/admin/access/navidentassignment/add/", {
        "nav_ident": "z990002", "role": Role.OFFICE_LEADER, "office": "030102", "region": "",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    row = NavIdentAssignment.objects.get()
    assert row.nav_ident == "Z990002"
    assert scope_of(User.objects.get(pk=known.pk)).office_codes == {"030102"}
    assert Assignment.objects.get(user=known).origin == Origin.NAV_IDENT

    client.post(f"/admin/access/navidentassignment/{row.pk}/delete/", {"post": "yes"})

    assert not Assignment.objects.filter(user=known).exists()


def test_the_admin_refuses_a_malformed_nav_ident(client, world):
    client.force_login(User.objects.create_superuser("forvalter", password="x"))

    response = client.post("/admin/access/navidentassignment/add/", {
        "nav_ident": "Kari", "role": Role.OFFICE_LEADER, "office": "", "region": "",
    })

    html = response.content.decode()
    assert response.status_code == 200
    assert "En NAV-ident er én bokstav og seks sifre" in html
    assert not NavIdentAssignment.objects.exists()
