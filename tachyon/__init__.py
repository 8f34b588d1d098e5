"""Tachyon: FastAPI's API, served by a C# engine (ASP.NET Core's Kestrel) running inside this process.

Change ``from fastapi import …`` to ``from tachyon import …``.
"""
from .applications import FastAPI
from .exceptions import HTTPException, RequestValidationError, ResponseValidationError
from .param_functions import Body, Path, Query
from .responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from .routing import APIRouter

Tachyon = FastAPI

__version__ = "0.1.0"

__all__ = [
    "APIRouter", "Body", "FastAPI", "HTMLResponse", "HTTPException", "JSONResponse", "Path", "PlainTextResponse",
    "Query", "RedirectResponse", "RequestValidationError", "Response", "ResponseValidationError", "Tachyon",
]
