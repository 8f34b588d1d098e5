"""Path operation configuration: status_code, tags, summary, description (explicit or from the
docstring, cut at a form feed), response_description, deprecated, operation_id, name,
include_in_schema, additional responses and openapi_extra."""
from pydantic import BaseModel

from tachyon import FastAPI
from tachyon.responses import JSONResponse

app = FastAPI()


class Gadget(BaseModel):
    name: str
    price: float


class Message(BaseModel):
    message: str


@app.post("/gadgets/", status_code=201, response_model=Gadget, tags=["gadgets"], summary="Create a gadget",
          response_description="The created gadget")
async def create_gadget(gadget: Gadget):
    """
    Create a gadget with:

    - **name**: what it is called
    - **price**: what it costs
    \f
    Everything after the form feed stays out of the docs.
    """
    return gadget


@app.get("/gadgets/", tags=["gadgets"], name="all_gadgets", description="""
List every gadget in the shop.
""")
async def list_gadgets():
    return [{"name": "Flux capacitor", "price": 88.0}]


@app.get("/gadgets/{gadget_id}", responses={
    404: {"model": Message, "description": "The gadget was not found"},
    200: {"content": {"image/png": {}}, "description": "The gadget as JSON or as a picture"},
})
async def read_gadget(gadget_id: str):
    if gadget_id != "flux":
        return JSONResponse(status_code=404, content={"message": "Gadget not found"})
    return {"id": "flux", "name": "Flux capacitor"}


@app.get("/customers/", tags=["customers"], operation_id="listCustomers", deprecated=True)
async def read_customers():
    return [{"name": "Marty"}]


@app.get("/internal/", include_in_schema=False)
async def internal_stats():
    return {"requests": 42}


@app.get("/reports/", openapi_extra={
    "x-owner": "reporting-team",
    "parameters": [{"name": "format", "in": "query", "schema": {"type": "string"}}],
})
async def read_reports(since: str | None = None):
    return {"since": since}
