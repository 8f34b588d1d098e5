"""The documentation pages: Swagger UI at ``/docs`` (configured with ``swagger_ui_parameters`` and
``swagger_ui_init_oauth``), its OAuth2 redirect page at ``/docs/oauth2-redirect``, and ReDoc at ``/redoc``.

Tachyon serves the pages' JavaScript and CSS itself (under ``/_tachyon/docs/``) where FastAPI links a CDN."""
from tachyon import FastAPI

app = FastAPI(
    title="Observatory",
    swagger_ui_parameters={"syntaxHighlight": False, "deepLinking": False, "defaultModelsExpandDepth": -1},
    swagger_ui_init_oauth={"clientId": "observatory-docs", "appName": "Observatory",
                           "usePkceWithAuthorizationCodeGrant": True},
)


@app.get("/stars/")
def list_stars():
    return [{"name": "Vega"}, {"name": "Deneb"}]
