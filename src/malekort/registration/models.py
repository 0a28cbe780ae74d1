"""Files of values that were checked and wait for their owner to confirm the import."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class StagedUpload(models.Model):
    """An uploaded file of values between its check (a dry run) and the confirmed import.

    Kept in the database, not on a process's disk, so that any process can
    confirm an upload another one received. Deleted when imported, when the
    file is refused, or an hour after it came (see `registration.staging`).
    The files hold aggregate figures per area and month, never persons.
    """

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField("filnavn", max_length=255)
    data = models.BinaryField("innhold")
    created_at = models.DateTimeField("lastet opp", db_index=True)

    class Meta:
        verbose_name = "kontrollert fil"
        verbose_name_plural = "kontrollerte filer"

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
