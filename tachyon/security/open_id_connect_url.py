"""OpenID Connect: documents the provider's discovery URL; the dependency gives the raw
``Authorization`` header (checking the token is the app's job), as FastAPI's ``OpenIdConnect``."""
from __future__ import annotations

from ..openapi.models import OpenIdConnect as OpenIdConnectModel
from ..requests import Request
from .base import SecurityBase


class OpenIdConnect(SecurityBase):
    def __init__(self, *, openIdConnectUrl: str, scheme_name: str | None = None,  # noqa: N803 - FastAPI's name
                 description: str | None = None, auto_error: bool = True) -> None:
        self.model = OpenIdConnectModel(openIdConnectUrl=openIdConnectUrl, description=description)
        self.scheme_name = scheme_name or self.__class__.__name__
        self.auto_error = auto_error

    async def __call__(self, request: Request) -> str | None:
        return self.raw_authorization(request)
