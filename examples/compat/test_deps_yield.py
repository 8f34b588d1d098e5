"""Dependencies with ``yield``, as FastAPI 0.118+ runs them (FastAPI's docs "Dependencies with yield";
tests/test_tutorial/test_dependencies/test_tutorial008b.py, test_tutorial008c.py): setup before the
endpoint, exit code (in reverse order) after the response is sent, and the TestClient returns once it ran; an exception from the endpoint is
thrown into each dependency, which can turn it into an HTTPException; a dependency that catches it and
does not raise again makes the request fail with a 500."""
from examples.compat import deps_yield
from tachyon.exceptions import FastAPIError
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

events = deps_yield.events


class YieldDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_yield.app

    def setUp(self):
        events.clear()

    def test_exit_code_runs_after_the_response(self):
        response = self.client.get("/items/plumbus?user=Morty")
        self.assertEqual(response.status_code, 200)
        # the body was rendered before the exit code closed the db
        self.assertEqual(response.json(), {"item": {"description": "Freshly pickled plumbus", "owner": "Morty"},
                                           "db_open": True, "session": "session-1"})
        self.assertEqual(events, ["db: open", "session: start", "endpoint", "session: end", "db: close"])

    def test_http_exception_from_the_endpoint_is_seen_by_the_dependencies(self):
        response = self.client.get("/items/bar")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Item not found"})
        self.assertEqual(events, ["db: open", "session: start", "endpoint", "session: saw HTTPException",
                                  "session: end", "db: close"])

    def test_dependency_turns_an_exception_into_an_http_exception(self):
        response = self.client.get("/items/portal-gun?user=Morty")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "Owner error: Morty"})
        self.assertEqual(events, ["db: open", "session: start", "endpoint", "session: saw OwnerError",
                                  "session: end", "db: rollback after Morty", "db: close"])

    def test_no_exception_no_except(self):
        response = self.client.get("/swallow/good")
        self.assertEqual((response.status_code, response.json()), (200, {"item_id": "good", "value": "ok"}))
        self.assertEqual(events, [])

    def test_swallowed_exception_is_a_server_error(self):
        client = TestClient(self.app, raise_server_exceptions=False)
        self.addCleanup(client.close)
        response = client.get("/swallow/bad")
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response.text, "Internal Server Error")
        self.assertEqual(response.headers["content-type"], "text/plain; charset=utf-8")
        self.assertEqual(events, ["swallowed"])

    def test_swallowed_exception_is_fastapis_error_in_the_test(self):
        with self.assertRaises(FastAPIError) as caught:
            self.client.get("/swallow/bad")   # the TestClient raises what the app did not handle
        self.assertIn("Response not awaited. There's a high chance", caught.exception.args[0])
        self.assertIn("dependencies-with-yield-and-except", caught.exception.args[0])

    def test_openapi(self):
        responses = {
            "200": RESPONSE_200,
            "422": RESPONSE_422,
        }
        item_id = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string", "title": "Item Id"}}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/{item_id}": {"get": {
                    "summary": "Read Item",
                    "operationId": "read_item_items__item_id__get",
                    "parameters": [item_id, {"name": "user", "in": "query", "required": False,
                                             "schema": {"type": "string", "default": "Rick", "title": "User"}}],
                    "responses": responses,
                }},
                "/swallow/{item_id}": {"get": {
                    "summary": "Swallow",
                    "operationId": "swallow_swallow__item_id__get",
                    "parameters": [item_id],
                    "responses": responses,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
