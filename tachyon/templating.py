"""``Jinja2Templates``: HTML pages rendered from Jinja2 templates, with Starlette's API
(``templates.TemplateResponse(request, "item.html", {"id": id})``) and its ``url_for`` in templates."""
from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from os import PathLike
from typing import Any

import jinja2

from .requests import Request
from .responses import HTMLResponse

__all__ = ["Jinja2Templates"]


class _TemplateResponse(HTMLResponse):
    """The rendered page; keeps the template and the context it was rendered with (tests read them)."""

    def __init__(self, template: jinja2.Template, context: dict[str, Any], status_code: int = 200,
                 headers: Mapping[str, str] | None = None, media_type: str | None = None, background: Any = None) -> None:
        self.template = template
        self.context = context
        super().__init__(template.render(context), status_code, headers, media_type, background)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Starlette's: tells a TestClient (its request offers the debug extension) what was rendered, when the
        page is sent, so it shows as ``response.template`` and ``response.context``."""
        request = self.context.get("request", {})
        if "http.response.debug" in request.get("extensions", {}):
            await send({"type": "http.response.debug", "info": {"template": self.template, "context": self.context}})
        await super().__call__(scope, receive, send)


class Jinja2Templates:
    def __init__(self, directory: str | PathLike[str] | Sequence[str | PathLike[str]] | None = None, *,
                 context_processors: list[Callable[[Request], dict[str, Any]]] | None = None,
                 env: jinja2.Environment | None = None, **env_options: Any) -> None:
        if bool(directory) == bool(env):
            raise AssertionError("either 'directory' or 'env' arguments must be passed")
        self.context_processors = context_processors or []
        if env is None:
            env_options.setdefault("loader", jinja2.FileSystemLoader(directory))
            env_options.setdefault("autoescape", jinja2.select_autoescape())   # .html, .htm and .xml templates
            env = jinja2.Environment(**env_options)
        env.globals.setdefault("url_for", _url_for)
        self.env = env

    def get_template(self, name: str) -> jinja2.Template:
        return self.env.get_template(name)

    def TemplateResponse(self, *args: Any, **kwargs: Any) -> _TemplateResponse:  # noqa: N802
        """``TemplateResponse(request, name, context=None, status_code=200, headers=None, media_type=None,
        background=None)``; the older ``TemplateResponse(name, {"request": request, ...})`` still works,
        with Starlette's deprecation warning."""
        if args and not isinstance(args[0], str):
            request, *rest = args
            name = rest[0] if rest else kwargs.pop("name")
            context = (rest[1] if len(rest) > 1 else kwargs.pop("context", None)) or {}
            extra = rest[2:]
        elif "request" in kwargs:
            request = kwargs.pop("request")
            name = args[0] if args else kwargs.pop("name")
            context = (args[1] if len(args) > 1 else kwargs.pop("context", None)) or {}
            extra = args[2:]
        else:
            warnings.warn("The `name` is not the first parameter anymore. The first parameter should be the "
                          "`Request` instance.\nReplace `TemplateResponse(name, {\"request\": request})` by "
                          "`TemplateResponse(request, name)`.", DeprecationWarning, stacklevel=2)
            name = args[0] if args else kwargs.pop("name")
            context = (args[1] if len(args) > 1 else kwargs.pop("context", None)) or {}
            extra = args[2:]
            if "request" not in context:
                raise ValueError('context must include a "request" key')
            request = context["request"]
        context.setdefault("request", request)   # in the caller's dict, as Starlette fills it
        for processor in self.context_processors:
            context.update(processor(request))
        return _TemplateResponse(self.get_template(name), context, *extra, **kwargs)


@jinja2.pass_context
def _url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> Any:
    return context["request"].url_for(name, **path_params)
