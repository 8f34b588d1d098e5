"""Sub-applications as FastAPI serves them (tests/test_tutorial/test_sub_applications in FastAPI's
repository): each app documents only its own paths, the mounted one with its mount path as server."""
from examples.compat import routing_sub_applications
from tests.client_case import AppTestCase

RESPONSES = {"200": {"description": "Successful Response", "content": {"application/json": {"schema": {}}}}}


class SubApplicationsTest(AppTestCase):
    app = routing_sub_applications.app

    def test_main(self):
        response = self.client.get("/app")
        self.assertEqual((response.status_code, response.json()), (200, {"message": "Hello World from main app"}))

    def test_sub(self):
        response = self.client.get("/subapi/sub")
        self.assertEqual((response.status_code, response.json()), (200, {"message": "Hello World from sub API"}))

    def test_openapi_schema_main(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/app": {"get": {"responses": RESPONSES, "summary": "Read Main", "operationId": "read_main_app_get"}}},
        })

    def test_openapi_schema_sub(self):
        document = self.client.get("/subapi/openapi.json").json()
        self.assertEqual(document["servers"], [{"url": "/subapi"}])
        self.assertEqual(document["paths"]["/sub"], {"get": {
            "responses": RESPONSES, "summary": "Read Sub", "operationId": "read_sub_sub_get"}})
        self.assertEqual(list(document["paths"]), ["/sub", "/items/{item_id}", "/boom"])

    def test_sub_docs_point_under_the_mount(self):
        html = self.client.get("/subapi/docs").text
        self.assertIn("url: '/subapi/openapi.json'", html)
        self.assertIn('src="/subapi/_tachyon/docs/swagger-ui-bundle.js"', html)
        self.assertEqual(self.client.get("/subapi/_tachyon/docs/swagger-ui-bundle.js").status_code, 200)

    def test_the_sub_apps_exception_handlers_and_validation(self):
        response = self.client.get("/subapi/items/0")
        self.assertEqual((response.status_code, response.json()), (404, {"sub_detail": "no item 0"}))
        response = self.client.get("/subapi/items/x")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["path", "item_id"])

    def test_paths_outside_the_mount(self):
        self.assertEqual(self.client.get("/sub").status_code, 404)
        self.assertEqual(self.client.get("/subapi/app").status_code, 404)

    def test_an_unhandled_error_in_the_sub_app_reaches_the_test(self):
        with self.assertRaisesRegex(RuntimeError, "sub app failure"):
            self.client.get("/subapi/boom")

    def test_the_sub_apps_own_dependency_overrides_apply_while_serving(self):
        routing_sub_applications.subapi.dependency_overrides[routing_sub_applications.item_limit] = lambda: 1
        try:
            response = self.client.get("/subapi/items/5")
            self.assertEqual((response.status_code, response.json()), (404, {"sub_detail": "no item 5"}))
        finally:
            routing_sub_applications.subapi.dependency_overrides.clear()
        self.assertEqual(self.client.get("/subapi/items/5").json(), {"item_id": 5})
