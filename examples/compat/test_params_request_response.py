"""``Request`` and ``Response`` parameters, as FastAPI documents them (tests/test_tutorial/
test_using_request_directly, test_response_headers, test_response_cookies and
test_response_change_status_code in FastAPI's repository): the Request shows the request as sent, the
Response parameter's headers, cookies and status code are merged into the response built from the
returned data (not into a Response the endpoint returns itself), and neither parameter appears in
the OpenAPI document."""
from examples.compat import params_request_response
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as OK, RESPONSE_422 as INVALID, VALIDATION_SCHEMAS


class RequestResponseParamsTest(AppTestCase):
    app = params_request_response.app

    def test_request_parameter(self):
        response = self.client.get("/inspect/ann?q=1&sort=asc", headers={"X-Custom": "hi"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "name": "ann",
            "method": "GET",
            "url": "http://testserver/inspect/ann?q=1&sort=asc",
            "path": "/inspect/ann",
            "query": {"q": "1", "sort": "asc"},
            "x_custom": "hi",
            "path_params": {"name": "ann"},
        })

    def test_request_body(self):
        response = self.client.post("/echo", content=b'{"a": [1, 2]}', headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"payload": {"a": [1, 2]}, "length": 13, "content_type": "application/json"})

    def test_response_parameter_headers_and_cookies(self):
        response = self.client.get("/headers-and-cookies")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"message": "Hello World"})
        self.assertEqual(response.headers["x-cat-dog"], "alone in the world")
        self.assertEqual(response.headers["set-cookie"], "fakesession=fake-cookie-session-value; Path=/; SameSite=lax")
        self.assertEqual(response.headers["content-type"], "application/json")

    def test_response_parameter_status_code(self):
        existing = self.client.put("/get-or-create-task/foo")
        self.assertEqual(existing.status_code, 200)
        self.assertEqual(existing.json(), "Listen to the Bar Fighters")
        created = self.client.put("/get-or-create-task/bar")
        self.assertEqual(created.status_code, 201)
        self.assertEqual(created.json(), "This didn't exist before")
        again = self.client.put("/get-or-create-task/bar")
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.json(), "This didn't exist before")

    def test_returned_response_ignores_the_parameter(self):
        response = self.client.get("/direct")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"direct": True})
        self.assertEqual(response.headers["x-direct"], "kept")
        self.assertNotIn("x-from-parameter", response.headers)

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/inspect/{name}": {"get": {
                    "summary": "Inspect Request",
                    "operationId": "inspect_request_inspect__name__get",
                    "parameters": [{"name": "name", "in": "path", "required": True,
                                    "schema": {"type": "string", "title": "Name"}}],
                    "responses": {"200": OK, "422": INVALID},
                }},
                "/echo": {"post": {
                    "summary": "Echo",
                    "operationId": "echo_echo_post",
                    "responses": {"200": OK},
                }},
                "/headers-and-cookies": {"get": {
                    "summary": "Set Headers And Cookies",
                    "operationId": "set_headers_and_cookies_headers_and_cookies_get",
                    "responses": {"200": OK},
                }},
                "/get-or-create-task/{task_id}": {"put": {
                    "summary": "Get Or Create Task",
                    "operationId": "get_or_create_task_get_or_create_task__task_id__put",
                    "parameters": [{"name": "task_id", "in": "path", "required": True,
                                    "schema": {"type": "string", "title": "Task Id"}}],
                    "responses": {"200": OK, "422": INVALID},
                }},
                "/direct": {"get": {
                    "summary": "Direct Response",
                    "operationId": "direct_response_direct_get",
                    "responses": {"200": OK},
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
