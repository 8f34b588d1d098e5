"""OpenAPI webhooks: requests the app will *send* to its users, declared with ``@app.webhooks.post(name)``
and documented under the schema's ``webhooks``; they are never served as routes."""
from datetime import datetime

from pydantic import BaseModel

from tachyon import FastAPI


class Shipment(BaseModel):
    order_id: int
    carrier: str
    shipped_at: datetime


app = FastAPI()


@app.webhooks.post("order-shipped")
def order_shipped(body: Shipment):
    """
    When one of your orders leaves the warehouse we send you a POST request with this
    data to the URL you registered for the event `order-shipped`.
    """


@app.get("/orders/")
def list_orders():
    return [{"order_id": 1}]
