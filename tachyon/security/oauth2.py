"""OAuth2 helpers: bearer-token dependencies, the password-flow form, and SecurityScopes."""
from __future__ import annotations

from typing import Annotated, Any

from ..openapi.models import OAuth2 as OAuth2Model
from ..openapi.models import OAuthFlows as OAuthFlowsModel
from ..param_functions import Form
from ..requests import Request
from .base import SecurityBase
from .utils import get_authorization_scheme_param


class SecurityScopes:
    """The OAuth2 scopes required by a dependency and every dependant above it (``Security(..., scopes=)``)."""

    def __init__(self, scopes: list[str] | None = None) -> None:
        self.scopes: list[str] = scopes or []
        self.scope_str: str = " ".join(self.scopes)


class OAuth2PasswordRequestForm:
    """The OAuth2 password flow's form: username, password, optional grant_type, scope, client id/secret."""

    def __init__(
        self,
        *,
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
        username: Annotated[str, Form()],
        password: Annotated[str, Form(json_schema_extra={"format": "password"})],
        scope: Annotated[str, Form()] = "",
        client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form(json_schema_extra={"format": "password"})] = None,
    ) -> None:
        self.grant_type = grant_type
        self.username = username
        self.password = password
        self.scopes = scope.split()
        self.client_id = client_id
        self.client_secret = client_secret


class OAuth2PasswordRequestFormStrict(OAuth2PasswordRequestForm):
    """The same form with ``grant_type=password`` required, as the OAuth2 spec says. Unlike the
    permissive form, FastAPI documents its secrets as plain strings (no ``format: password``)."""

    def __init__(
        self,
        grant_type: Annotated[str, Form(pattern="^password$")],
        username: Annotated[str, Form()],
        password: Annotated[str, Form()],
        scope: Annotated[str, Form()] = "",
        client_id: Annotated[str | None, Form()] = None,
        client_secret: Annotated[str | None, Form()] = None,
    ) -> None:
        super().__init__(grant_type=grant_type, username=username, password=password, scope=scope,
                         client_id=client_id, client_secret=client_secret)


class OAuth2(SecurityBase):
    def __init__(self, *, flows: OAuthFlowsModel | dict[str, Any] | None = None, scheme_name: str | None = None,
                 description: str | None = None, auto_error: bool = True) -> None:
        self.model = OAuth2Model(flows=flows or OAuthFlowsModel(), description=description)
        self.scheme_name = scheme_name or self.__class__.__name__
        self.auto_error = auto_error

    async def __call__(self, request: Request) -> str | None:
        return self.raw_authorization(request)


class _BearerToken(OAuth2):
    async def __call__(self, request: Request) -> str | None:
        authorization = request.headers.get("Authorization")
        scheme, param = get_authorization_scheme_param(authorization)
        if not authorization or scheme.lower() != "bearer":
            if self.auto_error:
                raise self.make_not_authenticated_error()
            return None
        return param


class OAuth2PasswordBearer(_BearerToken):
    """A dependency giving the bearer token of the request; documents the password flow at ``tokenUrl``."""

    def __init__(self, tokenUrl: str, scheme_name: str | None = None, scopes: dict[str, str] | None = None,  # noqa: N803
                 description: str | None = None, auto_error: bool = True, refreshUrl: str | None = None) -> None:  # noqa: N803
        flow = {"tokenUrl": tokenUrl, "refreshUrl": refreshUrl, "scopes": scopes or {}}
        super().__init__(flows={"password": flow}, scheme_name=scheme_name, description=description, auto_error=auto_error)


class OAuth2AuthorizationCodeBearer(_BearerToken):
    def __init__(self, authorizationUrl: str, tokenUrl: str, refreshUrl: str | None = None,  # noqa: N803
                 scheme_name: str | None = None, scopes: dict[str, str] | None = None, description: str | None = None,
                 auto_error: bool = True) -> None:
        flow = {"authorizationUrl": authorizationUrl, "tokenUrl": tokenUrl, "refreshUrl": refreshUrl, "scopes": scopes or {}}
        super().__init__(flows={"authorizationCode": flow}, scheme_name=scheme_name, description=description,
                         auto_error=auto_error)
