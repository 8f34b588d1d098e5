"""``on_event("startup")`` / ``on_event("shutdown")`` (FastAPI's tests/test_tutorial/test_events/
test_tutorial001.py and test_tutorial002.py): the TestClient runs them when entering and leaving
``with``, in registration order; without ``with`` they do not run."""
from examples.compat import deps_events
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

log = deps_events.log
items = deps_events.items


class EventsTest(AppTestCase):
    maxDiff = None
    app = deps_events.app

    def setUp(self):
        log.clear()
        items.clear()

    def test_startup_and_shutdown_handlers(self):
        with self.client:
            self.assertEqual(log, ["startup: items loaded", "startup: log opened"])
            response = self.client.get("/items/foo")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {"name": "Fighters"})
        self.assertEqual(log, ["startup: items loaded", "startup: log opened", "shutdown: application stopped"])
        self.assertEqual(items, {})

    def test_without_with_no_event_runs(self):
        response = self.client.get("/items/foo")
        self.assertEqual((response.status_code, response.json()), (404, {"detail": "Item not found"}))
        self.assertEqual(log, [])

    def test_openapi(self):
        with self.client:
            document = self.client.get("/openapi.json").json()
        self.assertEqual(document, {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/items/{item_id}": {"get": {
                "summary": "Read Items",
                "operationId": "read_items_items__item_id__get",
                "parameters": [{"name": "item_id", "in": "path", "required": True,
                                "schema": {"type": "string", "title": "Item Id"}}],
                "responses": {
                    "200": RESPONSE_200,
                    "422": RESPONSE_422,
                },
            }}},
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
