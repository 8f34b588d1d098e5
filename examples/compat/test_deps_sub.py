"""Sub-dependencies (FastAPI's tests/test_tutorial/test_dependencies/test_tutorial005.py): a query value
falls back to a cookie; the sub-dependency's parameters join the operation's in OpenAPI. Caching, as
FastAPI's docs describe ("Using the same dependency multiple times"): one call per request by default,
a fresh call for each ``Depends(..., use_cache=False)``."""
from examples.compat import deps_sub
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}


class SubDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_sub.app

    def test_query_wins_over_cookie(self):
        response = self.client.get("/items/?q=foo", cookies={"last_query": "from_cookie"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"q_or_cookie": "foo"})

    def test_cookie_fallback(self):
        response = self.client.get("/items/", cookies={"last_query": "from_cookie"})
        self.assertEqual(response.json(), {"q_or_cookie": "from_cookie"})

    def test_neither(self):
        self.assertEqual(self.client.get("/items/").json(), {"q_or_cookie": None})

    def test_shared_dependency_is_called_once_per_request(self):
        expected = ["created", "first", "second"]
        for _ in range(2):  # and again on the next request: the cache lives for one request
            response = self.client.get("/cached/")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {"first": expected, "second": expected, "log": expected, "one_log": True})

    def test_use_cache_false_calls_again(self):
        response = self.client.get("/uncached/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"first": ["created", "first"], "fresh": ["created", "fresh"],
                                           "again": ["created"]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {
                    "summary": "Read Query",
                    "operationId": "read_query_items__get",
                    "parameters": [
                        {"name": "q", "in": "query", "required": False,
                         "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
                        {"name": "last_query", "in": "cookie", "required": False,
                         "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Last Query"}},
                    ],
                    "responses": RESPONSES,
                }},
                "/cached/": {"get": {
                    "summary": "Cached",
                    "operationId": "cached_cached__get",
                    "responses": {"200": RESPONSES["200"]},
                }},
                "/uncached/": {"get": {
                    "summary": "Uncached",
                    "operationId": "uncached_uncached__get",
                    "responses": {"200": RESPONSES["200"]},
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
