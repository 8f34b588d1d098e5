"""Lifespan: an async context manager passed as ``lifespan=`` runs its startup code before the first
request and its shutdown code at exit; the state it yields is each request's ``request.state``."""
from contextlib import asynccontextmanager

from tachyon import FastAPI, Request

events: list[str] = []
ml_models: dict = {}


def fake_answer_to_everything_ml_model(x: float):
    return x * 42


@asynccontextmanager
async def lifespan(app: FastAPI):
    ml_models["answer_to_everything"] = fake_answer_to_everything_ml_model
    events.append("startup")
    yield {"settings": {"model": "answer_to_everything"}, "calls": []}
    ml_models.clear()
    events.append("shutdown")


app = FastAPI(lifespan=lifespan)


@app.get("/predict")
async def predict(x: float, request: Request):
    request.state.calls.append(x)
    model = ml_models[request.state.settings["model"]]
    return {"result": model(x), "calls": request.state.calls}


@app.get("/state")
def read_state(request: Request):
    request.state.note = "set by this request"
    return {"settings": request.state.settings, "note": request.state.note}


@app.get("/note")
def read_note(request: Request):
    return {"has_note": hasattr(request.state, "note")}
