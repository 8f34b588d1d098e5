"""Parameter models, as FastAPI 0.115+ binds them (tests/test_tutorial/test_query_param_models,
test_header_param_models and test_cookie_param_models in FastAPI's repository): the model's fields are
looked up one by one, other keys are passed along so ``extra="forbid"`` can reject them, errors are
located at (source, field) and the OpenAPI document lists each field as its own parameter."""
from examples.compat import params_models
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}


class ParameterModelsTest(AppTestCase):
    app = params_models.app

    def test_query_model_values(self):
        response = self.client.get("/products/", params={"page_size": 10, "page": 2, "sort": "price",
                                                         "labels": ["new", "sale"]})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"page_size": 10, "page": 2, "sort": "price", "labels": ["new", "sale"]})

    def test_query_model_defaults(self):
        response = self.client.get("/products/")
        self.assertEqual(response.json(), {"page_size": 20, "page": 1, "sort": "name", "labels": []})

    def test_query_model_errors_are_located_per_field(self):
        response = self.client.get("/products/", params={"page_size": 60, "page": 0, "sort": "date"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "less_than_equal", "loc": ["query", "page_size"], "msg": "Input should be less than or equal to 50",
             "input": "60", "ctx": {"le": 50}},
            {"type": "greater_than_equal", "loc": ["query", "page"], "msg": "Input should be greater than or equal to 1",
             "input": "0", "ctx": {"ge": 1}},
            {"type": "literal_error", "loc": ["query", "sort"], "msg": "Input should be 'name' or 'price'",
             "input": "date", "ctx": {"expected": "'name' or 'price'"}},
        ]})

    def test_query_model_forbids_extra_keys(self):
        response = self.client.get("/products/", params={"page": 1, "color": "red"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "extra_forbidden", "loc": ["query", "color"], "msg": "Extra inputs are not permitted", "input": "red"},
        ]})

    def test_header_model_converts_underscores_and_collects_lists(self):
        response = self.client.get("/client/", headers=[("User-Agent", "probe/1.0"), ("Accept-Language", "fr"),
                                                        ("X-Feature", "a"), ("X-Feature", "b")])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"user_agent": "probe/1.0", "accept_language": "fr", "x_feature": ["a", "b"]})

    def test_header_model_defaults(self):
        response = self.client.get("/client/", headers={"User-Agent": "probe/1.0"})
        self.assertEqual(response.json(), {"user_agent": "probe/1.0", "accept_language": None, "x_feature": []})

    def test_cookie_model(self):
        response = self.client.get("/session/", cookies={"session_id": "abc", "theme": "dark"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"session_id": "abc", "theme": "dark"})

    def test_cookie_model_missing_field(self):
        response = self.client.get("/session/", cookies={"theme": "dark"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["cookie", "session_id"], "msg": "Field required", "input": {"theme": "dark"}},
        ]})

    def test_openapi_lists_each_field_as_a_parameter(self):
        document = self.client.get("/openapi.json").json()
        self.assertEqual(document["components"], {"schemas": VALIDATION_SCHEMAS})
        self.assertEqual(document["paths"]["/products/"], {"get": {
            "summary": "List Products",
            "operationId": "list_products_products__get",
            "parameters": [
                {"name": "page_size", "in": "query", "required": False,
                 "schema": {"type": "integer", "maximum": 50, "exclusiveMinimum": 0, "default": 20, "title": "Page Size"}},
                {"name": "page", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "default": 1, "title": "Page"}},
                {"name": "sort", "in": "query", "required": False,
                 "schema": {"enum": ["name", "price"], "type": "string", "default": "name", "title": "Sort"}},
                {"name": "labels", "in": "query", "required": False,
                 "schema": {"type": "array", "items": {"type": "string"}, "default": [], "title": "Labels"}},
            ],
            "responses": RESPONSES,
        }})
        self.assertEqual(document["paths"]["/client/"]["get"]["parameters"], [
            {"name": "user-agent", "in": "header", "required": True, "schema": {"type": "string", "title": "User Agent"}},
            {"name": "accept-language", "in": "header", "required": False,
             "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Accept Language"}},
            {"name": "x-feature", "in": "header", "required": False,
             "schema": {"type": "array", "items": {"type": "string"}, "default": [], "title": "X Feature"}},
        ])
        self.assertEqual(document["paths"]["/session/"]["get"]["parameters"], [
            {"name": "session_id", "in": "cookie", "required": True, "schema": {"type": "string", "title": "Session Id"}},
            {"name": "theme", "in": "cookie", "required": False,
             "schema": {"type": "string", "default": "light", "title": "Theme"}},
        ])
