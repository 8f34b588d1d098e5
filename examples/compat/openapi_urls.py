"""Where the schema and the docs live: a custom ``openapi_url`` and ``docs_url``, no ReDoc
(``redoc_url=None``), and an app served behind a proxy under ``root_path`` with explicit ``servers``."""
from tachyon import FastAPI

app = FastAPI(
    title="Inventory",
    openapi_url="/api/v1/openapi.json",
    docs_url="/api/v1/docs",
    redoc_url=None,
    root_path="/inventory",
    servers=[
        {"url": "https://eu.example.com/inventory", "description": "EU region"},
        {"url": "https://us.example.com/inventory", "description": "US region"},
    ],
)


@app.get("/items/")
def list_items():
    return [{"sku": "A-1"}]
