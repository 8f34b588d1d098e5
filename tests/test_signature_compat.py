"""How path operations and their dependencies are read, as FastAPI reads them: the dependency cache key,
callables behind functools.partial / functools.wraps, definition-time errors, body fields declared twice,
several markers in one Annotated, and route classes and routers as FastAPI builds them."""
import inspect
import unittest
from functools import partial, wraps
from typing import Annotated, Union

from pydantic import AfterValidator, BaseModel, Discriminator, Field, Tag

from tachyon import APIRouter, BackgroundTasks, Body, Depends, FastAPI, Form, Path, Query, Request, Response, Security
from tachyon.datastructures import DefaultPlaceholder
from tachyon.routing import APIRoute
from tachyon.security import SecurityScopes
from tachyon.testclient import TestClient


class SecurityScopesCacheTest(unittest.TestCase):
    def test_a_dependency_that_ignores_scopes_runs_once_under_security(self) -> None:
        calls: list[str] = []

        def get_db():
            calls.append("db")
            return len(calls)

        def get_user(db: Annotated[int, Depends(get_db)]):
            return db

        app = FastAPI()

        @app.get("/")
        def endpoint(db: Annotated[int, Depends(get_db)], user: Annotated[int, Security(get_user, scopes=["read"])]):
            return {"db": db, "user": user}

        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), {"db": 1, "user": 1})
        self.assertEqual(calls, ["db"])

    def test_a_dependency_reading_the_scopes_runs_once_per_set_of_scopes(self) -> None:
        calls: list[list[str]] = []

        def scopes_seen(security_scopes: SecurityScopes):
            calls.append(security_scopes.scopes)
            return security_scopes.scopes

        def reader(scopes: Annotated[list, Depends(scopes_seen)]):
            return scopes

        app = FastAPI()

        @app.get("/")
        def endpoint(plain: Annotated[list, Depends(scopes_seen)], read: Annotated[list, Security(reader, scopes=["read"])]):
            return {"plain": plain, "read": read}

        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), {"plain": [], "read": ["read"]})
        self.assertEqual(calls, [[], ["read"]])


class AsyncCallable:
    async def __call__(self, value: str) -> str:
        return value


class GeneratorCallable:
    def __call__(self, value: str):
        yield value


class AsyncGeneratorCallable:
    async def __call__(self, value: str):
        yield value


class InstantiatedPerRequest:
    """A class whose instances are awaitable callables: as a dependency it is instantiated, not awaited."""

    def __init__(self, q: str = "x") -> None:
        self.q = q

    async def __call__(self) -> str:
        return self.q


def passthrough(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@passthrough
def wrapped_generator(q: str):
    yield f"gen {q}"


@passthrough
async def wrapped_coroutine(q: str):
    return f"async {q}"


async def prefixed(prefix: str, q: str):
    return f"{prefix} {q}"


class PartialAndWrappedCallablesTest(unittest.TestCase):
    """FastAPI looks through functools.partial and functools.wraps (and at an instance's __call__) to
    await coroutines and iterate generators."""

    @classmethod
    def setUpClass(cls) -> None:
        app = FastAPI()

        @app.get("/partial-async")
        async def partial_async(v: Annotated[str, Depends(partial(AsyncCallable(), "async"))]):
            return v

        @app.get("/partial-generator")
        def partial_generator(v: Annotated[str, Depends(partial(GeneratorCallable(), "gen"))]):
            return v

        @app.get("/partial-async-generator")
        async def partial_async_generator(v: Annotated[str, Depends(partial(AsyncGeneratorCallable(), "agen"))]):
            return v

        @app.get("/wrapped")
        def wrapped(g: Annotated[str, Depends(wrapped_generator)], c: Annotated[str, Depends(wrapped_coroutine)]):
            return [g, c]

        @app.get("/class")
        def instantiated(dep: Annotated[InstantiatedPerRequest, Depends()]):
            return type(dep).__name__ + " " + dep.q

        @app.get("/wrapped-endpoint")
        @passthrough
        async def wrapped_endpoint(q: str):
            return {"q": q}

        app.get("/partial-endpoint")(partial(prefixed, "hello"))
        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_partial_of_an_instance_with_async_or_generator_call(self) -> None:
        for path, value in (("/partial-async", "async"), ("/partial-generator", "gen"),
                            ("/partial-async-generator", "agen")):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual((response.status_code, response.json()), (200, value))

    def test_wraps_decorated_generator_and_coroutine_dependencies(self) -> None:
        self.assertEqual(self.client.get("/wrapped", params={"q": "a"}).json(), ["gen a", "async a"])

    def test_a_class_with_an_async_call_is_instantiated(self) -> None:
        self.assertEqual(self.client.get("/class", params={"q": "y"}).json(), "InstantiatedPerRequest y")

    def test_wraps_decorated_and_partial_async_endpoints(self) -> None:
        self.assertEqual(self.client.get("/wrapped-endpoint", params={"q": "a"}).json(), {"q": "a"})
        self.assertEqual(self.client.get("/partial-endpoint", params={"q": "a"}).json(), "hello a")


def cached_by_keywords(func):
    """A cache keyed on the keyword arguments, as decorators of simple endpoints are written (FastAPI calls with
    keywords only)."""
    cache: dict = {}

    @wraps(func)
    def wrapper(*args, **kwargs):
        key = tuple(sorted(kwargs.items()))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]
    return wrapper


def with_signature(func, **annotations):
    """A decorator that rewrites annotations in its wrapper's ``__signature__`` (keeping the names)."""
    signature = inspect.signature(func)

    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[p.replace(annotation=annotations.get(name, p.annotation))
                                                          for name, p in signature.parameters.items()])
    return wrapper


