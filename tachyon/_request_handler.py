"""FastAPI's request handler built from a ``Dependant`` (``fastapi.routing.get_request_handler``) and the
functions it is made of (``serialize_response``, ``run_endpoint_function``): what ``APIRoute.get_route_handler``
returns, for custom route classes that wrap it, and for extensions that build it themselves with some argument
changed. It takes FastAPI's steps: read the body, ``solve_dependencies``, call the endpoint, validate and
serialize its result, make the response, all from the Request it is given. Routes of the default class never
come here (the engine runs their compiled plans); a route whose class overrides ``get_route_handler`` is served
through what that returns, inside the exit stacks of ``with_exit_stacks``."""
from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack
from typing import Any

from . import params
from ._compat import ModelField, _normalize_errors
from ._endpoint.binder import is_json_body
from .background import BackgroundTask
from .concurrency import run_in_threadpool
from .datastructures import Default, DefaultPlaceholder
from .dependencies.models import Dependant
from .dependencies.solving import solve_dependencies
from .encoders import jsonable_encoder
from .exceptions import EndpointContext, HTTPException, RequestValidationError, ResponseValidationError
from .requests import Request
from .responses import JSONResponse, Response
from .utils import is_body_allowed_for_status_code

# The scope keys of FastAPI's exit stacks (set by its request_response): the form's files close with the first,
# request-scoped yield dependencies with the second, function-scoped ones with the third.
_FILE_STACK, _REQUEST_STACK, _FUNCTION_STACK = "fastapi_middleware_astack", "fastapi_inner_astack", "fastapi_function_astack"


def endpoint_location(endpoint: Callable[..., Any]) -> EndpointContext:
    """The endpoint's function name, source file and first line, as far as Python can tell."""
    location: EndpointContext = {}
    try:
        location["file"] = inspect.getsourcefile(endpoint) or ""
        location["line"] = inspect.getsourcelines(endpoint)[1]
    except (OSError, TypeError):   # built in Python code without a file, or not a function
        location.clear()
    name = getattr(endpoint, "__name__", None)
    if name:
        location["function"] = name
    return location


async def serialize_response(*, field: ModelField | None = None, response_content: Any, include: Any = None,
                             exclude: Any = None, by_alias: bool = True, exclude_unset: bool = False,
                             exclude_defaults: bool = False, exclude_none: bool = False, is_coroutine: bool = True,
                             endpoint_ctx: EndpointContext | None = None, dump_json: bool = False) -> Any:
    """FastAPI's, for extensions that call it: ``response_content`` validated against ``field`` (the response
    model) and serialized (to JSON bytes with ``dump_json``), or without a field ``jsonable_encoder``'s values.
    Tachyon's own routes render through ``_endpoint.rendering``, which does the same."""
    if field is None:
        return jsonable_encoder(response_content)
    if is_coroutine:
        value, errors = field.validate(response_content, {}, loc=("response",))
    else:
        value, errors = await run_in_threadpool(field.validate, response_content, {}, loc=("response",))
    if errors:
        raise ResponseValidationError(errors=errors, body=response_content, endpoint_ctx=endpoint_ctx or EndpointContext())
    serializer = field.serialize_json if dump_json else field.serialize
    return serializer(value, include=include, exclude=exclude, by_alias=by_alias, exclude_unset=exclude_unset,
                      exclude_defaults=exclude_defaults, exclude_none=exclude_none)


async def run_endpoint_function(*, dependant: Dependant, values: dict[str, Any], is_coroutine: bool) -> Any:
    """FastAPI's: calls the dependant's function with ``values``, a ``def`` one in the thread pool."""
    assert dependant.call is not None, "dependant.call must be a function"
    if is_coroutine:
        return await dependant.call(**values)
    return await run_in_threadpool(dependant.call, **values)


