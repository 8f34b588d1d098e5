"""Per-request objects a handler or dependency can ask for (Request, Response, BackgroundTasks), and
turning the endpoint's result into the final Response when they are involved."""
from __future__ import annotations

import contextlib
import functools
import inspect
import threading
from collections.abc import Callable
from typing import Any

from ..background import BackgroundTasks
from ..encoders import jsonable_encoder
from ..exceptions import FastAPIError
from ..datastructures import FormData
from ..forms import UploadFile, form_uploads, uploads_in
from ..requests import Request, request_for
from ..responses import Response
from ..utils import is_body_allowed_for_status_code
from .request_data import RequestData
from .solver import NO_RESPONSE_MESSAGE


class HandlerRequest(tuple):
    """The raw request tuple, carrying the form the binder parsed, which ``request.form()`` then returns, as
    Starlette's cached form."""

    form: FormData


def carrying_form(raw: tuple, form: FormData) -> HandlerRequest:
    """``raw`` carrying ``form`` (see HandlerRequest)."""
    carrier = raw if isinstance(raw, HandlerRequest) else HandlerRequest(raw)
    carrier.form = form
    return carrier


class RequestContext:
    """Created once per request, only for routes whose tree asks for a special object or has ``yield``
    dependencies. The objects a route may ask for are made when first asked for (a Response alone costs
    microseconds)."""

    __slots__ = ("_raw", "_app", "_route", "_request", "_response", "_background")

    def __init__(self, raw: tuple, app: Any, route: Any) -> None:
        self._raw = raw
        self._app = app
        self._route = route
        self._request: Request | None = None
        self._response: Response | None = None
        self._background: BackgroundTasks | None = None

    @property
    def response(self) -> Response:
        """FastAPI's "sub-response": headers, cookies and a status code a handler sets on its parameter."""
        if self._response is None:
            self._response = Response()
            del self._response.headers["content-length"]
            self._response.status_code = None  # type: ignore[assignment]
        return self._response

    @property
    def background(self) -> BackgroundTasks:
        if self._background is None:
            self._background = BackgroundTasks()
        return self._background

    @property
    def asked_response(self) -> Response | None:
        """The sub-response, if some callable of the route asked for it."""
        return self._response

    @property
    def queued_tasks(self) -> BackgroundTasks | None:
        """The request's BackgroundTasks, if some callable added a task."""
        return self._background if self._background is not None and self._background.tasks else None

    @property
    def app(self) -> Any:
        return self._app

    @property
    def request(self) -> Request:
        if self._request is None:
            self._request = request_for(RequestData._make(self._raw), self._app, self._route)
            if self.form is not None and getattr(self._request, "_form", None) is None:
                self._request._form = self.form
        return self._request

    @property
    def form(self) -> FormData | None:
        """The form the binder parsed, if the body is one."""
        return getattr(self._raw, "form", None)


class AfterResponse:
    """A response's background work: its tasks, then the exit code of ``yield`` dependencies, then closing
    the uploaded files (FastAPI closes the form last, on its outermost exit stack)."""

    def __init__(self, tasks: Any, stack: contextlib.ExitStack | contextlib.AsyncExitStack | None,
                 uploads: list[UploadFile], context: RequestContext | None = None) -> None:
        """``context``: the request's, whose app's handlers see what this work raises."""
        self.tasks = tasks
        self.stack = stack
        self.uploads = uploads
        self.context = context
        # Made where the endpoint ran: for a def route, the sync lane that entered its yield dependencies.
        self.entered_on = threading.get_ident()

    async def __call__(self) -> None:
        if self.context is not None and self.context._request is not None:
            self.context._request._response_sent = True   # background work runs once the response is sent
        try:
            await self._run()
        except Exception as error:
            if self.context is None:
                raise
            raise await self.context.app.failed_after_response(error, self.context.request)  # noqa: B904 (its own)
        finally:
            for upload in self.uploads:
                await upload.close()

    async def _run(self) -> None:
        error: BaseException | None = None
        try:
            if self.tasks is not None:
                await self.tasks()
        except BaseException as exc:
            error = exc
        if self.stack is not None:
            # FastAPI runs the response, background tasks included, inside the request's exit stack: a task's
            # exception is thrown into the yield dependencies at their yield.
            exc_info = (type(error), error, error.__traceback__) if error is not None else (None, None, None)
            if isinstance(self.stack, contextlib.AsyncExitStack):
                suppressed = await self.stack.__aexit__(*exc_info)
            else:
                suppressed = await _exit_on_sync_lane(self.stack, exc_info, self.entered_on)
            if error is not None and suppressed:   # a dependency swallowed it: FastAPI's "not awaited" error
                raise FastAPIError(NO_RESPONSE_MESSAGE) from error
        if error is not None:
            raise error


