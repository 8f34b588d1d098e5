"""Response cookies: ``set_cookie`` and ``delete_cookie`` on a returned response or on the Response
parameter, with their attributes, and reading the cookie back on the next request."""
from datetime import datetime, timezone
from typing import Annotated

from tachyon import Cookie, FastAPI, Response
from tachyon.responses import JSONResponse, PlainTextResponse

app = FastAPI()


@app.post("/login")
def login():
    response = JSONResponse(content={"message": "Welcome back"})
    response.set_cookie(key="session", value="s3cr3t", max_age=3600, httponly=True)
    return response


@app.post("/preferences")
def save_preferences(response: Response):
    response.set_cookie("theme", "dark")
    response.set_cookie("lang", "en", path="/docs", domain="example.com", secure=True, samesite="strict")
    return {"saved": True}


@app.post("/promo")
def promo(response: Response):
    response.set_cookie("promo", "spring", expires=datetime(2030, 1, 1, tzinfo=timezone.utc), samesite=None)
    response.set_cookie("embed", "1", secure=True, samesite="none")
    return {"promo": "spring"}


@app.post("/logout")
def logout():
    response = PlainTextResponse("Bye")
    response.delete_cookie("session")
    return response


@app.get("/whoami")
def whoami(session: Annotated[str | None, Cookie()] = None):
    return {"session": session}


@app.get("/ignored")
def ignored(response: Response):
    # The cookie set on the parameter is dropped: the returned response is sent as it is.
    response.set_cookie("tracking", "1")
    return JSONResponse(content={"tracking": False})
