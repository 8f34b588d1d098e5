"""Custom exception classes with their own handlers: a handler also serves subclasses of its class, a
plain ``def`` handler works too, and a handler registered for a status code handles every
``HTTPException`` with that status, including the router's own 404."""
from tachyon import FastAPI, HTTPException, Request
from tachyon.responses import JSONResponse, PlainTextResponse

app = FastAPI()


class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name


class GoldenUnicornException(UnicornException):
    """A subclass: the handler registered for UnicornException handles it too."""


class MaintenanceError(Exception):
    """Raised by a route under maintenance; its handler answers 503."""


@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(
        status_code=418,
        content={"message": f"Oops! {exc.name} did something. There goes a rainbow...", "kind": type(exc).__name__},
    )


@app.exception_handler(MaintenanceError)
def maintenance_handler(request: Request, exc: MaintenanceError):
    return PlainTextResponse("Down for maintenance", status_code=503, headers={"Retry-After": "120"})


@app.exception_handler(404)
async def not_found_handler(request: Request, exc: HTTPException):
    return JSONResponse(status_code=404, content={"message": f"Nothing at {request.url.path}", "detail": exc.detail})


@app.get("/unicorns/{name}")
async def read_unicorn(name: str):
    if name == "yolo":
        raise UnicornException(name=name)
    if name == "midas":
        raise GoldenUnicornException(name=name)
    return {"unicorn_name": name}


@app.get("/status")
def read_status():
    raise MaintenanceError()


@app.get("/things/{thing_id}")
async def read_thing(thing_id: str):
    raise HTTPException(status_code=404, detail=f"Thing {thing_id} not found")
