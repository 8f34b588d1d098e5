"""OpenAPI metadata: the ``FastAPI(...)`` options that fill the document's ``info`` (title, summary,
description, version, terms of service, contact, license) and ``tags`` (``openapi_tags``)."""
from tachyon import FastAPI

description = """
Bookshelf keeps track of the books you own. 📚

## Books

You can **list books** and **add books** (_soon_).
"""

tags_metadata = [
    {"name": "books", "description": "Operations on books. **Adding** needs a librarian."},
    {
        "name": "health",
        "description": "Liveness checks.",
        "externalDocs": {"description": "Runbook", "url": "https://ops.example.com/runbooks/bookshelf"},
    },
]

app = FastAPI(
    title="Bookshelf",
    summary="Your books, catalogued.",
    description=description,
    version="2.1.0",
    terms_of_service="https://bookshelf.example.com/terms/",
    contact={
        "name": "Bookshelf team",
        "url": "https://bookshelf.example.com/contact/",
        "email": "team@bookshelf.example.com",
    },
    license_info={"name": "Apache 2.0", "identifier": "Apache-2.0"},
    openapi_tags=tags_metadata,
)


@app.get("/health", tags=["health"])
def health():
    return {"status": "ok"}


@app.get("/books/", tags=["books"])
def list_books():
    return [{"title": "Dune"}]
