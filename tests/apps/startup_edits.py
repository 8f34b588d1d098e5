"""An app whose lifespan, while it starts, adds a dependency to a route's dependant (as fastapi-pagination's
add_pagination does on startup) and takes a while: the server must listen only once it has started."""
import asyncio
from contextlib import asynccontextmanager

from tachyon import Depends, FastAPI, Response
from tachyon.dependencies.utils import get_parameterless_sub_dependant
from tachyon.routing import APIRoute


def mark(response: Response) -> None:
    response.headers["x-added-at-startup"] = "yes"


@asynccontextmanager
async def lifespan(app: FastAPI):
    await asyncio.sleep(0.3)
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path == "/x":
            route.dependant.dependencies.append(
                get_parameterless_sub_dependant(depends=Depends(mark), path=route.path_format))
    print("lifespan: started", flush=True)
    yield
    print("lifespan: shut down", flush=True)


app = FastAPI(lifespan=lifespan)


@app.get("/x")
def x():
    return {"x": True}
