"""Path parameters, as FastAPI documents them (tests/test_tutorial/test_path_params/test_tutorial004.py
and test_tutorial005.py, test_path_params_numeric_validations in FastAPI's repository): values are
converted to the declared type, an Enum lists its allowed values in the error, ``:path`` keeps slashes
(a leading one too), constraints come back as pydantic's errors, and the OpenAPI document drops the
``:path`` converter from the path and the operation id."""
from examples.compat import params_path
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as OK, RESPONSE_422 as INVALID, VALIDATION_SCHEMAS


class PathParamsTest(AppTestCase):
    app = params_path.app

    def test_typed_value_is_converted(self):
        response = self.client.get("/users/42")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"user_id": 42})

    def test_invalid_value_is_a_422(self):
        response = self.client.get("/users/alice")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["path", "user_id"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "alice"},
        ]})

    def test_fixed_path_declared_first_wins(self):
        response = self.client.get("/users/me")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"user_id": "the current user"})

    def test_enum_members(self):
        self.assertEqual(self.client.get("/models/alexnet").json(),
                         {"model_name": "alexnet", "message": "Deep Learning FTW!"})
        self.assertEqual(self.client.get("/models/lenet").json(),
                         {"model_name": "lenet", "message": "LeCNN all the images"})
        self.assertEqual(self.client.get("/models/resnet").json(),
                         {"model_name": "resnet", "message": "Have some residuals"})

    def test_enum_rejects_other_values(self):
        response = self.client.get("/models/vgg16")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "enum", "loc": ["path", "model_name"], "msg": "Input should be 'alexnet', 'resnet' or 'lenet'",
             "input": "vgg16", "ctx": {"expected": "'alexnet', 'resnet' or 'lenet'"}},
        ]})

    def test_path_converter_keeps_slashes(self):
        response = self.client.get("/files/home/johndoe/myfile.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"file_path": "home/johndoe/myfile.txt"})

    def test_path_converter_keeps_a_leading_slash(self):
        response = self.client.get("/files//home/johndoe/myfile.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"file_path": "/home/johndoe/myfile.txt"})

    def test_numeric_constraints_pass(self):
        response = self.client.get("/measure/1000/10.25")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"item_id": 1000, "size": 10.25})

    def test_numeric_constraints_fail_in_declaration_order(self):
        response = self.client.get("/measure/0/10.5")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "greater_than_equal", "loc": ["path", "item_id"], "msg": "Input should be greater than or equal to 1",
             "input": "0", "ctx": {"ge": 1}},
            {"type": "less_than", "loc": ["path", "size"], "msg": "Input should be less than 10.5",
             "input": "10.5", "ctx": {"lt": 10.5}},
        ]})

    def test_upper_and_exclusive_lower_bounds(self):
        response = self.client.get("/measure/1001/0")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "less_than_equal", "loc": ["path", "item_id"], "msg": "Input should be less than or equal to 1000",
             "input": "1001", "ctx": {"le": 1000}},
            {"type": "greater_than", "loc": ["path", "size"], "msg": "Input should be greater than 0",
             "input": "0", "ctx": {"gt": 0}},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/users/me": {"get": {
                    "summary": "Read Current User",
                    "operationId": "read_current_user_users_me_get",
                    "responses": {"200": OK},
                }},
                "/users/{user_id}": {"get": {
                    "summary": "Read User",
                    "operationId": "read_user_users__user_id__get",
                    "parameters": [{"name": "user_id", "in": "path", "required": True,
                                    "schema": {"type": "integer", "title": "User Id"}}],
                    "responses": {"200": OK, "422": INVALID},
                }},
                "/models/{model_name}": {"get": {
                    "summary": "Get Model",
                    "operationId": "get_model_models__model_name__get",
                    "parameters": [{"name": "model_name", "in": "path", "required": True,
                                    "schema": {"$ref": "#/components/schemas/ModelName"}}],
                    "responses": {"200": OK, "422": INVALID},
                }},
                "/files/{file_path}": {"get": {
                    "summary": "Read File",
                    "operationId": "read_file_files__file_path__get",
                    "parameters": [{"name": "file_path", "in": "path", "required": True,
                                    "schema": {"type": "string", "title": "File Path"}}],
                    "responses": {"200": OK, "422": INVALID},
                }},
                "/measure/{item_id}/{size}": {"get": {
                    "summary": "Measure",
                    "operationId": "measure_measure__item_id___size__get",
                    "parameters": [
                        {"name": "item_id", "in": "path", "required": True,
                         "schema": {"type": "integer", "maximum": 1000, "minimum": 1, "title": "The ID of the item"}},
                        {"name": "size", "in": "path", "required": True,
                         "schema": {"type": "number", "exclusiveMaximum": 10.5, "exclusiveMinimum": 0, "title": "Size"}},
                    ],
                    "responses": {"200": OK, "422": INVALID},
                }},
            },
            "components": {"schemas": {
                "ModelName": {"type": "string", "enum": ["alexnet", "resnet", "lenet"], "title": "ModelName"},
                **VALIDATION_SCHEMAS,
            }},
        })
