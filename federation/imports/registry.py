"""The registered import specifications, filled in each app's ``AppConfig.ready()``."""

from __future__ import annotations

from .spec import ImportSpec

_specs: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    """Register ``spec`` under its key (once: a second spec with the same key is a programming error)."""
    if spec.key in _specs and _specs[spec.key] is not spec:
        raise ValueError(f"an import spec {spec.key!r} is already registered")
    _specs[spec.key] = spec
    return spec


def get(key: str) -> ImportSpec:
    return _specs[key]


def all_specs() -> list[ImportSpec]:
    return list(_specs.values())
