"""Details where FastAPI's own tests found Tachyon different, mostly in the OpenAPI document, also in
declarations (``responses=``, parameter reprs) and deprecations. Each class names the FastAPI behaviour
it pins."""
import json
import sys
import types
import unittest
import warnings
from typing import Annotated
from unittest import mock

from pydantic import BaseModel

from tachyon import Body, Depends, FastAPI, File, Form, Query
from tachyon.exceptions import FastAPIDeprecationWarning, FastAPIError
from tachyon.openapi.utils import get_openapi
from tachyon.testclient import TestClient


class Message(BaseModel):
    message: str


def openapi(app: FastAPI) -> dict:
    with TestClient(app) as client:
        return client.get("/openapi.json").json()


class ReplacedValidationErrorSchemaTest(unittest.TestCase):
    """fastapi-realworld-example-app replaces FastAPI's 422 schema to document its own error body."""

    def test_the_replaced_definition_is_the_one_documented(self) -> None:
        from tachyon.openapi import utils

        app = FastAPI()

        @app.get("/items")
        def items(q: int = 0):
            return q

        errors = {"title": "ErrorsResponse", "type": "object", "properties": {"errors": {"type": "array"}}}
        with mock.patch.object(utils, "validation_error_response_definition", errors):
            schemas = app.openapi()["components"]["schemas"]
        self.assertEqual(schemas["HTTPValidationError"], errors)
        self.assertEqual(schemas["ValidationError"]["title"], "ValidationError")

    def test_fastapi_routing_re_exports_the_dependency_functions(self) -> None:
        from tachyon import routing
        from tachyon.dependencies import utils

        self.assertIs(routing.get_dependant, utils.get_dependant)
        self.assertIs(routing.solve_dependencies, utils.solve_dependencies)


class OperationMetadataHelpersTest(unittest.TestCase):
    """fastapi.openapi.utils' operation helpers, which apps import to write their own documents."""

    def setUp(self) -> None:
        app = FastAPI()

        @app.get("/items/{item_id}", tags=["items"], deprecated=True)
        def read_item(item_id: int):
            """Reads one item."""

        self.route = app.routes[-1]

    def test_operation_metadata_and_summary(self) -> None:
        from tachyon.openapi.utils import generate_operation_summary, get_openapi_operation_metadata

        ids: set[str] = set()
        self.assertEqual(get_openapi_operation_metadata(route=self.route, method="GET", operation_ids=ids),
                         {"tags": ["items"], "summary": "Read Item", "description": "Reads one item.",
                          "operationId": "read_item_items__item_id__get", "deprecated": True})
        self.assertEqual(ids, {"read_item_items__item_id__get"})
        self.assertEqual(generate_operation_summary(route=self.route, method="GET"), "Read Item")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            get_openapi_operation_metadata(route=self.route, method="GET", operation_ids=ids)
        self.assertTrue(str(caught[0].message).startswith("Duplicate Operation ID read_item_items__item_id__get "
                                                          "for function read_item at "), caught[0].message)

    def test_generate_operation_id_is_deprecated(self) -> None:
        from tachyon.openapi.utils import generate_operation_id, status_code_ranges

        with self.assertWarnsRegex(FastAPIDeprecationWarning, "generate_operation_id\\(\\) was deprecated"):
            self.assertEqual(generate_operation_id(route=self.route, method="GET"), "read_item_items__item_id__get")
        self.assertEqual(status_code_ranges["4XX"], "Client Error")


class OpenAPIVersionTest(unittest.TestCase):
    """FastAPI takes no ``openapi_version`` argument: apps that pass one get it in ``app.extra`` and a 3.1.0
    document; the attribute set afterwards is what counts."""

    def test_the_argument_is_extra_and_the_attribute_counts(self) -> None:
        app = FastAPI(openapi_version="3.0.2")
        self.assertEqual(app.extra, {"openapi_version": "3.0.2"})
        self.assertEqual(openapi(app)["openapi"], "3.1.0")
        app = FastAPI()
        app.openapi_version = "3.0.3"
        self.assertEqual(openapi(app)["openapi"], "3.0.3")


