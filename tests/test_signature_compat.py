"""How path operations and their dependencies are read, as FastAPI reads them: the dependency cache key,
callables behind functools.partial / functools.wraps, definition-time errors, body fields declared twice,
several markers in one Annotated, and route classes and routers as FastAPI builds them."""
import unittest
from typing import Annotated

from tachyon import Depends, FastAPI, Security
from tachyon.security import SecurityScopes
from tachyon.testclient import TestClient


class SecurityScopesCacheTest(unittest.TestCase):
    def test_a_dependency_that_ignores_scopes_runs_once_under_security(self) -> None:
        calls: list[str] = []

        def get_db():
            calls.append("db")
            return len(calls)

        def get_user(db: Annotated[int, Depends(get_db)]):
            return db

        app = FastAPI()

        @app.get("/")
        def endpoint(db: Annotated[int, Depends(get_db)], user: Annotated[int, Security(get_user, scopes=["read"])]):
            return {"db": db, "user": user}

        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), {"db": 1, "user": 1})
        self.assertEqual(calls, ["db"])

    def test_a_dependency_reading_the_scopes_runs_once_per_set_of_scopes(self) -> None:
        calls: list[list[str]] = []

        def scopes_seen(security_scopes: SecurityScopes):
            calls.append(security_scopes.scopes)
            return security_scopes.scopes

        def reader(scopes: Annotated[list, Depends(scopes_seen)]):
            return scopes

        app = FastAPI()

        @app.get("/")
        def endpoint(plain: Annotated[list, Depends(scopes_seen)], read: Annotated[list, Security(reader, scopes=["read"])]):
            return {"plain": plain, "read": read}

        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), {"plain": [], "read": ["read"]})
        self.assertEqual(calls, [[], ["read"]])


if __name__ == "__main__":
    unittest.main()