def hiding_db(func):
    """Leaves ``db`` out of the signature FastAPI reads and passes it itself."""
    signature = inspect.signature(func)

    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, db="injected", **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[p for n, p in signature.parameters.items() if n != "db"])
    return wrapper


def current_user() -> str:
    return "bob"


class DecoratedEndpointsTest(unittest.TestCase):
    """A decorated endpoint is called with keyword arguments and declared by the signature its decorator gives it."""

    @classmethod
    def setUpClass(cls) -> None:
        app = FastAPI()

        @app.get("/square/{n}")
        @cached_by_keywords
        def square(n: int):
            return {"n": n, "square": n * n}

        def login(username: str, password: str):
            return {"username": username}

        def me(user: str):
            return {"user": user}

        @app.get("/report")
        @hiding_db
        def report(db: str, year: int = 2024):
            return {"db": db, "year": year}

        async def built(**kwargs):
            return {"request": type(kwargs["request"]).__name__, "q": kwargs["q"]}

        # A signature a class-based-view library builds, its annotations as text (evaluated in the function's module)
        built.__signature__ = inspect.Signature([
            inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation="Request"),
            inspect.Parameter("q", inspect.Parameter.KEYWORD_ONLY, annotation="int")])
        app.get("/built")(built)
        def list_objects(**filters):
            return filters

        for resource, fields in (("users", ("name", "email")), ("items", ("title",))):   # one function, two routes
            list_objects.__signature__ = inspect.Signature([
                inspect.Parameter(field, inspect.Parameter.KEYWORD_ONLY, default="-", annotation=str) for field in fields])
            app.get(f"/{resource}")(list_objects)
        app.post("/login")(with_signature(login, username=Annotated[str, Form()], password=Annotated[str, Form()]))
        app.get("/me")(with_signature(me, user=Annotated[str, Depends(current_user)]))
        cls.app, cls.client = app, TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_a_wrapper_gets_keyword_arguments(self) -> None:
        self.assertEqual([self.client.get(f"/square/{n}").json()["square"] for n in (3, 4, 3)], [9, 16, 9])
        self.assertEqual(self.client.get("/report?year=2020").json(), {"db": "injected", "year": 2020})

    def test_the_signature_is_read_when_the_route_is_declared(self) -> None:
        self.assertEqual(self.client.get("/users?name=ann").json(), {"name": "ann", "email": "-"})
        self.assertEqual(self.client.get("/items?name=ann").json(), {"title": "-"})

    def test_the_annotations_of_a_wrappers_signature_count(self) -> None:
        self.assertEqual(self.client.post("/login", data={"username": "u", "password": "p"}).json(), {"username": "u"})
        self.assertEqual(self.client.get("/me").json(), {"user": "bob"})
        self.assertEqual(self.client.get("/built?q=2").json(), {"request": "Request", "q": 2})
        self.assertEqual([p["name"] for p in self.app.openapi()["paths"]["/built"]["get"]["parameters"]], ["q"])
        operation = self.app.openapi()["paths"]["/login"]["post"]
        self.assertNotIn("parameters", operation)
        self.assertEqual(list(operation["requestBody"]["content"]), ["application/x-www-form-urlencoded"])


def original() -> str:
    return "original"


def replacement() -> str:
    return "overridden"


