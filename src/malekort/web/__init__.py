"""Shell helpers shared by every page: reading request parameters and the error pages."""
