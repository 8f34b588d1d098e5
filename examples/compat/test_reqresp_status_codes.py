"""Status codes: the route's default, per-request changes through a Response parameter, and a
returned Response overriding the route, plus the status keys FastAPI documents in OpenAPI.

Expected values follow FastAPI 0.115+ / Starlette: a 204 has an empty body and no content-length
(the JSON response class still sets ``content-type: application/json``); ``HTTPStatus`` members
are normalised to ints."""
import unittest

from examples.compat import reqresp_status_codes
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422 as VALIDATION_422


class StatusCodesTest(AppTestCase):
    app = reqresp_status_codes.app

    def test_route_status_code(self) -> None:
        r = self.client.post("/tasks/", json={"title": "Buy milk"})
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.json(), {"title": "Buy milk", "done": False})

    def test_returned_response_status(self) -> None:
        self.assertEqual(self.client.get("/tasks/1").json(), {"title": "Write the report", "done": False})
        r = self.client.get("/tasks/99")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json(), {"message": "Task 99 not found"})

    def test_response_parameter_sets_status_per_request(self) -> None:
        r = self.client.put("/tasks/2", json={"title": "Call the bank"})
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.headers["x-task-id"], "2")
        self.assertEqual(r.json(), {"title": "Call the bank", "done": False})
        r = self.client.put("/tasks/2", json={"title": "Call the bank", "done": True})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.headers["x-task-id"], "2")
        self.assertEqual(r.json(), {"title": "Call the bank", "done": True})

    def test_no_content(self) -> None:
        r = self.client.delete("/tasks/3")
        self.assertEqual(r.status_code, 204)
        self.assertEqual(r.content, b"")
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertNotIn("content-length", r.headers)

    def test_http_status_enum(self) -> None:
        r = self.client.post("/jobs/")
        self.assertEqual(r.status_code, 202)
        self.assertEqual(r.json(), {"job": "queued"})

    def test_returned_response_ignores_route_status_code(self) -> None:
        r = self.client.post("/jobs/sync")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"job": "done"})

    def test_unusual_status_through_response_parameter(self) -> None:
        r = self.client.get("/teapot")
        self.assertEqual(r.status_code, 418)
        self.assertEqual(r.json(), {"brew": "refused"})

    def test_documented_status_codes(self) -> None:
        paths = self.app.openapi()["paths"]
        self.assertEqual(paths["/tasks/"]["post"]["responses"], {
            "201": {"description": "Successful Response",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Task"}}}},
            "422": VALIDATION_422,
        })
        self.assertEqual(paths["/tasks/{task_id}"]["delete"]["responses"],
                         {"204": {"description": "Successful Response"}, "422": VALIDATION_422})
        self.assertEqual(paths["/jobs/"]["post"]["responses"],
                         {"202": RESPONSE_200})
        self.assertEqual(paths["/jobs/sync"]["post"]["responses"],
                         {"202": RESPONSE_200})


if __name__ == "__main__":
    unittest.main()