class DependencyOverridesAsDictTest(unittest.TestCase):
    """app.dependency_overrides is a plain dict FastAPI reads at each request: every way of changing it counts."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.app = FastAPI()

        @cls.app.get("/")
        def root(v: Annotated[str, Depends(original)]):
            return v

        cls.client = TestClient(cls.app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.app.dependency_overrides = {}
        cls.client.close()

    def served(self) -> str:
        return self.client.get("/").json()

    def test_assigning_none_means_no_overrides(self) -> None:
        self.app.dependency_overrides = {original: replacement}
        self.app.dependency_overrides = None
        self.assertEqual(self.served(), "original")

    def test_in_place_changes(self) -> None:
        overrides = {original: replacement}
        changes = [("|=", lambda d: d.__ior__(overrides), "overridden"),
                   ("setdefault", lambda d: d.setdefault(original, replacement), "overridden"),
                   ("update", lambda d: d.update(overrides), "overridden")]
        for label, change, expected in changes:
            with self.subTest(label):
                self.app.dependency_overrides = {}
                change(self.app.dependency_overrides)
                self.assertEqual(self.served(), expected)
        for label, change in [("popitem", lambda d: d.popitem()), ("pop", lambda d: d.pop(original)),
                              ("del", lambda d: d.__delitem__(original)), ("clear", lambda d: d.clear())]:
            with self.subTest(label):
                self.app.dependency_overrides = dict(overrides)
                self.assertEqual(self.served(), "overridden")
                change(self.app.dependency_overrides)
                self.assertEqual(self.served(), "original")


class DependencyOverridesProviderTest(unittest.TestCase):
    """As FastAPI: a route reads the overrides of its provider, the app it was added to (fastapi-versioning moves
    routes into mounted apps), and an assigned dict is kept as it is, so two apps may share one."""

    def test_an_assigned_dict_is_kept_and_its_later_changes_count(self) -> None:
        app = FastAPI()

        @app.get("/")
        def root(v: Annotated[str, Depends(original)]):
            return v

        overrides: dict = {}
        app.dependency_overrides = overrides
        self.assertIs(app.dependency_overrides, overrides)
        with TestClient(app) as client:
            self.assertEqual(client.get("/").json(), "original")
            overrides[original] = replacement
            self.assertEqual(client.get("/").json(), "overridden")

    def test_moved_routes_keep_their_apps_overrides(self) -> None:
        first = FastAPI()

        @first.get("/v")
        def v(value: Annotated[str, Depends(original)]):
            return value

        versioned, parent = FastAPI(), FastAPI()
        versioned.router.routes.extend(first.routes[4:])   # the path operation, without the docs routes
        parent.mount("/v1", versioned)
        parent.dependency_overrides = first.dependency_overrides   # one dict for both, as the library shares it
        self.assertIs(versioned.routes[-1].dependency_overrides_provider, first)
        self.assertIs(first.router.dependency_overrides_provider, first)
        with TestClient(parent) as client:
            parent.dependency_overrides[original] = replacement
            self.assertEqual(client.get("/v1/v").json(), "overridden")
            versioned.dependency_overrides[original] = lambda: "the serving app's"
            self.assertEqual(client.get("/v1/v").json(), "overridden")   # not the app that serves it

    def test_a_bare_routers_routes_take_no_overrides(self) -> None:
        router = APIRouter()

        @router.get("/r")
        def r(value: Annotated[str, Depends(original)]):
            return value

        app = FastAPI()
        app.router.routes.extend(router.routes)   # no provider, as in FastAPI (include_router would set the app)
        app.dependency_overrides[original] = replacement
        self.assertIsNone(router.routes[0].dependency_overrides_provider)
        with TestClient(app) as client:
            self.assertEqual(client.get("/r").json(), "original")


class Item(BaseModel):
    data: str


def item_dependency(item: Item):
    return item


def item2_dependency(item2: Item):
    return item2


def item_and_sub_item(item: Item, sub_item: Annotated[Item, Depends(item_dependency)]):
    return [item, sub_item]


class SameBodyParameterInDependenciesTest(unittest.TestCase):
    """A body parameter the endpoint and its dependencies declare under one name is one field: alone, it
    is the whole body (FastAPI's test_dependency_duplicates.py)."""

    @classmethod
    def setUpClass(cls) -> None:
        app = FastAPI()

        @app.post("/with-duplicates")
        async def with_duplicates(item: Item, item2: Annotated[Item, Depends(item_dependency)]):
            return [item, item2]

        @app.post("/no-duplicates")
        async def no_duplicates(item: Item, item2: Annotated[Item, Depends(item2_dependency)]):
            return [item, item2]

        @app.post("/with-duplicates-sub")
        async def with_duplicates_sub(item: Item, sub_items: Annotated[list, Depends(item_and_sub_item)]):
            return [item, sub_items]

        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_one_field_is_the_whole_body(self) -> None:
        response = self.client.post("/with-duplicates", json={"data": "myitem"})
        self.assertEqual((response.status_code, response.json()), (200, [{"data": "myitem"}, {"data": "myitem"}]))
        response = self.client.post("/with-duplicates-sub", json={"data": "myitem"})
        self.assertEqual((response.status_code, response.json()),
                         (200, [{"data": "myitem"}, [{"data": "myitem"}, {"data": "myitem"}]]))

    def test_each_declaration_reports_its_errors(self) -> None:
        body = {"item": {"data": "myitem"}}
        error = {"type": "missing", "loc": ["body", "data"], "msg": "Field required", "input": body}
        response = self.client.post("/with-duplicates", json=body)
        self.assertEqual((response.status_code, response.json()), (422, {"detail": [error, error]}))

    def test_different_names_stay_embedded(self) -> None:
        response = self.client.post("/no-duplicates", json={"item": {"data": "myitem"}})
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "item2"], "msg": "Field required", "input": None}]})
        response = self.client.post("/no-duplicates", json={"item": {"data": "a"}, "item2": {"data": "b"}})
        self.assertEqual(response.json(), [{"data": "a"}, {"data": "b"}])

    def test_openapi_documents_the_model_as_the_body(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        item = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}, "required": True}
        self.assertEqual(paths["/with-duplicates"]["post"]["requestBody"], item)
        self.assertEqual(paths["/with-duplicates-sub"]["post"]["requestBody"], item)
        self.assertEqual(paths["/no-duplicates"]["post"]["requestBody"]["content"]["application/json"]["schema"],
                         {"$ref": "#/components/schemas/Body_no_duplicates_no_duplicates_post"})


