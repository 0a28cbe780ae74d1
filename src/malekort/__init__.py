"""Målekort for sosiale tjenester: monthly key figures from NAV offices."""
