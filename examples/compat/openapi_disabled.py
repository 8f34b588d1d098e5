"""Turning the schema off: ``FastAPI(openapi_url=None)`` serves no ``/openapi.json`` and so no docs pages
either (FastAPI's "Conditional OpenAPI", e.g. for production)."""
from tachyon import FastAPI

app = FastAPI(openapi_url=None)


@app.get("/")
def root():
    return {"message": "Hello World"}
