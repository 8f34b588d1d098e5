"""How operations are described: ``generate_unique_id_function`` (operation ids and generated schema names,
here ``{tag}-{function name}`` as in FastAPI's "Generating SDKs" page), ``openapi_extra`` (merged into the
operation), and ``separate_input_output_schemas=False`` (input schemas, but a response model with a computed
field keeps its output one)."""
from typing import Annotated

from pydantic import BaseModel, computed_field

from tachyon import APIRouter, Body, FastAPI
from tachyon.routing import APIRoute

generated_for: list[str] = []


def tag_and_name(route: APIRoute) -> str:
    generated_for.append(route.path)
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


class Book(BaseModel):
    title: str
    price: float

    @computed_field
    @property
    def price_label(self) -> str:
        return f"{self.price:.2f} EUR"


app = FastAPI(generate_unique_id_function=tag_and_name, separate_input_output_schemas=False)


@app.get("/books/", tags=["books"], openapi_extra={"x-cache-seconds": 60})
def list_books() -> list[Book]:
    return [Book(title="Dune", price=9.5)]


@app.post("/books/", tags=["books"])
def add_book(book: Book, shelf: Annotated[str, Body()]) -> Book:
    return book


@app.get("/legacy/books", tags=["books"], operation_id="legacyListBooks", deprecated=True)
def legacy_list_books():
    return []


authors = APIRouter(prefix="/authors", tags=["authors"])


@authors.get("/{author_id}", openapi_extra={
    "parameters": [{"name": "X-Request-Id", "in": "header", "required": False, "schema": {"type": "string"}}],
    "responses": {"200": {"description": "The author"}},
})
def read_author(author_id: int):
    return {"author_id": author_id}


app.include_router(authors)