class SeveralMarkersInAnnotatedTest(unittest.TestCase):
    """Annotated[int, Query(gt=2), Query(lt=10)]: FastAPI keeps the last FastAPI marker's settings with the
    constraints of every FieldInfo in the Annotated (test_ambiguous_params.py::test_multiple_annotations)."""

    @classmethod
    def setUpClass(cls) -> None:
        app = FastAPI()

        @app.get("/multi-query")
        async def multi_query(foo: Annotated[int, Query(gt=2), Query(lt=10)]):
            return foo

        @app.get("/query-then-field")
        async def query_then_field(value: Annotated[str, Query(alias="v"), Field(min_length=2)]):
            return value

        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_constraints_of_every_marker_apply(self) -> None:
        self.assertEqual(self.client.get("/multi-query", params={"foo": "5"}).json(), 5)
        response = self.client.get("/multi-query", params={"foo": "123"})
        self.assertEqual((response.status_code, response.json()), (422, {"detail": [
            {"type": "less_than", "loc": ["query", "foo"], "msg": "Input should be less than 10", "input": "123",
             "ctx": {"lt": 10}}]}))
        response = self.client.get("/multi-query", params={"foo": "1"})
        self.assertEqual((response.status_code, response.json()), (422, {"detail": [
            {"type": "greater_than", "loc": ["query", "foo"], "msg": "Input should be greater than 2", "input": "1",
             "ctx": {"gt": 2}}]}))

    def test_the_fastapi_marker_decides_where_the_value_comes_from(self) -> None:
        self.assertEqual(self.client.get("/query-then-field", params={"v": "ab"}).json(), "ab")
        response = self.client.get("/query-then-field", params={"v": "a"})
        self.assertEqual(response.json()["detail"][0]["type"], "string_too_short")

    def test_openapi_has_every_constraint(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertEqual(paths["/multi-query"]["get"]["parameters"], [
            {"name": "foo", "in": "query", "required": True,
             "schema": {"type": "integer", "exclusiveMinimum": 2, "exclusiveMaximum": 10, "title": "Foo"}}])
        self.assertEqual(paths["/query-then-field"]["get"]["parameters"], [
            {"name": "v", "in": "query", "required": True,
             "schema": {"type": "string", "minLength": 2, "title": "V"}}])


class Cat(BaseModel):
    pet_type: str = "cat"
    meows: int


class Dog(BaseModel):
    pet_type: str = "dog"
    barks: float


Pet = Annotated[Union[Annotated[Cat, Tag("cat")], Annotated[Dog, Tag("dog")]],
                Discriminator(lambda v: v.get("pet_type", "") if isinstance(v, dict) else v.pet_type)]


class AnnotatedMetadataWithAFieldDefaultTest(unittest.TestCase):
    """x: Annotated[int, Field(gt=5)] = Query(): with the FastAPI field as the default, FastAPI (0.143 to 0.162) types
    the parameter with Annotated's bare type and drops its other metadata; in Annotated[..., Query()] it applies."""

    @classmethod
    def setUpClass(cls) -> None:
        app = FastAPI()

        @app.get("/constrained")
        def constrained(x: Annotated[int, Field(gt=5)] = Query()):
            return x

        @app.get("/validated")
        def validated(x: Annotated[int, AfterValidator(lambda v: -v)] = Query(None)):
            return x

        @app.post("/pet-default")
        def pet_default(pet: Pet = Body()):
            return pet

        @app.post("/pet-annotated")
        def pet_annotated(pet: Annotated[Pet, Body()]):
            return pet

        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_the_metadata_is_dropped(self) -> None:
        self.assertEqual(self.client.get("/constrained", params={"x": 1}).json(), 1)
        self.assertEqual(self.client.get("/validated", params={"x": 4}).json(), 4)
        response = self.client.post("/pet-default", json={"meows": 1})   # a smart union, not the discriminator
        self.assertEqual((response.status_code, response.json()), (200, {"pet_type": "cat", "meows": 1}))

    def test_a_marker_inside_annotated_keeps_it(self) -> None:
        response = self.client.post("/pet-annotated", json={"meows": 1})
        self.assertEqual((response.status_code, response.json()["detail"][0]["type"]), (422, "union_tag_invalid"))

    def test_openapi(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertEqual(paths["/constrained"]["get"]["parameters"][0]["schema"], {"type": "integer", "title": "X"})
        body = lambda path: paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]  # noqa: E731
        self.assertEqual(sorted(body("/pet-default")), ["anyOf", "title"])
        self.assertEqual(sorted(body("/pet-annotated")), ["oneOf", "title"])


async def dep() -> int:
    return 1


class DefinitionErrorsTest(unittest.TestCase):
    """Declarations FastAPI refuses when the route is added, with its AssertionError messages
    (test_ambiguous_params.py, test_invalid_path_param.py, test_invalid_sequence_param.py)."""

    def assert_refused(self, endpoint, message: str, path: str = "/items/") -> None:
        app = FastAPI()
        with self.assertRaises(AssertionError) as caught:
            app.get(path)(endpoint)
        self.assertEqual(str(caught.exception), message)

    def test_a_dependency_that_is_not_callable_is_inspects_type_error(self) -> None:
        def endpoint(value=Depends(3)):
            return value

        with self.assertRaisesRegex(TypeError, "^3 is not a callable object$"):
            FastAPI().get("/items/")(endpoint)

    def test_depends_and_an_annotation_together(self) -> None:
        async def both_depends(foo: Annotated[int, Depends(dep)] = Depends(dep)):
            return foo

        async def query_and_depends(foo: Annotated[int, Query(min_length=1)] = Depends(dep)):
            return foo

        async def query_twice(foo: Annotated[int, Query(gt=1)] = Query(lt=5)):
            return foo

        self.assert_refused(both_depends, "Cannot specify `Depends` in `Annotated` and default value together for 'foo'")
        self.assert_refused(query_and_depends, "Cannot specify a FastAPI annotation in `Annotated` and `Depends` as "
                                               "a default value together for 'foo'")
        self.assert_refused(query_twice, "Cannot specify FastAPI annotations in `Annotated` and default value "
                                         "together for 'foo'")

    def test_framework_given_types_take_no_marker_but_may_come_from_a_dependency(self) -> None:
        """FastAPI 0.143's analyze_param: Request, Response, BackgroundTasks... come from FastAPI, unless an explicit
        Depends gives them (its value is what the parameter gets)."""
        async def request_as_a_query(request: Request = Query()):
            return {}

        self.assert_refused(request_as_a_query, f"Cannot specify FastAPI annotation for type {Request!r}")

        def set_header(response: Response) -> Response:
            response.headers["x-dep"] = "1"
            return response

        def fresh_tasks() -> BackgroundTasks:
            return BackgroundTasks()

        app = FastAPI()

        @app.get("/response")
        async def response_from_a_dependency(response: Response = Depends(set_header)):
            return {"x-dep": response.headers.get("x-dep")}

        @app.get("/tasks")
        async def tasks_from_a_dependency(tasks: Annotated[BackgroundTasks, Depends(fresh_tasks)]):
            return {"type": type(tasks).__name__}

        client = TestClient(app)
        response = client.get("/response")
        self.assertEqual((response.json(), response.headers["x-dep"]), ({"x-dep": "1"}, "1"))
        self.assertEqual(client.get("/tasks").json(), {"type": "BackgroundTasks"})

    def test_a_path_parameter_takes_only_path(self) -> None:
        async def path_as_query(item_id: int = Query()):
            return item_id

        async def path_as_annotated_query(item_id: Annotated[int, Query(gt=0)]):
            return item_id

        self.assert_refused(path_as_query, "Cannot use `Query` for path param 'item_id'", "/items/{item_id}")
        self.assert_refused(path_as_annotated_query, "Cannot use `Query` for path param 'item_id'", "/items/{item_id}")

    def test_default_in_annotated(self) -> None:
        async def default_in_annotated(item_id: Annotated[int, Query(default=1)]):
            return item_id

        self.assert_refused(default_in_annotated, "`Query` default value cannot be set in `Annotated` for 'item_id'. "
                                                  "Set the default value with `=` instead.")

    def test_path_param_with_a_default_in_annotated(self) -> None:
        def read_user(user_id: Annotated[int, Path(ge=1)] = 1):
            return user_id

        def plain_default(user_id: int = 1):   # FastAPI drops this default: the parameter stays required
            return user_id

        self.assert_refused(read_user, "Path parameters cannot have default values", "/users/{user_id}")
        app = FastAPI()
        app.get("/users/{user_id}")(plain_default)
        self.assertEqual(TestClient(app).get("/users/5").json(), 5)

    def test_pydantic_v1_models_are_refused(self) -> None:
        import warnings

        from tachyon.encoders import jsonable_encoder
        from tachyon.exceptions import FastAPIError, PydanticV1NotSupportedError

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            from pydantic import v1

        class Legacy(v1.BaseModel):
            name: str

        def body(data: Legacy):
            return data

        def in_a_list(data: list[Legacy]):
            return data

        for endpoint, options in ((body, {}), (in_a_list, {}), (lambda: {}, {"response_model": Legacy})):
            with self.subTest(endpoint=endpoint, **options), self.assertRaises(PydanticV1NotSupportedError) as caught:
                FastAPI().post("/items", **options)(endpoint)
            self.assertTrue(str(caught.exception).startswith(
                "pydantic.v1 models are no longer supported by FastAPI. Please update the response model "))
        self.assertTrue(issubclass(PydanticV1NotSupportedError, FastAPIError))
        with self.assertRaisesRegex(PydanticV1NotSupportedError, "Please update the model Legacy"):
            jsonable_encoder(Legacy(name="x"))

    def test_path_params_must_be_scalar(self) -> None:
        def models(id: list[Item]):
            return id

        def plain_list(id: list):
            return id

        def mapping(id: dict):
            return id

        def annotated(id: Annotated[tuple[int, int], Path()]):
            return id

        for endpoint in (models, plain_list, mapping, annotated):
            with self.subTest(endpoint.__name__):
                self.assert_refused(endpoint, "Path params must be of one of the supported types", "/items/{id}")

    def test_query_params_must_be_scalars_sequences_of_scalars_or_a_model(self) -> None:
        def models(q: list[Item] = Query(default=None)):
            return q

        def mapping(q: dict | None = Query(default=None)):
            return q

        def mixed(q: Annotated[list[int] | Item, Query()]):
            return q

        for endpoint in (models, mapping, mixed):
            with self.subTest(endpoint.__name__):
                self.assert_refused(endpoint, "Query parameter 'q' must be one of the supported types")

    def test_an_endpoint_must_be_callable(self) -> None:
        with self.assertRaisesRegex(AssertionError, "^An endpoint must be a callable$"):
            FastAPI().router.add_api_route("/items", endpoint="not a callable")

    def test_supported_declarations_are_accepted(self) -> None:
        app = FastAPI()

        @app.get("/items/{id}")
        def accepted(id: int, q: Annotated[list[int] | None, Query()] = None, t: tuple[int, ...] = Query(()),
                     model: Annotated[Item, Query()] = None, d: Annotated[int, Depends(dep)] = Query(0)):
            return [id, q, t, d]

        with TestClient(app) as client:
            self.assertEqual(client.get("/items/3", params={"q": ["1", "2"], "t": "4", "data": "x"}).json(),
                             [3, [1, 2], [4], 1])


class IncludeRouterTest(unittest.TestCase):
    def test_a_router_cannot_include_itself(self) -> None:
        router = APIRouter()
        router.get("/x")(original)
        message = "Cannot include the same APIRouter instance into itself. Did you mean to include a different router?"
        with self.assertRaises(AssertionError) as caught:
            router.include_router(router)
        self.assertEqual(str(caught.exception), message)
        self.assertEqual(len(router.routes), 1)
        app = FastAPI()
        with self.assertRaises(AssertionError) as caught:
            app.include_router(app.router)
        self.assertEqual(str(caught.exception), message)

    def test_prefixes_as_fastapi_checks_them(self) -> None:
        from tachyon.exceptions import FastAPIError

        router = APIRouter()
        router.get("")(original)
        with self.assertRaisesRegex(FastAPIError, r"^Prefix and path cannot be both empty \(path operation: original\)$"):
            FastAPI().include_router(router)
        mounting = APIRouter()
        mounting.get("/first")(original)
        mounting.mount("/", FastAPI())   # a mount at "/" has the empty path too
        app = FastAPI()
        with self.assertRaisesRegex(FastAPIError, r"^Prefix and path cannot be both empty"):
            app.include_router(mounting)
        self.assertEqual([r.path for r in app.routes if r.path == "/first"], [])   # checked before any route is added
        app.include_router(router, prefix="/prefix")   # a prefix makes the empty path a path
        self.assertEqual(app.routes[-1].path, "/prefix")
        for make in (lambda: APIRouter(prefix="items"), lambda: app.include_router(router, prefix="items")):
            with self.assertRaisesRegex(AssertionError, "^A path prefix must start with '/'$"):
                make()
        for make in (lambda: APIRouter(prefix="/items/"), lambda: app.include_router(router, prefix="/items/")):
            with self.assertRaisesRegex(AssertionError, "must not end with '/', as the routes will start with '/'$"):
                make()


    def test_unknown_options_are_type_errors(self) -> None:
        # As FastAPI's keyword-only signatures: a misspelt option (or one of a later FastAPI) is not ignored.
        router = APIRouter()
        for make in (lambda: APIRouter(prefx="/u"), lambda: APIRouter(exception_handlers={}),
                     lambda: FastAPI().include_router(router, prefx="/u"),
                     lambda: APIRouter().include_router(router, dependecies=[])):
            with self.assertRaisesRegex(TypeError, "unexpected keyword argument"):
                make()


class LegacyRoute(APIRoute):
    """A route class written before strict_content_type: an explicit __init__ without **kwargs."""

    def __init__(self, path, endpoint, *, methods=None, status_code=None, response_model=None, name=None,
                 dependencies=None, tags=None, response_class=None, summary=None, description=None,
                 response_description="Successful Response", responses=None, deprecated=None, operation_id=None,
                 include_in_schema=True, openapi_extra=None, callbacks=None, generate_unique_id_function=None,
                 response_model_include=None, response_model_exclude=None, response_model_by_alias=True,
                 response_model_exclude_unset=False, response_model_exclude_defaults=False,
                 response_model_exclude_none=False, dependency_overrides_provider=None) -> None:
        super().__init__(
            path, endpoint, methods=methods, status_code=status_code, response_model=response_model, name=name,
            dependency_overrides_provider=dependency_overrides_provider,
            dependencies=dependencies, tags=tags, response_class=response_class, summary=summary,
            description=description, response_description=response_description, responses=responses,
            deprecated=deprecated, operation_id=operation_id, include_in_schema=include_in_schema,
            openapi_extra=openapi_extra, callbacks=callbacks, generate_unique_id_function=generate_unique_id_function,
            response_model_include=response_model_include, response_model_exclude=response_model_exclude,
            response_model_by_alias=response_model_by_alias, response_model_exclude_unset=response_model_exclude_unset,
            response_model_exclude_defaults=response_model_exclude_defaults,
            response_model_exclude_none=response_model_exclude_none)


class ForwardingRoute(APIRoute):
    def __init__(self, path, endpoint, **kwargs) -> None:
        super().__init__(path, endpoint, **kwargs)


class RouteClassArgumentsTest(unittest.TestCase):
    """FastAPI passes strict_content_type to a route class only if its __init__ takes it
    (test_custom_route_class.py::test_legacy_route_class_with_explicit_init)."""

    def test_a_legacy_route_class_without_kwargs(self) -> None:
        app = FastAPI()
        router = APIRouter(route_class=LegacyRoute)

        @router.get("/items")
        def read_items():
            return {"items": []}

        app.include_router(router)
        with TestClient(app) as client:
            response = client.get("/items")
        self.assertEqual((response.status_code, response.json()), (200, {"items": []}))

    def test_a_route_class_taking_kwargs_gets_the_option(self) -> None:
        app = FastAPI()
        router = APIRouter(route_class=ForwardingRoute, strict_content_type=False)

        @router.post("/items")
        def create(item: Item):
            return item

        app.include_router(router)
        with TestClient(app) as client:
            response = client.post("/items", content=b'{"data": "x"}')   # no Content-Type: lenient
        self.assertEqual((response.status_code, response.json()), (200, {"data": "x"}))


class RouteAttributesTest(unittest.TestCase):
    """Libraries copy routes attribute by attribute into add_api_route (fastapi-router-controller, versionizers)."""

    def test_a_route_copied_through_its_attributes_keeps_its_options(self) -> None:
        class Pair(BaseModel):
            a: int
            b: int | None = None

        router = APIRouter()

        @router.get("/pair", response_model=Pair, response_model_exclude_none=True, tags=["t"])
        def pair():
            return {"a": 1, "b": None}

        route = router.routes[0]
        names = ["response_model", "status_code", "tags", "dependencies", "summary", "description",
                 "response_description", "responses", "deprecated", "methods", "operation_id", "include_in_schema",
                 "response_class", "name", "callbacks", "openapi_extra", "response_model_include",
                 "response_model_exclude", "response_model_by_alias", "response_model_exclude_unset",
                 "response_model_exclude_defaults", "response_model_exclude_none"]
        copy = APIRouter(prefix="/v1")
        copy.add_api_route(route.path, route.endpoint, **{name: getattr(route, name) for name in names})
        app = FastAPI()
        app.include_router(copy)
        with TestClient(app) as client:
            self.assertEqual(client.get("/v1/pair").json(), {"a": 1})
        self.assertIs(copy.routes[0].response_model_exclude_none, True)

    def test_a_falsy_response_model_is_none(self) -> None:
        """FastAPI checks `if self.response_model:` (fastapi-utils passes {} with a PlainTextResponse)."""
        from tachyon.responses import PlainTextResponse

        app = FastAPI()

        @app.get("/check", response_model={}, response_class=PlainTextResponse)
        def check():
            return "Done!"

        with TestClient(app) as client:
            response = client.get("/check")
        self.assertEqual((response.status_code, response.text), (200, "Done!"))
        self.assertEqual(app.openapi()["paths"]["/check"]["get"]["responses"]["200"]["content"],
                         {"text/plain": {"schema": {"type": "string"}}})   # the class's, as for no model


class DecoratorSignatureTest(unittest.TestCase):
    """The decorators and the app's add_api_route name FastAPI's options, in its order, with its defaults."""

    OPTIONS = ["response_model", "status_code", "tags", "dependencies", "summary", "description",
               "response_description", "responses", "deprecated", "operation_id", "response_model_include",
               "response_model_exclude", "response_model_by_alias", "response_model_exclude_unset",
               "response_model_exclude_defaults", "response_model_exclude_none", "include_in_schema",
               "response_class", "name", "callbacks", "openapi_extra", "generate_unique_id_function",
               "strict_content_type"]

    def test_method_decorators(self) -> None:
        import inspect

        for owner in (FastAPI(), APIRouter()):
            for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
                parameters = inspect.signature(getattr(owner, method)).parameters
                self.assertEqual(list(parameters), ["path", *self.OPTIONS], method)
                self.assertEqual(parameters["response_description"].default, "Successful Response")
                self.assertIs(parameters["include_in_schema"].default, True)

    def test_api_route_and_add_api_route_take_the_methods(self) -> None:
        import inspect

        with_methods = [*self.OPTIONS[:9], "methods", *self.OPTIONS[9:]]
        app = FastAPI()
        self.assertEqual(list(inspect.signature(app.api_route).parameters), ["path", *with_methods])
        # The app's takes the router's options (FastAPI's lacks callbacks and route_class_override).
        router_options = ["path", "endpoint", *with_methods[:-4], "route_class_override", *with_methods[-4:]]
        self.assertEqual(list(inspect.signature(APIRouter().add_api_route).parameters), router_options)
        self.assertEqual(list(inspect.signature(app.add_api_route).parameters), router_options)

    def test_an_unknown_option_is_a_type_error(self) -> None:
        app, router = FastAPI(), APIRouter()
        with self.assertRaisesRegex(TypeError, r"^FastAPI\.get\(\) got an unexpected keyword argument 'respones'$"):
            app.get("/", respones={})
        with self.assertRaisesRegex(TypeError, r"^APIRouter\.post\(\) got an unexpected keyword argument 'methods'$"):
            router.post("/", methods=["GET"])
        with self.assertRaisesRegex(TypeError, "unexpected keyword argument 'route_class_override'"):
            app.get("/", route_class_override=APIRoute)
        with self.assertRaisesRegex(TypeError, r"^FastAPI\.add_api_route\(\) got an unexpected keyword argument 'x'$"):
            app.add_api_route("/", lambda: 1, x=1)
        self.assertEqual(app.routes[4:], [])   # nothing was added (the first four are the docs' routes)

    def test_a_router_subclass_overriding_api_route_sees_every_method_with_every_option(self) -> None:
        """FastAPI's get() passes all its options, defaults included, through api_route."""
        seen = []

        class Recording(APIRouter):
            def api_route(self, path, *, response_model=None, **options):
                seen.append((path, response_model, options["methods"], options["response_description"]))
                return super().api_route(path, response_model=response_model, **options)

        router = Recording()

        @router.get("/a")
        def a() -> int:
            return 1

        self.assertEqual(len(seen), 1)
        path, response_model, methods, description = seen[0]
        self.assertEqual((path, methods, description), ("/a", ["GET"], "Successful Response"))
        self.assertIsInstance(response_model, DefaultPlaceholder)   # so the return annotation still counts
        self.assertIs(router.routes[0].response_model, int)

    def test_options_reach_the_route(self) -> None:
        app = FastAPI()

        @app.api_route("/a", methods=["PUT"], status_code=202, tags=["t"])
        def a():
            return 1

        app.add_api_route("/b", a, methods=["POST"], name="bee")
        with TestClient(app) as client:
            self.assertEqual(client.put("/a").status_code, 202)
            self.assertEqual(client.post("/b").status_code, 200)
        self.assertEqual(app.url_path_for("bee"), "/b")


class DependsValueTest(unittest.TestCase):
    """Depends and Security compare and hash by value, as FastAPI's frozen dataclasses (test_depends_hashable.py)."""

    def test_equal_declarations_are_one(self) -> None:
        from tachyon import Depends, Security

        def dep():
            return 1

        self.assertEqual(Depends(dep), Depends(dep))
        self.assertEqual(len({Depends(dep), Depends(dep), Security(dep), Security(dep)}), 2)
        self.assertNotEqual(hash(Depends(dep)), hash(Depends(dep, scope="function")))
        self.assertNotEqual(Security(dep, scopes=["a"]), Security(dep, scopes=["b"]))
        self.assertNotEqual(Depends(dep), Depends(dep, use_cache=False))

    def test_they_are_dataclasses(self) -> None:
        """As FastAPI's: dataclasses.replace and fields work, and repr names every field. (FastAPI's are frozen;
        these still let code written for older FastAPI assign a field.)"""
        import dataclasses

        from tachyon import Depends, Security

        def dep():
            return 1

        marker = Security(dep, scopes=["read"])
        self.assertTrue(dataclasses.is_dataclass(marker))
        self.assertEqual(dataclasses.replace(marker, scopes=["write"]), Security(dep, scopes=["write"]))
        self.assertEqual([f.name for f in dataclasses.fields(marker)], ["dependency", "use_cache", "scope", "scopes"])
        self.assertEqual(repr(Depends(None, use_cache=False)), "Depends(dependency=None, use_cache=False, scope=None)")


class ParameterAliasesTest(unittest.TestCase):
    """FastAPI 0.124.4+: a string validation_alias is the request key of a parameter (and its error's loc),
    and an alias names the field of an embedded body or form model (test_alias_and_validation_alias_in_form.py)."""

    @classmethod
    def setUpClass(cls) -> None:
        from tachyon import Body, Form, Header, Query

        app = FastAPI()

        @app.get("/query")
        def query(id_test: int = Query(validation_alias="otherId")):
            return {"id": id_test}

        @app.get("/header")
        def header(id_test: Annotated[int, Header(validation_alias="x-other")]):
            return {"id": id_test}

        @app.post("/form")
        def form(id_test: int = Form(alias="otherId"), note: str = Form()):
            return {"id": id_test, "note": note}

        @app.post("/body")
        def body(id_test: Annotated[int, Body(alias="otherId", embed=True)]):
            return {"id": id_test}

        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_request_keys(self) -> None:
        self.assertEqual(self.client.get("/query", params={"otherId": "1"}).json(), {"id": 1})
        self.assertEqual(self.client.get("/header", headers={"x-other": "2"}).json(), {"id": 2})
        self.assertEqual(self.client.post("/form", data={"otherId": "3", "note": "n"}).json(), {"id": 3, "note": "n"})
        self.assertEqual(self.client.post("/body", json={"otherId": 4}).json(), {"id": 4})
        missing = self.client.get("/query", params={"id_test": "1"}).json()["detail"][0]
        self.assertEqual((missing["type"], missing["loc"]), ("missing", ["query", "otherId"]))

    def test_openapi_names(self) -> None:
        document = self.client.get("/openapi.json").json()
        self.assertEqual([p["name"] for p in document["paths"]["/header"]["get"]["parameters"]], ["x-other"])
        schemas = document["components"]["schemas"]
        self.assertEqual(list(schemas["Body_form_form_post"]["properties"]), ["otherId", "note"])
        self.assertEqual(list(schemas["Body_body_body_post"]["properties"]), ["otherId"])


class PlainFieldInAnnotatedTest(unittest.TestCase):
    """A plain pydantic Field() in Annotated is part of the type; where the value comes from is inferred as
    without it (FastAPI's test_union_body_discriminator.py)."""

    @classmethod
    def setUpClass(cls) -> None:
        from typing import Literal, Union

        class First(BaseModel):
            value: Literal["first"]
            price: int

        class Other(BaseModel):
            value: Literal["other"]
            price: float

        app = FastAPI()

        @app.post("/items/")
        def save(item: Annotated[Union[First, Other], Field(discriminator="value")],
                 q: Annotated[str, Field(description="Query string")]):
            return {"item": item, "q": q}

        @app.post("/numbers/")
        def numbers(values: Annotated[list[int], Field(min_length=1)]):
            return values

        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_body_and_query(self) -> None:
        response = self.client.post("/items/?q=x", json={"value": "other", "price": 2})
        self.assertEqual(response.json(), {"item": {"value": "other", "price": 2.0}, "q": "x"})
        wrong = self.client.post("/items/?q=x", json={"value": "third", "price": 2}).json()["detail"][0]
        self.assertEqual((wrong["type"], wrong["loc"]), ("union_tag_invalid", ["body"]))
        self.assertEqual(self.client.post("/numbers/", json=[1, 2]).json(), [1, 2])
        short = self.client.post("/numbers/", json=[]).json()["detail"][0]
        self.assertEqual((short["type"], short["loc"]), ("too_short", ["body"]))

    def test_openapi(self) -> None:
        operation = self.client.get("/openapi.json").json()["paths"]["/items/"]["post"]
        self.assertEqual([(p["name"], p["in"]) for p in operation["parameters"]], [("q", "query")])
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        self.assertEqual(schema["discriminator"]["propertyName"], "value")


class AnnotatedDefaultsInBodyModelsTest(unittest.TestCase):
    """A default given with `=` to an Annotated[..., Body(), <validator>] parameter stays a default in the OpenAPI
    body model (FastAPI's test_nullable_and_defaults.py): not listed as required."""

    def test_not_required(self) -> None:
        from pydantic import BeforeValidator

        from tachyon import Body

        app = FastAPI()

        @app.post("/items")
        def items(a: Annotated[int | None, Body(), BeforeValidator(lambda v: v)] = None,
                  b: Annotated[str | None, Body(), BeforeValidator(lambda v: v)] = None):
            return {"a": a, "b": b}

        with TestClient(app) as client:
            self.assertEqual(client.post("/items", json={}).json(), {"a": None, "b": None})
            schema = client.get("/openapi.json").json()["components"]["schemas"]["Body_items_items_post"]
        self.assertNotIn("required", schema)


class VariadicParametersTest(unittest.TestCase):
    def test_star_args_and_kwargs_are_required_query_parameters(self) -> None:
        """FastAPI reads every parameter of the signature, *args and **kwargs too: unannotated, they are
        required query parameters, passed by name (so both land in **kwargs). A decorator without
        functools.wraps makes an endpoint ask for them; a bare MagicMock override does the same."""
        app = FastAPI()

        def dep(*args, **kwargs):
            return {"args": list(args), "kwargs": kwargs}

        @app.get("/items/{item_id}")
        def endpoint(item_id: int, d=Depends(dep)):
            return d

        with TestClient(app) as client:
            self.assertEqual([e["loc"] for e in client.get("/items/0").json()["detail"]],
                             [["query", "args"], ["query", "kwargs"]])
            self.assertEqual(client.get("/items/0?args=1&kwargs=2").json(),
                             {"args": [], "kwargs": {"args": "1", "kwargs": "2"}})
        parameters = app.openapi()["paths"]["/items/{item_id}"]["get"]["parameters"]
        self.assertEqual([(p["name"], p["in"], p["required"]) for p in parameters],
                         [("item_id", "path", True), ("args", "query", True), ("kwargs", "query", True)])


if __name__ == "__main__":
    unittest.main()
