"""Security helpers (OAuth2, HTTP auth, API keys), as ``fastapi.security``."""
from .oauth2 import SecurityScopes

__all__ = ["SecurityScopes"]