class CallbackOutOfSchemaTest(unittest.TestCase):
    def test_callback_left_out_of_the_schema_is_keyed_with_an_empty_path_item(self) -> None:
        from tachyon import APIRouter

        callbacks = APIRouter()

        # Callback routes only document what the subscriber serves: their bodies never run.
        @callbacks.post("{$callback_url}/events")
        def on_event(body: Message):
            """The event the subscriber receives."""

        @callbacks.post("{$callback_url}/internal", include_in_schema=False)
        def internal_cb(body: Message):
            """An undocumented callback."""

        app = FastAPI()

        @app.post("/subscribe", callbacks=callbacks.routes)
        def subscribe(callback_url: str):
            return {"ok": True}

        documented = openapi(app)["paths"]["/subscribe"]["post"]["callbacks"]
        self.assertEqual(list(documented), ["on_event", "internal_cb"])
        self.assertEqual(documented["internal_cb"], {"{$callback_url}/internal": {}})
        self.assertIn("post", documented["on_event"]["{$callback_url}/events"])


class DuplicateOperationIdTest(unittest.TestCase):
    def test_endpoint_without_a_name_is_unnamed_in_the_warning(self) -> None:
        import functools

        def handler(kind: str):
            return {"kind": kind}

        app = FastAPI()
        app.add_api_route("/a", functools.partial(handler, "a"), operation_id="getKind", methods=["GET"])
        app.add_api_route("/b", functools.partial(handler, "b"), operation_id="getKind", methods=["GET"])
        with self.assertWarnsRegex(UserWarning, "^Duplicate Operation ID getKind for function <unnamed_endpoint>$"):
            self.assertEqual(list(openapi(app)["paths"]), ["/a", "/b"])


class AdditionalResponseTitleTest(unittest.TestCase):
    """A ``responses={code: {"model": T}}`` schema without a $ref is titled like the route's own response,
    from the field name "Response_{code}_{unique_id}": "Response 404 Read Things Things Get"."""

    def test_title_of_a_non_model_additional_response(self) -> None:
        app = FastAPI()

        @app.get("/things", response_model=list[Message], responses={404: {"model": list[Message]},
                                                                    "5XX": {"model": list[int]}})
        def read_things():
            return []

        responses = openapi(app)["paths"]["/things"]["get"]["responses"]
        self.assertEqual(responses["200"]["content"]["application/json"]["schema"]["title"],
                         "Response Read Things Things Get")
        self.assertEqual(responses["404"]["content"]["application/json"]["schema"], {
            "type": "array", "items": {"$ref": "#/components/schemas/Message"},
            "title": "Response 404 Read Things Things Get"})
        self.assertEqual(responses["5XX"]["content"]["application/json"]["schema"], {
            "type": "array", "items": {"type": "integer"}, "title": "Response 5Xx Read Things Things Get"})

    def test_title_follows_a_custom_unique_id(self) -> None:
        app = FastAPI(generate_unique_id_function=lambda route: f"foo_{route.name}")

        @app.post("/", responses={404: {"model": list[Message]}})
        def post_root():
            return []

        schema = openapi(app)["paths"]["/"]["post"]["responses"]["404"]["content"]["application/json"]["schema"]
        self.assertEqual(schema["title"], "Response 404 Foo Post Root")


class BodyMediaTypeTest(unittest.TestCase):
    """``Body(media_type=...)`` is the request body's content type also when the body is embedded or
    made of several parameters, as long as they all declare the same one; else application/json."""

    def test_embedded_and_several_bodies_keep_their_media_type(self) -> None:
        vnd = "application/vnd.api+json"
        app = FastAPI()

        @app.post("/single")
        def single(data: Message = Body(media_type=vnd)):
            return data

        @app.post("/embedded")
        def embedded(data: Message = Body(media_type=vnd, embed=True)):
            return data

        @app.post("/several")
        def several(data: Message = Body(media_type=vnd), included: list[Message] = Body([], media_type=vnd)):
            return data

        @app.post("/mixed")
        def mixed(data: Message = Body(media_type=vnd), other: Message = Body()):
            return data

        paths = openapi(app)["paths"]
        for path in ("/single", "/embedded", "/several"):
            self.assertEqual(list(paths[path]["post"]["requestBody"]["content"]), [vnd], path)
        self.assertEqual(paths["/embedded"]["post"]["requestBody"], {"required": True, "content": {vnd: {
            "schema": {"$ref": "#/components/schemas/Body_embedded_embedded_post"}}}})
        self.assertEqual(list(paths["/mixed"]["post"]["requestBody"]["content"]), ["application/json"])


