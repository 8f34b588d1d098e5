"""OpenAPI callbacks: document the request the app will send back to a URL its client gives
(``callbacks=router.routes`` on the path operation); the callback routes are only documented, never served."""
from pydantic import BaseModel

from tachyon import APIRouter, FastAPI


class Payment(BaseModel):
    id: str
    payer: str
    amount: float


class PaymentEvent(BaseModel):
    description: str
    settled: bool


class PaymentEventAck(BaseModel):
    ok: bool


payment_callbacks = APIRouter()


@payment_callbacks.post("{$callback_url}/payments/{$request.body.id}", response_model=PaymentEventAck)
def payment_notification(body: PaymentEvent):
    # Only documents the request this app sends to the client's callback URL: never served, so it has
    # no behaviour (and no docstring, which would become the callback's description).
    pass


app = FastAPI()


@app.post("/payments/", callbacks=payment_callbacks.routes)
def create_payment(payment: Payment, callback_url: str | None = None):
    """Register a payment; once it settles we POST a `PaymentEvent` to `callback_url`."""
    return {"msg": "Payment received", "id": payment.id, "callback_url": callback_url}
