"""HTTP authentication schemes: Basic, Bearer, Digest (``Authorization`` header)."""
from __future__ import annotations

import binascii
from base64 import b64decode

from pydantic import BaseModel

from ..openapi.models import HTTPBase as HTTPBaseModel
from ..openapi.models import HTTPBearer as HTTPBearerModel
from ..requests import Request
from .base import SecurityBase
from .utils import get_authorization_scheme_param


class HTTPBasicCredentials(BaseModel):
    username: str
    password: str


class HTTPAuthorizationCredentials(BaseModel):
    scheme: str
    credentials: str


class HTTPBase(SecurityBase):
    def __init__(self, *, scheme: str, scheme_name: str | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        self.model: HTTPBaseModel = HTTPBaseModel(scheme=scheme, description=description)
        self.scheme_name = scheme_name or self.__class__.__name__
        self.auto_error = auto_error

    def make_authenticate_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": self.model.scheme.title()}

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        authorization = request.headers.get("Authorization")
        scheme, credentials = get_authorization_scheme_param(authorization)
        if not (authorization and scheme and credentials):
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return HTTPAuthorizationCredentials(scheme=scheme, credentials=credentials)


class HTTPBasic(HTTPBase):
    def __init__(self, *, scheme_name: str | None = None, realm: str | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        super().__init__(scheme="basic", scheme_name=scheme_name, description=description, auto_error=auto_error)
        self.realm = realm

    def make_authenticate_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": f'Basic realm="{self.realm}"' if self.realm else "Basic"}

    async def __call__(self, request: Request) -> HTTPBasicCredentials | None:  # type: ignore[override]
        authorization = request.headers.get("Authorization")
        scheme, param = get_authorization_scheme_param(authorization)
        if not authorization or scheme.lower() != "basic":
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        # Undecodable credentials are rejected even with auto_error=False, as in FastAPI.
        try:
            data = b64decode(param).decode("ascii")
        except (ValueError, UnicodeDecodeError, binascii.Error) as error:
            raise self.make_not_authenticated_error() from error
        username, separator, password = data.partition(":")
        if not separator:
            raise self.make_not_authenticated_error()
        return HTTPBasicCredentials(username=username, password=password)


class HTTPBearer(HTTPBase):
    def __init__(self, *, bearerFormat: str | None = None, scheme_name: str | None = None,  # noqa: N803 - FastAPI's name
                 description: str | None = None, auto_error: bool = True) -> None:
        super().__init__(scheme="bearer", scheme_name=scheme_name, description=description, auto_error=auto_error)
        self.model = HTTPBearerModel(bearerFormat=bearerFormat, description=description)

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        credentials = await super().__call__(request)
        if credentials is not None and credentials.scheme.lower() != "bearer":
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return credentials


class HTTPDigest(HTTPBase):
    def __init__(self, *, scheme_name: str | None = None, description: str | None = None, auto_error: bool = True) -> None:
        super().__init__(scheme="digest", scheme_name=scheme_name, description=description, auto_error=auto_error)

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        credentials = await super().__call__(request)
        if credentials is not None and credentials.scheme.lower() != "digest":
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return credentials
