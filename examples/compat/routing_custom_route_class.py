"""Custom APIRoute classes, as FastAPI's "Custom Request and APIRoute class" page writes them: a route
class whose handler times every request of a router, and one on the app's router that answers a
validation error with the errors and the body it got."""
import time
from typing import Callable

from tachyon import APIRouter, Body, FastAPI, HTTPException, Request, Response
from tachyon.exceptions import RequestValidationError
from tachyon.routing import APIRoute


class TimedRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            before = time.time()
            response: Response = await original_route_handler(request)
            duration = time.time() - before
            response.headers["X-Response-Time"] = str(duration)
            return response

        return custom_route_handler


class ValidationErrorLoggingRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            try:
                return await original_route_handler(request)
            except RequestValidationError as exc:
                body = await request.body()
                detail = {"errors": exc.errors(), "body": body.decode()}
                raise HTTPException(status_code=422, detail=detail)

        return custom_route_handler


app = FastAPI()
app.router.route_class = ValidationErrorLoggingRoute
router = APIRouter(route_class=TimedRoute)


@app.get("/")
async def not_timed():
    return {"message": "Not timed"}


@app.post("/")
async def sum_numbers(numbers: list[int] = Body()):
    return sum(numbers)


@router.get("/timed")
async def timed():
    return {"message": "It's the time of my life"}


app.include_router(router)
