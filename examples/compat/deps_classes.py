"""Classes as dependencies: FastAPI calls the class with the request's parameters (``Depends()`` takes the
class from the annotation), and a callable instance is a dependency whose parameters are its ``__call__``'s."""
from typing import Annotated

from tachyon import Depends, FastAPI

app = FastAPI()

fake_items_db = [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]


class CommonQueryParams:
    def __init__(self, q: str | None = None, skip: int = 0, limit: int = 100):
        self.q = q
        self.skip = skip
        self.limit = limit


class FixedContentQueryChecker:
    def __init__(self, fixed_content: str):
        self.fixed_content = fixed_content

    def __call__(self, q: str = ""):
        return self.fixed_content in q


checker = FixedContentQueryChecker("bar")


@app.get("/items/")
async def read_items(commons: Annotated[CommonQueryParams, Depends()]):
    response = {}
    if commons.q:
        response["q"] = commons.q
    response["items"] = fake_items_db[commons.skip: commons.skip + commons.limit]
    return response


@app.get("/users/")
def read_users(commons: CommonQueryParams = Depends(CommonQueryParams)):
    return {"type": type(commons).__name__, "q": commons.q, "skip": commons.skip, "limit": commons.limit}


@app.get("/query-checker/")
async def read_query_check(fixed_content_included: Annotated[bool, Depends(checker)]):
    return {"fixed_content_in_query": fixed_content_included}
