"""``status`` (FastAPI's ``from fastapi import status`` is ``starlette.status``; FastAPI's
tests/test_tutorial/test_response_status_code/).

The names are Starlette's (starlette/status.py ``__all__``), including ``HTTP_306_RESERVED``, the RFC 9110
names ``HTTP_413_CONTENT_TOO_LARGE``, ``HTTP_414_URI_TOO_LONG``, ``HTTP_416_RANGE_NOT_SATISFIABLE``,
``HTTP_422_UNPROCESSABLE_CONTENT``, and the WebSocket codes up to ``WS_1015_TLS_HANDSHAKE`` with
``WS_1014_BAD_GATEWAY``. A 204 route answers no body and is documented without content.
"""
import unittest

from examples.compat import modules_status
from tachyon import status
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class StatusTest(AppTestCase):
    app = modules_status.app

    def test_created(self) -> None:
        response = self.client.post("/items/", params={"name": "saw"})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json(), {"name": "saw"})

    def test_no_content_and_not_found(self) -> None:
        response = self.client.delete("/items/hammer")
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.content, b"")
        response = self.client.delete("/items/hammer")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Item not found"})

    def test_teapot(self) -> None:
        response = self.client.get("/teapot")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.json(), {"coffee": False})

    def test_documented_status_codes(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertEqual(paths["/items/"]["post"]["responses"]["201"],
                         RESPONSE_200)
        self.assertEqual(paths["/items/{name}"]["delete"]["responses"]["204"], {"description": "Successful Response"})
        self.assertEqual(paths["/teapot"]["get"]["responses"],
                         {"418": RESPONSE_200})

    def test_http_constants(self) -> None:
        expected = {
            "HTTP_100_CONTINUE": 100, "HTTP_103_EARLY_HINTS": 103, "HTTP_200_OK": 200, "HTTP_201_CREATED": 201,
            "HTTP_204_NO_CONTENT": 204, "HTTP_226_IM_USED": 226, "HTTP_301_MOVED_PERMANENTLY": 301,
            "HTTP_306_RESERVED": 306, "HTTP_307_TEMPORARY_REDIRECT": 307, "HTTP_308_PERMANENT_REDIRECT": 308,
            "HTTP_400_BAD_REQUEST": 400, "HTTP_401_UNAUTHORIZED": 401, "HTTP_403_FORBIDDEN": 403,
            "HTTP_404_NOT_FOUND": 404, "HTTP_413_CONTENT_TOO_LARGE": 413, "HTTP_414_URI_TOO_LONG": 414,
            "HTTP_416_RANGE_NOT_SATISFIABLE": 416, "HTTP_418_IM_A_TEAPOT": 418, "HTTP_421_MISDIRECTED_REQUEST": 421,
            "HTTP_422_UNPROCESSABLE_CONTENT": 422, "HTTP_425_TOO_EARLY": 425, "HTTP_429_TOO_MANY_REQUESTS": 429,
            "HTTP_451_UNAVAILABLE_FOR_LEGAL_REASONS": 451, "HTTP_500_INTERNAL_SERVER_ERROR": 500,
            "HTTP_503_SERVICE_UNAVAILABLE": 503, "HTTP_511_NETWORK_AUTHENTICATION_REQUIRED": 511,
        }
        for name, code in expected.items():
            with self.subTest(name=name):
                self.assertEqual(getattr(status, name, None), code)

    def test_websocket_constants(self) -> None:
        expected = {
            "WS_1000_NORMAL_CLOSURE": 1000, "WS_1001_GOING_AWAY": 1001, "WS_1008_POLICY_VIOLATION": 1008,
            "WS_1011_INTERNAL_ERROR": 1011, "WS_1013_TRY_AGAIN_LATER": 1013, "WS_1014_BAD_GATEWAY": 1014,
            "WS_1015_TLS_HANDSHAKE": 1015,
        }
        for name, code in expected.items():
            with self.subTest(name=name):
                self.assertEqual(getattr(status, name, None), code)


if __name__ == "__main__":
    unittest.main()
