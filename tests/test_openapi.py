"""OpenAPI output in FastAPI's shape, and the docs pages served with local assets."""
from __future__ import annotations

import unittest
from typing import Annotated

from pydantic import BaseModel

from tachyon import APIRouter, Body, Depends, FastAPI, Header, Query
from tachyon.responses import JSONResponse
from tachyon.security import OAuth2PasswordBearer
from tachyon.testclient import TestClient

VALIDATION_422 = {"description": "Validation Error",
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}}


class Item(BaseModel):
    name: str
    price: float
    tags: list[str] = []


class ItemOut(BaseModel):
    name: str


ITEM_EXAMPLES = {"normal": {"summary": "A normal example", "value": {"name": "Foo", "price": 35.4}}}
oauth2 = OAuth2PasswordBearer(tokenUrl="token", scopes={"items": "Read items"})


class OpenAPITest(unittest.TestCase):
    def test_the_example_app_matches_fastapi(self) -> None:
        from examples.hello import app

        client = TestClient(app)
        self.addCleanup(client.close)
        doc = client.get("/openapi.json").json()
        self.assertEqual(doc["openapi"], "3.1.0")
        self.assertEqual(doc["info"], {"title": "FastAPI", "version": "0.1.0"})
        self.assertEqual(doc["paths"]["/items/{item_id}"]["get"], {
            "summary": "Read Item",
            "operationId": "read_item_items__item_id__get",
            "parameters": [
                {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer", "title": "Item Id"}},
                {"name": "q", "in": "query", "required": False,
                 "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "maximum": 100, "minimum": 1, "default": 10, "title": "Limit"}},
            ],
            "responses": {"200": {"description": "Successful Response", "content": {"application/json": {"schema": {}}}},
                          "422": VALIDATION_422},
        })
        self.assertEqual(doc["paths"]["/users/"]["post"]["requestBody"],
                         {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}, "required": True})
        self.assertEqual(doc["paths"]["/users/"]["post"]["responses"]["201"]["content"]["application/json"]["schema"],
                         {"$ref": "#/components/schemas/User"})
        self.assertEqual(sorted(doc["components"]["schemas"]), ["HTTPValidationError", "User", "ValidationError"])
        self.assertEqual(doc["components"]["schemas"]["ValidationError"]["required"], ["loc", "msg", "type"])
        self.assertNotIn("/docs", doc["paths"])

    def test_operation_options_tags_security_and_bodies(self) -> None:
        app = FastAPI(title="Shop", version="2.0", openapi_tags=[{"name": "items", "description": "Items"}])
        router = APIRouter(prefix="/items", tags=["items"])

        @router.post("/", response_model=ItemOut, status_code=201, summary="Make one", deprecated=True,
                     responses={404: {"description": "Nope"}})
        def create(item: Item, importance: Annotated[int, Body()], token: Annotated[str, Depends(oauth2)],
                   x_trace: Annotated[str | None, Header()] = None):
            """Creates an item.
            \f
            Internal notes, not in the docs."""
            return item

        @router.get("/hidden", include_in_schema=False)
        def hidden():
            return {}

        app.include_router(router)
        op = app.openapi()["paths"]["/items/"]["post"]
        self.assertEqual(op["tags"], ["items"])
        self.assertEqual(op["summary"], "Make one")
        self.assertEqual(op["description"], "Creates an item.")
        self.assertEqual(op["operationId"], "create_items__post")
        self.assertTrue(op["deprecated"])
        self.assertEqual(op["security"], [{"OAuth2PasswordBearer": []}])
        self.assertEqual(op["parameters"], [{"name": "x-trace", "in": "header", "required": False,
                                             "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "X-Trace"}}])
        self.assertEqual(op["requestBody"], {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Body_create_items__post"}}}, "required": True})
        self.assertEqual(op["responses"]["404"], {"description": "Nope"})
        doc = app.openapi()
        self.assertEqual(doc["components"]["securitySchemes"], {"OAuth2PasswordBearer": {
            "type": "oauth2", "flows": {"password": {"scopes": {"items": "Read items"}, "tokenUrl": "token"}}}})
        body = doc["components"]["schemas"]["Body_create_items__post"]
        self.assertEqual(body["required"], ["item", "importance"])
        self.assertEqual(body["properties"]["importance"], {"type": "integer", "title": "Importance"})
        self.assertEqual(doc["tags"], [{"name": "items", "description": "Items"}])
        self.assertNotIn("/items/hidden", doc["paths"])

    def test_body_fields_of_dependencies_come_after_the_endpoints_own(self) -> None:
        """FastAPI's body model takes a callable's own body parameters before its dependencies'
        (get_flat_dependant; test_dependency_duplicates); their errors still come dependency first."""
        app = FastAPI()

        def extra(b: int = Body(), c: int = Body()):
            return b + c

        @app.post("/x")
        def x(a: int = Body(), total: int = Depends(extra)):
            return [a, total]

        body = app.openapi()["components"]["schemas"]["Body_x_x_post"]
        self.assertEqual((list(body["properties"]), body["required"]), (["a", "b", "c"], ["a", "b", "c"]))
        with TestClient(app) as client:
            self.assertEqual([e["loc"] for e in client.post("/x", json={}).json()["detail"]],
                             [["body", "b"], ["body", "c"], ["body", "a"]])
            self.assertEqual(client.post("/x", json={"c": 3, "b": 2, "a": 1}).json(), [1, 5])

    def test_body_openapi_examples_sit_next_to_the_schema(self) -> None:
        app = FastAPI()
        examples = ITEM_EXAMPLES

        @app.put("/items/{item_id}")
        def update(item_id: int, item: Annotated[Item, Body(openapi_examples=ITEM_EXAMPLES)]):
            return item

        body = app.openapi()["paths"]["/items/{item_id}"]["put"]["requestBody"]
        self.assertEqual(body, {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Item"}, "examples": examples}}, "required": True})
        self.assertNotIn("examples", app.openapi()["components"]["schemas"]["Item"])

    def test_app_level_route_options_and_extra_keywords(self) -> None:
        from tachyon.routing import APIRoute

        def listed():
            return []

        app = FastAPI(responses={404: {"description": "Not found here"}}, deprecated=True, x_team="core",
                      routes=[APIRoute("/listed", listed)])

        @app.get("/a")
        def a():
            return 1

        @app.get("/hidden", include_in_schema=False)
        def hidden():
            return 2

        operation = app.openapi()["paths"]["/a"]["get"]
        self.assertEqual((operation["deprecated"], operation["responses"]["404"]), (True, {"description": "Not found here"}))
        self.assertEqual(sorted(app.openapi()["paths"]), ["/a", "/listed"])
        self.assertEqual(app.extra, {"x_team": "core"})
        hidden_app = FastAPI(include_in_schema=False)
        hidden_app.get("/b")(a)
        self.assertEqual(hidden_app.openapi()["paths"], {})

    def test_middleware_is_refused_not_ignored(self) -> None:
        with self.assertRaisesRegex(NotImplementedError, "middleware"):
            FastAPI(middleware=[object()])
        app = FastAPI()
        with self.assertRaisesRegex(NotImplementedError, "middleware"):
            app.add_middleware(object, allow_origins=["*"])
        with self.assertRaisesRegex(NotImplementedError, "middleware"):
            app.middleware("http")

    def test_websocket_routes_are_refused_when_declared(self) -> None:
        for owner in (FastAPI(), APIRouter()):
            with self.assertRaisesRegex(NotImplementedError, "WebSockets"):
                owner.websocket("/ws")
            with self.assertRaisesRegex(NotImplementedError, "WebSockets"):
                owner.add_api_websocket_route("/ws", lambda websocket: None)

    def test_openapi_url_none_disables_schema_and_docs(self) -> None:
        app = FastAPI(openapi_url=None)
        client = TestClient(app)
        self.addCleanup(client.close)
        self.assertEqual(client.get("/openapi.json").status_code, 404)
        self.assertEqual(client.get("/docs").status_code, 404)

    def test_setup_adds_the_docs_routes_and_a_subclass_may_extend_it(self) -> None:
        """FastAPI's __init__ ends with self.setup(); fastapi-jsonrpc's app adds /openrpc.json there."""
        class WithExtraRoute(FastAPI):
            def setup(self) -> None:
                super().setup()

                async def openrpc(request):
                    return JSONResponse({"openrpc": "1.2.6"})
                self.add_route("/openrpc.json", openrpc, include_in_schema=False)

        app = WithExtraRoute()
        self.assertEqual([r.path for r in app.routes][-1], "/openrpc.json")
        client = TestClient(app)
        self.addCleanup(client.close)
        self.assertEqual(client.get("/openrpc.json").json(), {"openrpc": "1.2.6"})
        self.assertEqual(client.get("/docs").status_code, 200)

    def test_a_title_and_a_version_are_required_for_openapi(self) -> None:
        """FastAPI asserts both when the app serves its schema; without openapi_url neither is needed."""
        for options, message in (({"title": None}, "A title must be provided for OpenAPI, e.g.: 'My API'"),
                                 ({"title": ""}, "A title must be provided"),
                                 ({"version": ""}, "A version must be provided for OpenAPI, e.g.: '2.1.0'")):
            with self.subTest(options=options), self.assertRaisesRegex(AssertionError, message):
                FastAPI(**options)
        self.assertEqual(FastAPI(title="", version="", openapi_url=None).title, "")

    def test_openapi_prefix_is_the_root_path_with_a_warning(self) -> None:
        with self.assertLogs("tachyon", "WARNING") as logs:
            app = FastAPI(openapi_prefix="/api")
        self.assertEqual(app.root_path, "/api")
        self.assertIn('"openapi_prefix" has been deprecated in favor of "root_path"', logs.output[0])


class DocsPagesTest(unittest.TestCase):
    def test_swagger_ui_redoc_and_their_local_assets(self) -> None:
        app = FastAPI(title="Docs", swagger_ui_parameters={"deepLinking": False})
        client = TestClient(app)
        self.addCleanup(client.close)
        page = client.get("/docs")
        self.assertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        self.assertIn("<title>Docs - Swagger UI</title>", page.text)
        self.assertIn("url: '/openapi.json'", page.text)
        self.assertIn('"deepLinking": false', page.text)
        self.assertIn("oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'", page.text)
        self.assertIn("window.opener.swaggerUIRedirectOauth2", client.get("/docs/oauth2-redirect").text)
        redoc = client.get("/redoc").text
        self.assertIn('<redoc spec-url="/openapi.json"></redoc>', redoc)
        self.assertNotIn("fonts.googleapis.com", redoc)   # the app's page works offline
        for asset, media in (("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"),
                             ("redoc.standalone.js", "text/javascript")):
            r = client.get(f"/_tachyon/docs/{asset}")
            self.assertEqual(r.status_code, 200, asset)
            self.assertTrue(r.headers["content-type"].startswith(media), r.headers["content-type"])
            self.assertGreater(len(r.content), 10_000)

    def test_an_apps_own_docs_route_gets_the_assets_its_page_loads(self) -> None:
        """Docs behind the app's own route (docs_url=None, openapi_url=None): get_swagger_ui_html's default asset
        URLs are served (FastAPI's point at a CDN)."""
        from tachyon.openapi.docs import get_swagger_ui_html

        app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

        @app.get("/private-docs", include_in_schema=False)
        def private_docs():
            return get_swagger_ui_html(openapi_url="/private-openapi.json", title="Private")

        client = TestClient(app)
        self.addCleanup(client.close)
        page = client.get("/private-docs").text
        self.assertIn('src="/_tachyon/docs/swagger-ui-bundle.js"', page)
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"):
            self.assertEqual(client.get(f"/_tachyon/docs/{asset}").status_code, 200, asset)
        self.assertEqual(client.get("/docs").status_code, 404)

    def test_the_page_helpers_write_fastapis_bytes(self) -> None:
        from tachyon.openapi.docs import get_redoc_html, get_swagger_ui_html

        swagger = get_swagger_ui_html(openapi_url="/o.json", title="T", swagger_js_url="/s.js", swagger_css_url="/s.css",
                                      swagger_favicon_url="/f.png", swagger_ui_parameters={"deepLinking": False}).body.decode()
        self.assertTrue(swagger.startswith('\n    <!DOCTYPE html>\n    <html>\n    <head>\n'
                                           '    <meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
                                           '    <link type="text/css" rel="stylesheet" href="/s.css">\n'), swagger[:200])
        self.assertIn("        url: '/o.json',\n    \"dom_id\": \"#swagger-ui\",\n\"layout\": \"BaseLayout\",\n"
                      "\"deepLinking\": false,\n", swagger)
        self.assertTrue(swagger.endswith("    })\n    </script>\n    </body>\n    </html>\n    "), swagger[-80:])
        fonts = '<link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">'
        self.assertIn(f"\n    \n    {fonts}\n    \n", get_redoc_html(openapi_url="/o", title="R").body.decode())   # FastAPI's default
        self.assertNotIn("fonts.googleapis.com", get_redoc_html(openapi_url="/o", title="R", with_google_fonts=False).body.decode())

    def test_values_written_into_the_page_cannot_close_its_script(self) -> None:
        """FastAPI's test_swagger_ui_escape.py: <, > and & in init_oauth and swagger_ui_parameters are escaped."""
        app = FastAPI(swagger_ui_init_oauth={"clientId": "</script><script>alert(1)</script>", "appName": "a&b"},
                      swagger_ui_parameters={"filter": "<b>"})
        client = TestClient(app)
        self.addCleanup(client.close)
        page = client.get("/docs").text
        self.assertEqual(page.count("</script>"), 2)   # the page's own two script blocks
        self.assertIn('ui.initOAuth({"clientId": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e", '
                      '"appName": "a\\u0026b"})', page)
        self.assertIn('"filter": "\\u003cb\\u003e",', page)


if __name__ == "__main__":
    unittest.main()
