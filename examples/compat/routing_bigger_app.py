"""Bigger applications: routers included into routers, each ``include_router`` adding its own
prefix, tags, dependencies and responses on top of the router's and the app's."""
from typing import Annotated

from tachyon import APIRouter, Depends, FastAPI, Header, HTTPException

AUTHORS = {1: "Ursula K. Le Guin", 2: "Iain M. Banks"}
BOOKS = {1: {"title": "The Dispossessed", "author_id": 1}, 2: {"title": "Excession", "author_id": 2},
         3: {"title": "The Unpublished Draft", "author_id": 2}}
RESTRICTED = {3}


async def check_tenant(tenant: str):
    if tenant != "acme":
        raise HTTPException(status_code=400, detail="Unknown tenant")


async def require_api_key(x_api_key: Annotated[str, Header()]):
    if x_api_key != "library-key":
        raise HTTPException(status_code=401, detail="Invalid API key")


async def require_admin(x_admin: Annotated[str, Header()]):
    if x_admin != "yes":
        raise HTTPException(status_code=403, detail="Admins only")


authors = APIRouter(prefix="/authors", tags=["authors"])


@authors.get("/")
def list_authors():
    return [{"id": author_id, "name": name} for author_id, name in AUTHORS.items()]


@authors.get("/{author_id}")
def read_author(author_id: int):
    if author_id not in AUTHORS:
        raise HTTPException(status_code=404, detail="Author not found")
    return {"id": author_id, "name": AUTHORS[author_id]}


books = APIRouter()  # its prefix, tags and responses come from include_router below


@books.get("/")
def list_books():
    return [{"id": book_id, "title": book["title"]} for book_id, book in BOOKS.items() if book_id not in RESTRICTED]


@books.get("/{book_id}", tags=["catalogue"], responses={403: {"description": "Restricted book"}})
def read_book(book_id: int):
    if book_id not in BOOKS:
        raise HTTPException(status_code=404, detail="Book not found")
    if book_id in RESTRICTED:
        raise HTTPException(status_code=403, detail="Restricted book")
    return {"id": book_id, **BOOKS[book_id]}


v1 = APIRouter(prefix="/v1", tags=["v1"], dependencies=[Depends(require_api_key)],
               responses={401: {"description": "Missing or invalid API key"}})
v1.include_router(authors)
v1.include_router(books, prefix="/books", tags=["books"], responses={404: {"description": "Book not found"}})

admin = APIRouter()


@admin.post("/reindex", status_code=202)
def reindex():
    return {"status": "reindexing"}


app = FastAPI(dependencies=[Depends(check_tenant)])
app.include_router(v1, prefix="/api")
app.include_router(admin, prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)],
                   responses={418: {"description": "I'm a teapot"}})


@app.get("/")
def root():
    return {"library": "open"}
