"""``BackgroundTasks`` (FastAPI's tests/test_tutorial/test_background_tasks/test_tutorial002.py): tasks
added by a dependency and by the endpoint share one object and run in order after the response (the
body shows none has run yet); a BackgroundTasks parameter is not an OpenAPI parameter."""
import time

from examples.compat import deps_background
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

log = deps_background.log


class BackgroundTasksTest(AppTestCase):
    maxDiff = None
    app = deps_background.app

    def setUp(self):
        log.clear()

    def wait_for_log(self, length):
        deadline = time.monotonic() + 2
        while len(log) < length and time.monotonic() < deadline:
            time.sleep(0.005)

    def test_tasks_run_after_the_response_in_order(self):
        response = self.client.post("/send-notification/foo@example.com?q=some-query")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"message": "Message sent", "log_so_far": []})
        self.wait_for_log(3)
        self.assertEqual(log, ["found query: some-query", "message to foo@example.com",
                               "email to foo@example.com: Notification"])

    def test_without_the_dependency_task(self):
        response = self.client.post("/send-notification/rick@example.com")
        self.assertEqual(response.json(), {"message": "Message sent", "log_so_far": []})
        self.wait_for_log(2)
        self.assertEqual(log, ["message to rick@example.com", "email to rick@example.com: Notification"])

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/send-notification/{email}": {"post": {
                "summary": "Send Notification",
                "operationId": "send_notification_send_notification__email__post",
                "parameters": [
                    {"name": "email", "in": "path", "required": True, "schema": {"type": "string", "title": "Email"}},
                    {"name": "q", "in": "query", "required": False,
                     "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
                ],
                "responses": {
                    "200": RESPONSE_200,
                    "422": RESPONSE_422,
                },
            }}},
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