def get_request_handler(
    dependant: Dependant, body_field: ModelField | None = None, status_code: int | None = None,
    response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse), response_field: ModelField | None = None,
    response_model_include: Any = None, response_model_exclude: Any = None, response_model_by_alias: bool = True,
    response_model_exclude_unset: bool = False, response_model_exclude_defaults: bool = False,
    response_model_exclude_none: bool = False, dependency_overrides_provider: Any = None,
    embed_body_fields: bool = False, strict_content_type: bool | DefaultPlaceholder = Default(True),
) -> Callable[[Request], Coroutine[Any, Any, Response]]:
    """FastAPI's: ``async (request) -> Response`` that runs ``dependant`` for a request."""
    assert dependant.call is not None, "dependant.call must be a function"
    is_coroutine = dependant.is_coroutine_callable
    is_body_form = body_field is not None and isinstance(body_field.field_info, params.Form)
    actual_response_class = response_class.value if isinstance(response_class, DefaultPlaceholder) else response_class
    strict = strict_content_type.value if isinstance(strict_content_type, DefaultPlaceholder) else strict_content_type
    location = endpoint_location(dependant.call)

    async def read_request_body(request: Request, file_stack: AsyncExitStack, endpoint_ctx: EndpointContext) -> Any:
        """The form, the JSON or the bytes, each through the Request's own methods (a route class's Request
        may override them, or have set ``_body``/``_json``)."""
        if body_field is None:
            return None
        try:
            if is_body_form:
                form = await request.form()
                file_stack.push_async_callback(form.close)
                return form
            body = await request.body()
            if not body:
                return None
            return await request.json() if is_json_body(request.headers.get("content-type"), strict) else body
        except json.JSONDecodeError as error:
            raise RequestValidationError(
                [{"type": "json_invalid", "loc": ("body", error.pos), "msg": "JSON decode error", "input": {},
                  "ctx": {"error": error.msg}}],
                body=error.doc, endpoint_ctx=endpoint_ctx) from error
        except HTTPException:
            raise
        except Exception as error:
            raise HTTPException(status_code=400, detail="There was an error parsing the body") from error

    async def handle(request: Request) -> Response:
        scope = request.scope
        endpoint_ctx = EndpointContext(**location)
        if dependant.path:   # a mounted app's requests have its mount path in their root path
            endpoint_ctx["path"] = f"{request.method} {scope.get('root_path', '').rstrip('/')}{dependant.path}"
        body = await read_request_body(request, scope[_FILE_STACK], endpoint_ctx)
        solved = await solve_dependencies(request=request, dependant=dependant, body=body,
                                          dependency_overrides_provider=dependency_overrides_provider,
                                          async_exit_stack=scope[_REQUEST_STACK], embed_body_fields=embed_body_fields)
        if solved.errors:
            raise RequestValidationError(_normalize_errors(solved.errors), body=body, endpoint_ctx=endpoint_ctx)
        raw_response = await run_endpoint_function(dependant=dependant, values=solved.values, is_coroutine=is_coroutine)
        if isinstance(raw_response, Response):
            if raw_response.background is None:
                raw_response.background = solved.background_tasks
            return raw_response
        response_args: dict[str, Any] = {"background": solved.background_tasks}
        # The route's status code, else a dependency's; without either, the response class's own (307 for a redirect).
        current_status_code = status_code or solved.response.status_code
        if current_status_code is not None:
            response_args["status_code"] = current_status_code
        if solved.response.status_code:
            response_args["status_code"] = solved.response.status_code
        # FastAPI's fast path: with a response model and the default response class, pydantic writes the JSON.
        dump_json = response_field is not None and isinstance(response_class, DefaultPlaceholder)
        content = await serialize_response(
            field=response_field, response_content=raw_response, include=response_model_include,
            exclude=response_model_exclude, by_alias=response_model_by_alias,
            exclude_unset=response_model_exclude_unset, exclude_defaults=response_model_exclude_defaults,
            exclude_none=response_model_exclude_none, is_coroutine=is_coroutine, endpoint_ctx=endpoint_ctx,
            dump_json=dump_json)
        if dump_json:
            response = Response(content=content, media_type="application/json", **response_args)
        else:
            response = actual_response_class(content, **response_args)
        if not is_body_allowed_for_status_code(response.status_code):
            response.body = b""
        response.headers.raw.extend(solved.response.headers.raw)
        return response

    async def app(request: Request) -> Response:
        if isinstance(request.scope.get(_REQUEST_STACK), AsyncExitStack):   # under FastAPI's request_response
            return await handle(request)
        return await with_exit_stacks(request, handle)

    return app


async def with_exit_stacks(request: Request, handle: Callable[[Request], Coroutine[Any, Any, Response]]) -> Response:
    """Runs ``handle`` with the exit stacks FastAPI's request_response puts in the scope around a route's whole
    handler (a route class's code included): function-scoped yield dependencies exit when the handler is done,
    request-scoped ones and the form's files after the response is sent, or all of them with the exception
    the handler raised."""
    scope = request.scope
    request_stack, function_stack = AsyncExitStack(), AsyncExitStack()
    scope[_FILE_STACK] = scope[_REQUEST_STACK] = request_stack
    scope[_FUNCTION_STACK] = function_stack
    try:
        async with function_stack:
            response = await handle(request)
    except BaseException as error:
        await request_stack.__aexit__(type(error), error, error.__traceback__)
        raise
    background = response.background

    async def after_response() -> None:
        try:
            if background is not None:
                await background()
        finally:
            await request_stack.aclose()
    response.background = BackgroundTask(after_response)
    return response
