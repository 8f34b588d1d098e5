"""Response model options: ``response_model_exclude_unset``, ``_exclude_defaults``, ``_exclude_none``,
``_include``, ``_exclude`` and ``_by_alias`` shape the JSON without changing the documented schema."""
from pydantic import BaseModel, Field

from tachyon import FastAPI

app = FastAPI()


class Plant(BaseModel):
    name: str
    description: str | None = None
    price: float
    discount: float = 0.0
    tags: list[str] = []


class Product(BaseModel):
    product_id: int = Field(alias="productId")
    display_name: str = Field(alias="displayName")


PLANTS = {
    "fern": {"name": "Fern", "price": 12.5},
    "cactus": {"name": "Cactus", "description": "Needs no water", "price": 8, "discount": 1.5},
    "moss": {"name": "Moss", "description": None, "price": 3.0, "discount": 0.0, "tags": []},
}


@app.get("/plants/{plant_id}", response_model=Plant, response_model_exclude_unset=True)
async def read_plant(plant_id: str):
    return PLANTS[plant_id]


@app.get("/plants/{plant_id}/full", response_model=Plant)
async def read_plant_full(plant_id: str):
    return PLANTS[plant_id]


@app.get("/plants/{plant_id}/changes", response_model=Plant, response_model_exclude_defaults=True)
async def read_plant_changes(plant_id: str):
    return PLANTS[plant_id]


@app.get("/plants/{plant_id}/compact", response_model=Plant, response_model_exclude_none=True)
async def read_plant_compact(plant_id: str):
    return PLANTS[plant_id]


@app.get("/plants/{plant_id}/label", response_model=Plant, response_model_include={"name", "description"})
async def read_plant_label(plant_id: str):
    return PLANTS[plant_id]


@app.get("/plants/{plant_id}/public", response_model=Plant, response_model_exclude={"discount"})
async def read_plant_public(plant_id: str):
    return PLANTS[plant_id]


@app.get("/products/{product_id}", response_model=Product)
async def read_product(product_id: int):
    return {"productId": product_id, "displayName": "Watering can"}


@app.get("/products/{product_id}/internal", response_model=Product, response_model_by_alias=False)
async def read_product_internal(product_id: int):
    return Product(productId=product_id, displayName="Watering can")
