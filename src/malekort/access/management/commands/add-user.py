"""`malekort add-user`: a local user with one role, for development, the demo and emergencies."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from malekort.access.actions import LocalUserError, create_local_user
from malekort.access.models import Role

PASSWORD_VARIABLE = "MALEKORT_NEW_PASSWORD"


class Command(BaseCommand):
    help = (
        "Oppretter en lokal bruker med én rolle. Passordet leses fra MALEKORT_NEW_PASSWORD, "
        "ellers spør kommandoen etter det."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", metavar="NAME", help="brukernavn")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role], help="rollen")
        parser.add_argument("--office", metavar="CODE", help="kontoret (for office_leader)")
        parser.add_argument("--region", metavar="CODE", help="kommunen (municipality) eller fylket (county_governor)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        role = Role(options["role"])
        try:
            user = create_local_user(
                username=options["name"], role=role, password=password,
                office=options["office"], region=options["region"],
            )
        except LocalUserError as error:
            raise CommandError(str(error)) from None
        target = options["office"] or options["region"] or "hele landet"
        self.stdout.write(f"Opprettet {user.username}: {role.label} ({target}).")
        from malekort.login.backends import local_login_enabled

        if not local_login_enabled():
            self.stdout.write("Merk: innlogging med passord krever MALEKORT_LOCAL_LOGIN=1.")

    def _ask_password(self) -> str:
        try:
            first = getpass.getpass("Passord: ")
            second = getpass.getpass("Passord (igjen): ")
        except EOFError:
            raise CommandError(
                f"Ingen passord: sett {PASSWORD_VARIABLE} eller kjør kommandoen i en terminal."
            ) from None
        if first != second:
            raise CommandError("Passordene er ikke like.")
        if not first:
            raise CommandError("Passordet kan ikke være tomt.")
        return first
