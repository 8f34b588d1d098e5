"""What Tachyon does not serve yet (middleware, WebSockets, streaming path operations) is refused where the app
declares it, with the reason, instead of being ignored or failing later with an unrelated error."""
from __future__ import annotations

import unittest

from tachyon import APIRouter, FastAPI


class Middleware:
    def __init__(self, app, **options) -> None:
        self.app = app


class UnsupportedFeaturesTest(unittest.TestCase):
    def refused(self, declare, reason: str) -> None:
        with self.assertRaises(NotImplementedError) as caught:
            declare()
        self.assertIn(reason, str(caught.exception))

    def test_middleware(self) -> None:
        app = FastAPI()
        reason = "middleware"
        self.refused(lambda: app.add_middleware(Middleware, allow_origins=["*"]), reason)
        self.refused(lambda: app.middleware("http"), reason)
        self.refused(lambda: FastAPI(middleware=[Middleware]), reason)

    def test_websockets(self) -> None:
        reason = "does not serve WebSockets yet"
        for owner in (FastAPI(), APIRouter()):
            self.refused(lambda: owner.websocket("/ws"), reason)
            self.refused(lambda: owner.add_api_websocket_route("/ws", lambda websocket: None), reason)
            self.refused(lambda: owner.websocket_route("/ws"), reason)
            self.refused(lambda: owner.add_websocket_route("/ws", lambda websocket: None), reason)

    def test_websocket_names_import_and_refuse_to_be_made(self) -> None:
        # Class-based-view libraries filter an app's routes with isinstance(route, (Route, WebSocketRoute)), and
        # modules import WebSocket for hints: the names must exist for their HTTP routes to serve.
        from starlette.routing import Route, WebSocketRoute
        from starlette.websockets import WebSocketDisconnect as StarletteDisconnect
        from tachyon import WebSocket, WebSocketDisconnect
        from tachyon.routing import APIRoute, APIWebSocketRoute
        from tachyon.websockets import WebSocketState

        reason = "does not serve WebSockets yet"
        self.assertFalse(any(isinstance(route, WebSocketRoute) for route in FastAPI().routes))
        self.assertTrue(issubclass(APIRoute, Route) and issubclass(APIWebSocketRoute, WebSocketRoute))
        self.refused(lambda: WebSocketRoute("/ws", lambda websocket: None), reason)
        self.refused(lambda: APIWebSocketRoute("/ws", lambda websocket: None), reason)
        self.refused(lambda: WebSocket({"type": "websocket"}, None, None), reason)
        self.assertIs(StarletteDisconnect, WebSocketDisconnect)
        disconnect = WebSocketDisconnect()
        self.assertEqual((disconnect.code, disconnect.reason), (1000, ""))
        self.assertEqual(WebSocketState.DISCONNECTED.value, 2)

    def test_path_operations_that_yield(self) -> None:
        def numbers():
            yield 1

        async def events():
            yield {"n": 1}

        class Feed:
            def __call__(self):
                yield "item"

        reason = "does not stream responses yet"
        for endpoint in (numbers, events, Feed()):
            self.refused(lambda: FastAPI().get("/stream")(endpoint), reason)
            self.refused(lambda: APIRouter().add_api_route("/stream", endpoint), reason)

    def test_yield_dependencies_are_not_refused(self) -> None:
        from tachyon import Depends

        def session():
            yield "s"

        app = FastAPI()

        @app.get("/with-session")
        def with_session(s: str = Depends(session)):
            return s

        self.assertEqual(app.routes[-1].path, "/with-session")


if __name__ == "__main__":
    unittest.main()
