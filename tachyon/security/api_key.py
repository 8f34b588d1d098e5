"""API keys in a query parameter, a header or a cookie."""
from __future__ import annotations

from ..openapi.models import APIKey, APIKeyIn
from ..requests import Request
from .base import SecurityBase


class APIKeyBase(SecurityBase):
    def __init__(self, *, location: str, name: str, scheme_name: str | None, description: str | None,
                 auto_error: bool) -> None:
        self.model = APIKey(**{"in": APIKeyIn(location)}, name=name, description=description)
        self.scheme_name = scheme_name or self.__class__.__name__
        self.auto_error = auto_error

    def make_authenticate_headers(self) -> dict[str, str]:
        """API keys have no standard challenge; a 401 must carry one, so FastAPI sends ``APIKey``."""
        return {"WWW-Authenticate": "APIKey"}

    def _check(self, key: str | None) -> str | None:
        if not key:
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return key


class APIKeyQuery(APIKeyBase):
    def __init__(self, *, name: str, scheme_name: str | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        super().__init__(location="query", name=name, scheme_name=scheme_name, description=description, auto_error=auto_error)

    async def __call__(self, request: Request) -> str | None:
        return self._check(request.query_params.get(self.model.name))


class APIKeyHeader(APIKeyBase):
    def __init__(self, *, name: str, scheme_name: str | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        super().__init__(location="header", name=name, scheme_name=scheme_name, description=description, auto_error=auto_error)

    async def __call__(self, request: Request) -> str | None:
        return self._check(request.headers.get(self.model.name))


class APIKeyCookie(APIKeyBase):
    def __init__(self, *, name: str, scheme_name: str | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        super().__init__(location="cookie", name=name, scheme_name=scheme_name, description=description, auto_error=auto_error)

    async def __call__(self, request: Request) -> str | None:
        return self._check(request.cookies.get(self.model.name))
