"""``api_route`` and ``add_api_route``: methods, 405 answers, options passed without a decorator,
and the OpenAPI document FastAPI writes for them.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0); the ValidationError
schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest
import warnings

from examples.compat import routing_api_route
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS

NOTE_REF = {"$ref": "#/components/schemas/Note"}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/ping": {
            "get": {"summary": "Ping", "operationId": "ping", "responses": {"200": JSON_200}},
            "post": {"summary": "Ping", "operationId": "ping", "responses": {"200": JSON_200}},
        },
        "/status": {
            "get": {"summary": "Read Status", "operationId": "read_status_status_get", "responses": {"200": JSON_200}},
        },
        "/notes": {
            "post": {
                "tags": ["notes"],
                "summary": "New Note",
                "operationId": "new_note_notes_post",
                "requestBody": {"content": {"application/json": {"schema": NOTE_REF}}, "required": True},
                "responses": {
                    "201": {"description": "Successful Response", "content": {"application/json": {"schema": NOTE_REF}}},
                    "422": VALIDATION_422,
                },
            }
        },
        "/tasks": {
            "get": {
                "tags": ["tasks"],
                "summary": "List Tasks",
                "operationId": "list_tasks_tasks_get",
                "responses": {"200": JSON_200},
            }
        },
        "/tasks/{task_id}": {
            "delete": {
                "tags": ["tasks"],
                "summary": "Delete Task",
                "operationId": "delete_task_tasks__task_id__delete",
                "parameters": [
                    {"name": "task_id", "in": "path", "required": True, "schema": {"type": "integer", "title": "Task Id"}},
                ],
                "responses": {"204": {"description": "Successful Response"}, "422": VALIDATION_422},
            }
        },
    },
    "components": {
        "schemas": {
            "Note": {
                "title": "Note",
                "type": "object",
                "properties": {
                    "title": {"type": "string", "title": "Title"},
                    "body": {"type": "string", "title": "Body", "default": ""},
                },
                "required": ["title"],
            },
            **VALIDATION_SCHEMAS,
        }
    },
}


class APIRouteTest(AppTestCase):
    app = routing_api_route.app

    def test_one_handler_for_several_methods(self) -> None:
        self.assertEqual(self.client.get("/ping").json(), {"method": "GET"})
        self.assertEqual(self.client.post("/ping").json(), {"method": "POST"})

    def test_other_methods_are_not_allowed(self) -> None:
        r = self.client.put("/ping")
        self.assertEqual(r.status_code, 405)
        self.assertEqual(r.json(), {"detail": "Method Not Allowed"})
        self.assertEqual(sorted(r.headers["allow"].split(", ")), ["GET", "POST"])
        r = self.client.delete("/status")
        self.assertEqual(r.status_code, 405)
        self.assertEqual(r.json(), {"detail": "Method Not Allowed"})
        self.assertEqual(r.headers["allow"], "GET")

    def test_get_routes_do_not_answer_head(self) -> None:
        r = self.client.head("/status")
        self.assertEqual(r.status_code, 405)
        self.assertEqual(r.headers["allow"], "GET")

    def test_add_api_route_defaults_to_get(self) -> None:
        r = self.client.get("/status")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"status": "green"})

    def test_add_api_route_options(self) -> None:
        r = self.client.post("/notes", json={"title": "Groceries"})
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.json(), {"title": "Groceries", "body": ""})
        self.assertEqual(self.client.get("/notes").status_code, 405)

    def test_router_add_api_route(self) -> None:
        r = self.client.get("/tasks")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), [{"id": 1, "title": "water the plants"}, {"id": 2, "title": "feed the cat"}])
        r = self.client.delete("/tasks/2")
        self.assertEqual(r.status_code, 204)
        self.assertEqual(r.content, b"")
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertNotIn("content-length", r.headers)

    def test_trailing_slash_redirects_to_the_route(self) -> None:
        r = self.client.get("/tasks/", follow_redirects=False)
        self.assertEqual(r.status_code, 307)
        self.assertEqual(r.headers["location"], "http://testserver/tasks")
        self.assertEqual(self.client.get("/tasks/").json(), self.client.get("/tasks").json())

    def test_names_are_route_names(self) -> None:
        self.assertEqual(self.app.url_path_for("new_note"), "/notes")
        self.assertEqual(self.app.url_path_for("delete_task", task_id=4), "/tasks/4")
        with self.assertRaises(Exception):
            self.app.url_path_for("create_note")

    def test_shared_operation_id_warns_once_per_duplicate(self) -> None:
        self.app.openapi_schema = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.app.openapi()
        self.assertEqual([str(w.message) for w in caught],
                         [f"Duplicate Operation ID ping for function ping at {routing_api_route.__file__}"])

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
