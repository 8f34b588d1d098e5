"""What every security scheme has: an OpenAPI model (a dict here) and a scheme name."""
from __future__ import annotations

from typing import Any

from ..exceptions import HTTPException


class SecurityBase:
    model: dict[str, Any]
    scheme_name: str
    auto_error: bool = True

    def _not_authenticated(self, www_authenticate: str, detail: str = "Not authenticated") -> HTTPException:
        return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": www_authenticate})
