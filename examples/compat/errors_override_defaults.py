"""Overriding the default ``HTTPException`` and ``RequestValidationError`` handlers while re-using
FastAPI's own (``tachyon.exception_handlers``): each handler records what it saw, then answers exactly
as the default would."""
from tachyon import FastAPI, HTTPException, Request, RequestValidationError
from tachyon.exception_handlers import http_exception_handler, request_validation_exception_handler

app = FastAPI()

seen: list[str] = []


@app.exception_handler(HTTPException)
async def custom_http_exception_handler(request: Request, exc: HTTPException):
    seen.append(f"http {exc.status_code} {request.url.path}")
    return await http_exception_handler(request, exc)


@app.exception_handler(RequestValidationError)
async def custom_validation_exception_handler(request: Request, exc: RequestValidationError):
    seen.append(f"validation {len(exc.errors())} {request.url.path}")
    return await request_validation_exception_handler(request, exc)


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id == 3:
        raise HTTPException(status_code=418, detail="Nope! I don't like 3.", headers={"X-Reason": "three"})
    return {"item_id": item_id}
