"""Policies have no background work yet (view counts are a single UPDATE in the request)."""