class ModelDescriptionFormFeedTest(unittest.TestCase):
    """A model's docstring, its description in components/schemas, stops at a form feed (what follows
    is private), as FastAPI's test_get_model_definitions_formfeed_escape expects."""

    def test_docstring_cut_at_form_feed(self) -> None:
        class Address(BaseModel):
            """
            This is a public description of an Address
            \f
            You can't see this part of the docstring, it's private!
            """

            city: str

        class Person(BaseModel):
            """A person.\fPrivate."""

            address: Address

        app = FastAPI()

        @app.post("/people")
        def create(person: Person) -> Address:
            return person.address

        schemas = openapi(app)["components"]["schemas"]
        self.assertEqual(schemas["Address"]["description"], "This is a public description of an Address\n")
        self.assertEqual(schemas["Person"]["description"], "A person.")


class InvalidResponsesTest(unittest.TestCase):
    """``responses=`` FastAPI refuses: a model pydantic cannot handle, a model for a status without a
    body, or a non-dict, when the route is declared; a key that is no status code, range or "default",
    when the document is generated (ValueError, test_additional_responses_bad)."""

    def test_model_pydantic_cannot_handle_fails_at_declaration(self) -> None:
        class NonPydanticModel:
            pass

        app = FastAPI()
        with self.assertRaises(FastAPIError) as caught:
            @app.get("/", responses={"500": {"model": NonPydanticModel}})
            def read_root():
                pass
        self.assertIn(f"check that {NonPydanticModel} is a valid Pydantic field type", str(caught.exception))
        self.assertNotIn("/", [route.path for route in app.routes])

    def test_model_for_a_status_without_body_fails_at_declaration(self) -> None:
        app = FastAPI()
        with self.assertRaisesRegex(AssertionError, "^Status code 204 must not have a response body$"):
            app.get("/", responses={204: {"model": Message}})(lambda: None)
        with self.assertRaisesRegex(AssertionError, "^An additional response must be a dict$"):
            app.get("/", responses={404: "Not Found"})(lambda: None)
        with self.assertRaises(ValueError):
            app.get("/", responses={"hello": {"model": Message}})(lambda: None)

    def test_key_that_is_no_status_code_fails_the_document(self) -> None:
        app = FastAPI()

        @app.get("/a", responses={"hello": {"description": "Not a valid additional response"}})
        async def a():
            pass

        with TestClient(app) as client:
            with self.assertRaises(ValueError):
                client.get("/openapi.json")

    def test_valid_keys_without_models(self) -> None:
        app = FastAPI()

        @app.get("/a", responses={"default": {"description": "Anything"}, "4xx": {}, 418: {}})
        async def a():
            pass

        responses = openapi(app)["paths"]["/a"]["get"]["responses"]
        self.assertEqual({k: v["description"] for k, v in responses.items()},
                         {"200": "Successful Response", "default": "Anything", "4XX": "Client Error",
                          "418": "I'm a Teapot"})


