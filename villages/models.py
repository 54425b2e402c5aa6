"""Models of the villages app."""
