"""A type pydantic cannot handle, as a return annotation or a parameter, fails when the route is defined,
with FastAPI's FastAPIError and its hint (FastAPI's tests look for these phrases); response_model=None
turns the return annotation off."""
from __future__ import annotations

import unittest

from tachyon import FastAPI
from tachyon.exceptions import FastAPIError
from tachyon.responses import RedirectResponse, Response
from tachyon.testclient import TestClient


class Session:
    """Not a pydantic type (say, a database session without Depends)."""


class InvalidFieldTypeTest(unittest.TestCase):
    def test_invalid_return_annotation(self) -> None:
        app = FastAPI()
        with self.assertRaises(FastAPIError) as caught:
            @app.get("/")
            def read_root() -> Response | None:  # pragma: no cover
                return Response(content="Foo")
        message = caught.exception.args[0]
        self.assertIn("valid Pydantic field type", message)
        self.assertIn("parameter response_model=None", message)

    def test_invalid_parameter_type(self) -> None:
        with self.assertRaises(FastAPIError) as caught:
            @FastAPI().get("/")
            def read(db: Session):  # pragma: no cover
                return {}
        self.assertIn(f"check that {Session} is a valid Pydantic field type", caught.exception.args[0])

    def test_response_model_none_allows_the_annotation(self) -> None:
        app = FastAPI()

        @app.get("/", response_model=None)
        def read(redirect: bool = False) -> Response | dict:
            return RedirectResponse("/elsewhere") if redirect else {"plain": True}

        client = TestClient(app)
        self.assertEqual(client.get("/").json(), {"plain": True})
        self.assertEqual(client.get("/?redirect=true", follow_redirects=False).status_code, 307)


if __name__ == "__main__":
    unittest.main()
