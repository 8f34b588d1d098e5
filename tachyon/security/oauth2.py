"""OAuth2 helpers."""
from __future__ import annotations


class SecurityScopes:
    """The OAuth2 scopes required by a dependency and every dependant above it (``Security(..., scopes=)``)."""

    def __init__(self, scopes: list[str] | None = None) -> None:
        self.scopes: list[str] = scopes or []
        self.scope_str: str = " ".join(self.scopes)
