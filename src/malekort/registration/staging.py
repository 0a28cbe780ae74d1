"""Checked uploads waiting for confirmation: stage, find, discard, and clear those past their hour."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from malekort.registration.models import StagedUpload

LIFETIME = timedelta(hours=1)


def stage_upload(*, owner: User, filename: str, data: bytes, now: datetime) -> StagedUpload:
    """Store a checked file for its owner to confirm, clearing every staged file past its hour first."""
    clear_expired_uploads(now=now)
    return StagedUpload.objects.create(owner=owner, filename=filename[:255], data=data, created_at=now)


def staged_upload(*, token: str, owner: User, now: datetime) -> StagedUpload | None:
    """Return the owner's staged file with this token, or None if there is none or its hour is over."""
    try:
        key = uuid.UUID(token)
    except (ValueError, AttributeError, TypeError):
        return None
    return StagedUpload.objects.filter(token=key, owner=owner, created_at__gt=now - LIFETIME).first()


def discard_upload(upload: StagedUpload) -> None:
    """Delete a staged file: it was imported or refused."""
    StagedUpload.objects.filter(pk=upload.pk).delete()


def clear_expired_uploads(*, now: datetime) -> int:
    """Delete every staged file older than LIFETIME; return how many."""
    deleted, _ = StagedUpload.objects.filter(created_at__lte=now - LIFETIME).delete()
    return deleted
