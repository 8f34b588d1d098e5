"""What every security scheme has: its OpenAPI model (``tachyon.openapi.models``), a scheme name, and the 401 it
answers when credentials are missing (FastAPI's ``make_not_authenticated_error``, which apps override
to keep the pre-0.122 403)."""
from __future__ import annotations

from typing import Any

from ..exceptions import HTTPException
from ..openapi.models import SecurityBase as SecurityBaseModel


class SecurityBase:
    model: SecurityBaseModel
    scheme_name: str
    auto_error: bool = True

    def make_authenticate_headers(self) -> dict[str, str]:
        """The ``WWW-Authenticate`` challenge; OAuth2 and OpenID Connect use ``Bearer``."""
        return {"WWW-Authenticate": "Bearer"}

    def make_not_authenticated_error(self) -> HTTPException:
        return HTTPException(status_code=401, detail="Not authenticated", headers=self.make_authenticate_headers())

    def raw_authorization(self, request: Any) -> str | None:
        """The ``Authorization`` header as sent (OAuth2 and OpenID Connect leave checking it to the app)."""
        authorization = request.headers.get("Authorization")
        if not authorization:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return authorization