class SharedResponsesTest(unittest.TestCase):
    """App-level ``responses`` with a model and explicit content serve every route, each with its own
    schema, and the app's dict is left as given (test_additional_responses_union_duplicate_anyof)."""

    def test_shared_content_neither_leaks_nor_is_mutated(self) -> None:
        class ModelA(BaseModel):
            a: str

        class ModelB(BaseModel):
            b: str

        examples = {"Case A": {"value": "a"}}
        responses = {500: {"model": ModelA | ModelB, "content": {"application/json": {"examples": examples}}}}
        app = FastAPI(responses=responses)

        @app.get("/route1")
        async def route1():
            pass

        @app.get("/route2")
        async def route2():
            pass

        paths = openapi(app)["paths"]
        for path, title in (("/route1", "Response 500 Route1 Route1 Get"), ("/route2", "Response 500 Route2 Route2 Get")):
            self.assertEqual(paths[path]["get"]["responses"]["500"], {
                "description": "Internal Server Error",
                "content": {"application/json": {"examples": examples, "schema": {
                    "anyOf": [{"$ref": "#/components/schemas/ModelA"}, {"$ref": "#/components/schemas/ModelB"}],
                    "title": title}}}})
        self.assertEqual(responses[500]["content"], {"application/json": {"examples": {"Case A": {"value": "a"}}}})

    def test_model_schema_merges_into_a_given_schema(self) -> None:
        app = FastAPI()

        @app.get("/", responses={404: {"model": list[int], "content": {"application/json": {
            "schema": {"description": "Not there", "items": {"description": "An id"}}}}}})
        def read():
            pass

        schema = openapi(app)["paths"]["/"]["get"]["responses"]["404"]["content"]["application/json"]["schema"]
        self.assertEqual(schema, {"description": "Not there", "items": {"description": "An id", "type": "integer"},
                                  "type": "array", "title": "Response 404 Read  Get"})


class ExternalDocsTest(unittest.TestCase):
    """``FastAPI(openapi_external_docs=...)`` and ``get_openapi(external_docs=...)``: the document's root
    "externalDocs", after the tags (FastAPI 0.12x, test_application with tests/main.py)."""

    def test_app_option_and_get_openapi_keyword(self) -> None:
        docs = {"description": "External API documentation.", "url": "https://docs.example.com/api-general"}
        app = FastAPI(openapi_external_docs=docs, openapi_tags=[{"name": "items"}])

        @app.get("/")
        def root():
            return 1

        document = openapi(app)
        self.assertEqual(app.openapi_external_docs, docs)
        self.assertEqual(document["externalDocs"], docs)
        self.assertEqual(list(document), ["openapi", "info", "paths", "tags", "externalDocs"])
        self.assertEqual(get_openapi(title="T", version="1", routes=app.routes, external_docs=docs)["externalDocs"], docs)
        self.assertNotIn("externalDocs", openapi(FastAPI()))


class ComputedFieldsSharedSchemasTest(unittest.TestCase):
    """With ``separate_input_output_schemas=False`` a model with a computed field, as a response (return
    type or ``responses=``), is still documented as serialized: its computed property is a required
    readOnly one (FastAPI's test_computed_fields[False])."""

    def test_computed_property_documented(self) -> None:
        from pydantic import computed_field

        app = FastAPI(separate_input_output_schemas=False)

        class Rectangle(BaseModel):
            width: int
            length: int

            @computed_field
            @property
            def area(self) -> int:
                return self.width * self.length

        @app.get("/")
        def read_root() -> Rectangle:
            return Rectangle(width=3, length=4)

        @app.get("/responses", responses={200: {"model": Rectangle}})
        def read_responses() -> Rectangle:
            return Rectangle(width=3, length=4)

        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), {"width": 3, "length": 4, "area": 12})
            document = client.get("/openapi.json").json()
        self.assertEqual(document["components"]["schemas"], {"Rectangle": {
            "properties": {"width": {"title": "Width", "type": "integer"},
                           "length": {"title": "Length", "type": "integer"},
                           "area": {"readOnly": True, "title": "Area", "type": "integer"}},
            "required": ["width", "length", "area"], "title": "Rectangle", "type": "object"}})
        for path in ("/", "/responses"):
            self.assertEqual(document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"],
                             {"schema": {"$ref": "#/components/schemas/Rectangle"}})


class ParamReprTest(unittest.TestCase):
    """``repr()`` of a parameter declaration is FastAPI's: the class name and the default."""

    def test_repr_of_every_declaration(self) -> None:
        from tachyon import params

        self.assertEqual([repr(cls("x")) for cls in (params.Query, params.Header, params.Cookie, params.Body,
                                                     params.Form, params.File)],
                         ["Query(x)", "Header(x)", "Cookie(x)", "Body(x)", "Form(x)", "File(x)"])
        self.assertEqual([repr(declaration) for declaration in (params.Path(), params.Body(), params.Query(None),
                                                                 params.Form(default_factory=list))],
                         ["Path(PydanticUndefined)", "Body(PydanticUndefined)", "Query(None)", "Form(PydanticUndefined)"])


