"""Models of the services app."""
