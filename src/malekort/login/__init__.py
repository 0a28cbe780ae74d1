"""Logging in: OpenID Connect through Entra ID, local passwords for development, lockout."""