class UJSONResponseTest(unittest.TestCase):
    """``tachyon.responses.UJSONResponse`` imports without ujson, as FastAPI's does; rendering needs it."""

    def test_renders_with_ujson_and_asserts_without(self) -> None:
        from tachyon.responses import JSONResponse, UJSONResponse

        self.enterContext(warnings.catch_warnings())
        warnings.simplefilter("ignore", FastAPIDeprecationWarning)  # the deprecation has its own test below
        self.assertTrue(issubclass(UJSONResponse, JSONResponse))
        fake_ujson = types.ModuleType("ujson")
        fake_ujson.dumps = lambda content, ensure_ascii: json.dumps(content, ensure_ascii=ensure_ascii)
        app = FastAPI()

        @app.get("/", response_class=UJSONResponse)
        def read():
            return {"name": "ünï"}

        with mock.patch.dict(sys.modules, {"ujson": fake_ujson}), TestClient(app) as client:
            response = client.get("/")
        self.assertEqual(response.content, '{"name": "ünï"}'.encode())
        self.assertEqual(response.headers["content-type"], "application/json")
        with mock.patch.dict(sys.modules, {"ujson": None}):
            with self.assertRaisesRegex(AssertionError, "^ujson must be installed to use UJSONResponse$"):
                UJSONResponse({})


class FastAPIDeprecationWarningTest(unittest.TestCase):
    """FastAPI warns its deprecations with ``fastapi.exceptions.FastAPIDeprecationWarning``, a UserWarning
    (shown by default): ``regex=`` and ``example=`` on every declaration, and creating or subclassing
    ORJSONResponse or UJSONResponse (FastAPI 0.131)."""

    def test_is_a_user_warning(self) -> None:
        self.assertTrue(issubclass(FastAPIDeprecationWarning, UserWarning))
        self.assertFalse(issubclass(FastAPIDeprecationWarning, DeprecationWarning))

    def test_body_regex_warns_and_is_the_pattern(self) -> None:
        app = FastAPI()
        with self.assertWarnsRegex(FastAPIDeprecationWarning,
                                   "^`regex` has been deprecated, please use `pattern` instead$") as caught:
            @app.post("/")
            def create(code: str = Body(regex="^[a-z]+$", embed=True)):
                return code
        self.assertEqual(caught.filename, __file__)
        with TestClient(app) as client:
            self.assertEqual(client.post("/", json={"code": "abc"}).json(), "abc")
            self.assertEqual(client.post("/", json={"code": "ABC"}).json()["detail"][0]["type"],
                             "string_pattern_mismatch")
        with self.assertWarns(FastAPIDeprecationWarning):  # given with pattern=, it still warns
            self.assertEqual(Form(pattern="^a", regex="^b").metadata[0].pattern, "^a")

    def test_example_warns(self) -> None:
        for declaration in (Query, Body, File):
            with self.assertWarnsRegex(FastAPIDeprecationWarning, "^`example` has been deprecated, please use "
                                                                  "`examples` instead$"):
                declaration(example="x")

    def test_json_library_responses_warn(self) -> None:
        from tachyon.responses import ORJSONResponse, UJSONResponse

        message = ("ORJSONResponse is deprecated, FastAPI now serializes data directly to JSON bytes via Pydantic "
                   "when a return type or response model is set, which is faster and doesn't need a custom "
                   "response class. Read more in the FastAPI docs: "
                   "https://fastapi.tiangolo.com/advanced/custom-response/#orjson-or-response-model and "
                   "https://fastapi.tiangolo.com/tutorial/response-model/")
        with self.assertWarns(FastAPIDeprecationWarning) as caught:
            response = ORJSONResponse({1: "one"})
        self.assertEqual(str(caught.warning), message)
        self.assertEqual(response.body, b'{"1":"one"}')
        with self.assertWarnsRegex(FastAPIDeprecationWarning, "^UJSONResponse is deprecated"):
            class MyResponse(UJSONResponse):
                pass


