"""Models of the chambers app."""
