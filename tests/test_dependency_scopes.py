"""``Depends(scope=...)`` for yield dependencies (FastAPI 0.121+): "function" closes the dependency once the
response is made (rendered through the response model), before it is sent (so a failing teardown is a 500); "request",
the default, closes it after the response. A request-scoped yield dependency cannot depend on a
function-scoped one."""
from __future__ import annotations

import unittest
from typing import Annotated, Any

from pydantic import BaseModel

from tachyon import Depends, FastAPI
from tachyon.exceptions import DependencyScopeError, FastAPIError
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

events: list[str] = []


class Session:
    def __init__(self) -> None:
        self.open = True


def dep_session() -> Any:
    s = Session()
    yield s
    s.open = False
    events.append("session closed")


SessionFuncDep = Annotated[Session, Depends(dep_session, scope="function")]
SessionRequestDep = Annotated[Session, Depends(dep_session, scope="request")]
SessionDefaultDep = Annotated[Session, Depends(dep_session)]


def get_named_session(session: SessionRequestDep, session_b: SessionDefaultDep) -> Any:
    assert session is session_b   # "request" and the default are the same cached dependency
    yield session


def get_named_func_session(session: SessionFuncDep) -> Any:
    yield session


async def failing_commit() -> Any:
    yield "tx"
    raise RuntimeError("commit failed")


app = FastAPI()


@app.get("/two-scopes")
def two_scopes(function_session: SessionFuncDep, request_session: SessionRequestDep):
    return {"same": function_session is request_session}


@app.get("/function-scope")
async def function_scope(session: SessionFuncDep):
    return {"open": session.open}


@app.get("/sub")
def sub(session: Annotated[Session, Depends(get_named_session)]):
    return {"open": session.open}


@app.get("/named-function-scope")
def named_function_scope(session: Annotated[Session, Depends(get_named_func_session, scope="function")]):
    return {"open": session.open}


@app.get("/commit/function")
async def commit_function(tx: Annotated[str, Depends(failing_commit, scope="function")]):
    return {"tx": tx}


@app.get("/commit/request")
async def commit_request(tx: Annotated[str, Depends(failing_commit)]):
    return {"tx": tx}


class LazyUser:
    """An ORM-style object: its name is read through the session that loaded it."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def name(self) -> str:
        if not self._session.open:
            raise RuntimeError("session closed")
        return "Rick"


class UserOut(BaseModel):
    name: str


@app.get("/lazy/{scope}")
async def lazy(function_session: SessionFuncDep) -> UserOut:
    return LazyUser(function_session)   # read by attributes while the response model renders it


def observed_session() -> Any:
    try:
        yield "session"
    except Exception as exc:
        events.append(f"saw {type(exc).__name__}")
        raise


@app.get("/invalid-response", response_model=UserOut)
def invalid_response(s: Annotated[str, Depends(observed_session)],
                     f: Annotated[str, Depends(observed_session, scope="function")]):
    return {"name": None}


class DependencyScopesTest(AppTestCase):
    app = app

    def setUp(self) -> None:
        events.clear()

    def test_function_scope_closes_before_the_response(self) -> None:
        r = self.client.get("/function-scope")
        self.assertEqual(r.json(), {"open": True})
        self.assertEqual(events, ["session closed"])   # already closed when the response arrived

    def test_function_scope_closes_after_the_response_is_rendered(self) -> None:
        """FastAPI makes the response (serializes the response model) inside the function scope's stack."""
        events.clear()
        self.assertEqual(self.client.get("/lazy/function").json(), {"name": "Rick"})
        self.assertEqual(events, ["session closed"])

    def test_a_rendering_error_is_thrown_into_both_scopes(self) -> None:
        events.clear()
        client = TestClient(app, raise_server_exceptions=False)
        self.assertEqual(client.get("/invalid-response").status_code, 500)
        self.assertEqual(events, ["saw ResponseValidationError", "saw ResponseValidationError"])

    def test_two_scopes_are_two_dependencies(self) -> None:
        self.assertEqual(self.client.get("/two-scopes").json(), {"same": False})
        self.assertEqual(events, ["session closed", "session closed"])

    def test_request_and_default_scope_share_the_cache(self) -> None:
        self.assertEqual(self.client.get("/sub").json(), {"open": True})
        self.assertEqual(events, ["session closed"])   # one session, closed after the response

    def test_named_function_scope(self) -> None:
        self.assertEqual(self.client.get("/named-function-scope").json(), {"open": True})
        self.assertEqual(events, ["session closed"])

    def test_a_failing_function_scope_teardown_is_a_500(self) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.get("/commit/function")
            self.assertEqual((r.status_code, r.text), (500, "Internal Server Error"))

    def test_a_failing_request_scope_teardown_comes_after_the_response(self) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.get("/commit/request")
            self.assertEqual((r.status_code, r.json()), (200, {"tx": "tx"}))

    def test_broken_scope(self) -> None:
        with self.assertRaisesRegex(FastAPIError, 'The dependency "get_named_func_session" has a scope of "request", '
                                                  'it cannot depend on dependencies with scope "function"'):
            @FastAPI().get("/broken-scope")
            def broken(sessions: Annotated[Session, Depends(get_named_func_session)]):  # pragma: no cover
                pass
        self.assertTrue(issubclass(DependencyScopeError, FastAPIError))


if __name__ == "__main__":
    unittest.main()