class MergedSecurityRequirementTest(unittest.TestCase):
    """One security requirement per scheme, its uses' scopes merged in order, when an operation uses
    the same scheme with and without scopes (FastAPI 0.123.8, issue #14454:
    test_security_oauth2_authorization_code_bearer_scopes_openapi)."""

    def test_scopes_of_every_use_merge(self) -> None:
        from typing import Annotated

        from tachyon import APIRouter, Depends, Security
        from tachyon.security import OAuth2AuthorizationCodeBearer

        oauth2_scheme = OAuth2AuthorizationCodeBearer(authorizationUrl="authorize", tokenUrl="token",
                                                      scopes={"read": "Read access", "write": "Write access"})

        async def get_token(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
            return token

        app = FastAPI(dependencies=[Depends(get_token)])

        @app.get("/")
        async def root():
            return {"message": "Hello World"}

        @app.get("/with-oauth2-scheme", dependencies=[Security(oauth2_scheme, scopes=["read", "write"])])
        async def read_with_oauth2_scheme():
            return {"message": "Admin Access"}

        @app.get("/with-get-token", dependencies=[Security(get_token, scopes=["read", "write"])])
        async def read_with_get_token():
            return {"message": "Admin Access"}

        router = APIRouter(dependencies=[Security(oauth2_scheme, scopes=["read"])])

        @router.get("/items/")
        async def read_items(token: str | None = Depends(oauth2_scheme)):
            return {"token": token}

        @router.post("/items/")
        async def create_item(token: str | None = Security(oauth2_scheme, scopes=["write", "read"])):
            return {"token": token}

        app.include_router(router)

        with TestClient(app) as client:
            self.assertEqual(client.post("/items/", headers={"Authorization": "Bearer t"}).json(), {"token": "t"})
            document = client.get("/openapi.json").json()
        security = {(path, method): operation["security"]
                    for path, item in document["paths"].items() for method, operation in item.items()}
        self.assertEqual(security, {
            ("/", "get"): [{"OAuth2AuthorizationCodeBearer": []}],
            ("/with-oauth2-scheme", "get"): [{"OAuth2AuthorizationCodeBearer": ["read", "write"]}],
            ("/with-get-token", "get"): [{"OAuth2AuthorizationCodeBearer": ["read", "write"]}],
            ("/items/", "get"): [{"OAuth2AuthorizationCodeBearer": ["read"]}],
            ("/items/", "post"): [{"OAuth2AuthorizationCodeBearer": ["read", "write"]}],
        })
        self.assertEqual(list(document["components"]), ["securitySchemes"])



class RepeatedParameterTest(unittest.TestCase):
    """A parameter declared by the endpoint and by its dependencies is documented once, where it first
    appears, with the last declaration (a dependency's) or, when one is required, the last required one:
    FastAPI keys the operation's parameters by (in, name) in a dict."""

    def test_the_last_declaration_wins_and_a_required_one_over_optional_ones(self) -> None:
        from typing import Annotated

        from tachyon import Depends, Header

        def optional_q(q: str | None = None, h: Annotated[int, Header()] = 1):
            return q

        def required_q(q: Annotated[str, Query(description="required")], h: Annotated[str | None, Header()] = None):
            return q

        def int_q(q: int = 5):
            return q

        app = FastAPI()

        @app.get("/last/")
        def last(x: Annotated[str | None, Depends(optional_q)], q: str = "endpoint"):
            return x

        @app.get("/required/")
        def required(x: Annotated[str, Depends(optional_q)], y: Annotated[str, Depends(required_q)],
                     z: Annotated[int, Depends(int_q)], q: str = "endpoint"):
            return x

        paths = openapi(app)["paths"]
        [q, h] = paths["/last/"]["get"]["parameters"]
        self.assertEqual((q["name"], q["schema"]), ("q", {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}))
        self.assertEqual((h["name"], h["schema"]), ("h", {"type": "integer", "default": 1, "title": "H"}))
        [q, h] = paths["/required/"]["get"]["parameters"]
        self.assertEqual((q["required"], q["description"], q["schema"]), (True, "required", {"type": "string", "description": "required", "title": "Q"}))
        self.assertEqual(h["schema"], {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "H"})



class DescriptionTest(unittest.TestCase):
    """FastAPI's ``description or inspect.cleandoc(endpoint.__doc__ or "")``: an empty description falls back to
    the docstring, a callable instance's is its class's, an undocumented method does not inherit its base's."""

    def test_where_the_description_comes_from(self) -> None:
        class Endpoint:
            """A callable endpoint.\f cut here"""

            def __call__(self):
                return 1

        class Base:
            def handler(self):
                """The base's doc."""

        class Child(Base):
            def handler(self):
                return 2

        def documented():
            """Documented."""

        app = FastAPI()
        app.add_api_route("/empty", documented, description="")
        app.add_api_route("/instance", Endpoint())
        app.add_api_route("/method", Child().handler)
        paths = openapi(app)["paths"]
        self.assertEqual(paths["/empty"]["get"]["description"], "Documented.")
        self.assertEqual(paths["/instance"]["get"]["description"], "A callable endpoint.")
        self.assertNotIn("description", paths["/method"]["get"])



class OpenAPICacheTest(unittest.TestCase):
    """FastAPI 0.137+ generates the document again once routes were added; a document the app set is kept."""

    def test_routes_added_after_the_first_document_are_in_the_next(self) -> None:
        app = FastAPI()
        app.add_api_route("/a", lambda: 1)
        first = app.openapi()
        self.assertIs(app.openapi(), first)
        app.add_api_route("/b", lambda: 2)
        self.assertEqual(sorted(app.openapi()["paths"]), ["/a", "/b"])

    def test_a_document_the_app_set_is_kept(self) -> None:
        app = FastAPI()
        app.openapi_schema = {"openapi": "3.1.0", "info": {"title": "preset", "version": "1"}, "paths": {}}
        app.add_api_route("/a", lambda: 1)
        self.assertEqual(app.openapi()["info"]["title"], "preset")



class BodyModelNameCollisionTest(unittest.TestCase):
    """A model named like FastAPI's generated Body_<operation id>: pydantic names both components after their
    modules, and FastAPI's generated one belongs to fastapi._compat.v2."""

    def test_the_generated_models_module_is_fastapis(self) -> None:
        Body_make_make_post = type("Body_make_make_post", (BaseModel,), {"__annotations__": {"q": int}})
        app = FastAPI()

        @app.post("/make")
        def make(a: Body_make_make_post, b: int = Body()):
            return [a, b]

        schemas = openapi(app)["components"]["schemas"]
        self.assertIn("fastapi___compat__v2__Body_make_make_post", schemas)


class Paging(BaseModel):
    limit: int = 10


class Search(BaseModel):
    q: str | None = None


def paging(p: Annotated[Paging, Query()]) -> Paging:
    return p


class ParameterModelsDocumentedTest(unittest.TestCase):
    """FastAPI documents a query/header/cookie model as its fields only when it is the route's one parameter of
    its kind, counted over the endpoint and its dependencies (_get_flat_fields_from_params); requests still read
    each callable's own model from its fields."""

    def test_a_model_beside_a_dependencys_model_is_one_object_parameter(self) -> None:
        app = FastAPI()

        @app.get("/both")
        def both(p: Annotated[Paging, Depends(paging)], s: Annotated[Search, Query()]):
            return {"limit": p.limit, "q": s.q}

        @app.get("/alone")
        def alone(s: Annotated[Search, Query()]):
            return s

        document = openapi(app)
        self.assertEqual(document["paths"]["/both"]["get"]["parameters"], [
            {"name": "s", "in": "query", "required": True, "schema": {"$ref": "#/components/schemas/Search"}},
            {"name": "p", "in": "query", "required": True, "schema": {"$ref": "#/components/schemas/Paging"}}])
        self.assertEqual([p["name"] for p in document["paths"]["/alone"]["get"]["parameters"]], ["q"])
        with TestClient(app) as client:
            self.assertEqual(client.get("/both", params={"limit": 3, "q": "x"}).json(), {"limit": 3, "q": "x"})


if __name__ == "__main__":
    unittest.main()
