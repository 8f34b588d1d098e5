"""FastAPI's default exception handlers. Each takes ``(request, exc)`` and returns a Response."""
from __future__ import annotations

from typing import Any

from .encoders import jsonable_encoder
from .exceptions import RequestValidationError, StarletteHTTPException, WebSocketRequestValidationError
from .responses import JSONResponse, Response
from .status import WS_1008_POLICY_VIOLATION
from .utils import is_body_allowed_for_status_code


async def http_exception_handler(request: Any, exc: StarletteHTTPException) -> Response:
    headers = getattr(exc, "headers", None)
    if not is_body_allowed_for_status_code(exc.status_code):
        return Response(status_code=exc.status_code, headers=headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)


async def request_validation_exception_handler(request: Any, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(exc.errors())})


async def websocket_request_validation_exception_handler(websocket: Any, exc: WebSocketRequestValidationError) -> None:
    await websocket.close(code=WS_1008_POLICY_VIOLATION, reason=jsonable_encoder(exc.errors()))
