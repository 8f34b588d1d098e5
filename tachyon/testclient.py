"""``TestClient``: an httpx client, as Starlette's, whose requests the app's real engine answers.

Everything a client does (URLs and query strings, bodies, cookies, redirects, auth, decoding, the response
API) is httpx's; the transport (``_testclient/transport.py``) carries each request to the engine over a
loopback connection, so tests exercise what production runs: Kestrel, the C# router and binder, the Python
lanes. As Starlette's, ``with TestClient(app)`` runs the lifespan, and an exception the app did not handle is
raised in the test (``raise_server_exceptions=True``).
"""
from __future__ import annotations

import warnings
from typing import Any

try:
    import httpx
except ModuleNotFoundError:  # pragma: no cover
    raise RuntimeError("tachyon.testclient requires the httpx package (scripts/setup.sh installs it from Debian; "
                       "elsewhere: pip install httpx)") from None

from ._boundary.engine import get_engine
from ._testclient.asgi_app import AsgiAppTransport, AsgiLifespan
from ._testclient.portal import LoopPortal
from ._testclient.router_app import app_for
from ._testclient.transport import EngineTransport
from .applications import FastAPI
from .exceptions import StarletteDeprecationWarning

__all__ = ["TestClient"]


class TestClient(httpx.Client):
    __test__ = False  # not a test class, for pytest's collector

    def __init__(self, app: Any, base_url: str = "http://testserver", raise_server_exceptions: bool = True,
                 root_path: str = "", backend: str = "asyncio", backend_options: dict[str, Any] | None = None,
                 cookies: Any = None, headers: dict[str, str] | None = None, follow_redirects: bool = True,
                 client: tuple[str, int] | None = ("testclient", 50000)) -> None:
        """Starlette's arguments. ``app`` is a Tachyon app, a bare APIRouter, or an ASGI callable wrapping a Tachyon
        app (see ``_testclient/asgi_app.py``); ``client`` is what ``request.client`` reports for this client's
        requests (None: no client). ``backend`` and ``backend_options`` are accepted for Starlette's signature: the
        app's async code always runs on the engine's asyncio loop."""
        self.app = app
        self._app = app_for(app)   # what serves: the app, or one around a bare APIRouter
        self._wrapper = not isinstance(self._app, FastAPI)   # an ASGI callable, called as Starlette's client calls it
        self.async_backend = {"backend": backend, "backend_options": backend_options or {}}
        self.app_state: dict[str, Any] = {}   # what the lifespan this client ran yielded (Starlette's)
        self._lifespan: Any = None   # inside ``with``: the token of the lifespan this client started
        self.portal: LoopPortal | None = None   # inside ``with``: runs code on the app's event loop
        if headers is None:
            headers = {}
        headers.setdefault("user-agent", "testclient")
        transport_class = AsgiAppTransport if self._wrapper else EngineTransport
        transport = transport_class(self._app, raise_server_exceptions=raise_server_exceptions, root_path=root_path,
                                    client=client, app_state=self.app_state)
        super().__init__(base_url=base_url, headers=headers, transport=transport, follow_redirects=follow_redirects,
                         cookies=cookies)

    def request(self, method: str, url: httpx._types.URLTypes, *, content: Any = None, data: Any = None,
                files: Any = None, json: Any = None, params: Any = None, headers: Any = None, cookies: Any = None,
                auth: Any = httpx.USE_CLIENT_DEFAULT, follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
                timeout: Any = httpx.USE_CLIENT_DEFAULT, extensions: dict[str, Any] | None = None) -> httpx.Response:
        if timeout is not httpx.USE_CLIENT_DEFAULT:
            warnings.warn("You should not use the 'timeout' argument with the TestClient. "
                          "See https://github.com/Kludex/starlette/issues/1108 for more information.",
                          StarletteDeprecationWarning, stacklevel=2)
        return super().request(method, self._merge_url(url), content=content, data=data, files=files, json=json,
                               params=params, headers=headers, cookies=cookies, auth=auth,
                               follow_redirects=follow_redirects, timeout=timeout, extensions=extensions)

    def __enter__(self) -> TestClient:
        # As Starlette's TestClient: a lifespan of its own runs inside ``with``.
        if self._wrapper:
            self._lifespan = AsgiLifespan(self._app, self.app_state)
            self._lifespan.start()
        else:
            self._lifespan = self._app.startup()
            self.app_state.update(self._app.lifespan.state)
        # Starlette's portal (an anyio BlockingPortal): ``portal.call(func, *args)``, ``portal.start_task_soon(...)``.
        self.portal = LoopPortal(get_engine().lanes.loop)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        # Starlette's closes the transport, not the client: the client still sends requests after ``with``, and
        # they still see its app_state.
        self.portal = None
        try:
            if self._wrapper:
                self._lifespan.stop()
            else:
                self._app.shutdown(self._lifespan)
        finally:
            self._transport.close()
