"""``lifespan=`` (FastAPI's tests/test_tutorial/test_events/test_tutorial003.py; Starlette's docs "Lifespan
State"): the TestClient runs the lifespan inside ``with``; the yielded state is copied shallowly into each
request's ``request.state`` (objects in it are shared, attributes set by a request are not)."""
from examples.compat import deps_lifespan
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

events = deps_lifespan.events


class LifespanTest(AppTestCase):
    maxDiff = None
    app = deps_lifespan.app

    def setUp(self):
        events.clear()

    def test_startup_and_shutdown(self):
        self.assertEqual(deps_lifespan.ml_models, {})
        with self.client:
            self.assertEqual(events, ["startup"])
            self.assertEqual(deps_lifespan.ml_models,
                             {"answer_to_everything": deps_lifespan.fake_answer_to_everything_ml_model})
            response = self.client.get("/predict", params={"x": 2})
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.json(), {"result": 84.0, "calls": [2.0]})
        self.assertEqual(events, ["startup", "shutdown"])
        self.assertEqual(deps_lifespan.ml_models, {})

    def test_state_objects_are_shared_between_requests(self):
        with self.client:
            self.assertEqual(self.client.get("/predict?x=1").json(), {"result": 42.0, "calls": [1.0]})
            self.assertEqual(self.client.get("/predict?x=0.5").json(), {"result": 21.0, "calls": [1.0, 0.5]})

    def test_each_lifespan_yields_fresh_state(self):
        with self.client:
            self.assertEqual(self.client.get("/predict?x=3").json(), {"result": 126.0, "calls": [3.0]})

    def test_attributes_set_by_a_request_stay_in_that_request(self):
        with self.client:
            self.assertEqual(self.client.get("/state").json(),
                             {"settings": {"model": "answer_to_everything"}, "note": "set by this request"})
            self.assertEqual(self.client.get("/note").json(), {"has_note": False})

    def test_validation_error(self):
        with self.client:
            response = self.client.get("/predict", params={"x": "two"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "float_parsing", "loc": ["query", "x"], "msg": "Input should be a valid number, unable to parse string as a number",
             "input": "two"},
        ]})

    def test_openapi(self):
        responses = {
            "200": RESPONSE_200,
            "422": RESPONSE_422,
        }
        with self.client:
            document = self.client.get("/openapi.json").json()
        self.assertEqual(document, {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/predict": {"get": {
                    "summary": "Predict",
                    "operationId": "predict_predict_get",
                    "parameters": [{"name": "x", "in": "query", "required": True,
                                    "schema": {"type": "number", "title": "X"}}],
                    "responses": responses,
                }},
                "/state": {"get": {"summary": "Read State", "operationId": "read_state_state_get",
                                   "responses": {"200": responses["200"]}}},
                "/note": {"get": {"summary": "Read Note", "operationId": "read_note_note_get",
                                  "responses": {"200": responses["200"]}}},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
