"""``fastapi.dependencies``: the signature helpers extensions import from ``fastapi.dependencies.utils``."""