async def _exit_on_sync_lane(stack: contextlib.ExitStack, exc_info: tuple, entered_on: int) -> bool:
    """A def route's exit stack (its sync yield dependencies) exits on the sync lane that entered it if that
    one is idle, and never on the loop, where it would hold up every async request. FastAPI exits them in its
    thread pool, in practice on the worker that entered them (anyio reuses the most recently idle one); a
    ``sqlite3`` connection made with ``check_same_thread`` needs that. The engine keeps such routes on the
    lanes (plans.py's ``stays_on_lanes``)."""
    from .._boundary.engine import get_engine   # running: this is a response's background work

    return bool(await get_engine().lanes.run_on_sync_lane(functools.partial(stack.__exit__, *exc_info), entered_on))


def close_form_after(response: Response, form: FormData) -> Response:
    """A request that failed validation: its form's files close after the error response and its background
    work, as FastAPI closes the form (the exception handler may still read ``exc.body``)."""
    uploads = form_uploads(form)
    if uploads:
        response.background = AfterResponse(response.background, None, uploads)
    return response


async def _close_form_when_done(pending: Any, form: FormData) -> Response:
    return close_form_after(await pending, form)


def close_form_after_handler(response: Any, exc: BaseException) -> Any:
    """``response`` (or the coroutine of an async exception handler) for ``exc``, with the request's form
    closing after it when ``exc`` is a validation error of a form body."""
    form = getattr(exc, "body", None)
    if not isinstance(form, FormData):
        return response
    if inspect.iscoroutine(response):
        return _close_form_when_done(response, form)
    return close_form_after(response, form) if isinstance(response, Response) else response


def make_finish(encode: Callable[[Any], Any] | None, status_code: int | None,
                response_class: type[Response]) -> Callable[..., Response]:
    """``encode`` turns a returned value into what the response class gets (None: jsonable_encoder);
    ``status_code`` is the route's, if set; otherwise the response class's own default applies."""
    status_args = {"status_code": status_code} if status_code else {}

    def finish(result: Any, context: RequestContext | None, stack: Any, form_values: tuple = ()) -> Response:
        returned = isinstance(result, Response)
        sub_response = context.asked_response if context is not None else None
        if returned:
            response = result
        else:
            # As FastAPI, the Response parameter's status is the response's from the start: its Content-Length
            # follows that status (none for a 304).
            sub_status = sub_response.status_code if sub_response is not None else None
            status = {"status_code": sub_status} if sub_status else status_args
            content = encode(result) if encode is not None else jsonable_encoder(result)
            if type(content) is bytes:   # pydantic's JSON (a response model and the default class), as FastAPI sends it
                response = Response(content, media_type="application/json", **status)
            else:
                response = response_class(content, **status)
            if sub_response is not None:  # FastAPI sends a returned Response as is, without its edits
                response.raw_headers.extend(sub_response.raw_headers)
        tasks = context.queued_tasks if context is not None else None
        if not returned and not is_body_allowed_for_status_code(response.status_code):
            response.body = b""   # FastAPI decides on the final status (the route's, or the Response parameter's)
        if response.background is not None:
            tasks = response.background  # FastAPI keeps a response's own tasks over the request's
        # The parameters' files; all of the form's when request.form() may reach the others (it holds the bound ones).
        uploads = (form_uploads(context.form) if context is not None and context.form is not None
                   else uploads_in(form_values))
        response.background = (AfterResponse(tasks, stack, uploads, context)
                                if tasks is not None or stack is not None or uploads else None)
        return response

    return finish
