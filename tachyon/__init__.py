"""Tachyon: FastAPI's API, served by a C# engine (ASP.NET Core's Kestrel) running inside this process.

Change ``from fastapi import …`` to ``from tachyon import …``.
"""
from ._starlette import finder as _starlette_finder

_starlette_finder.install()   # starlette.* imports work without Starlette (the checkout's .pth installs it earlier)

from .applications import FastAPI
from .background import BackgroundTasks
from . import status
from .exceptions import HTTPException, RequestValidationError, ResponseValidationError, WebSocketException
from .forms import UploadFile
from .param_functions import Body, Cookie, Depends, File, Form, Header, Path, Query, Security
from .requests import Request
from .responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from .routing import APIRouter
from .websockets import WebSocket, WebSocketDisconnect

Tachyon = FastAPI

__version__ = "0.1.0"

__all__ = [
    "APIRouter", "BackgroundTasks", "Body", "Cookie", "Depends", "FastAPI", "File", "Form", "HTMLResponse",
    "HTTPException", "Header", "UploadFile",
    "JSONResponse", "Path", "PlainTextResponse", "Query", "RedirectResponse", "Request", "RequestValidationError",
    "Response", "ResponseValidationError", "Security", "Tachyon", "WebSocket", "WebSocketDisconnect", "WebSocketException",
    "status",
]
