"""Indicators: definitions in versions, their arithmetic, colours and periods (no Django)."""
