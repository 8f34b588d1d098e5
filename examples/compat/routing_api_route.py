"""Routes without the method decorators: ``api_route`` for one handler serving several methods,
and ``add_api_route`` on the app and on a router."""
from pydantic import BaseModel

from tachyon import APIRouter, FastAPI, Request

app = FastAPI()


class Note(BaseModel):
    title: str
    body: str = ""


# A route with several methods gets one operation per method in OpenAPI, sharing the route's
# operationId; it is given explicitly because FastAPI's generated one picks whichever method its
# set yields first.
@app.api_route("/ping", methods=["GET", "POST"], operation_id="ping")
async def ping(request: Request):
    return {"method": request.method}


def read_status():
    return {"status": "green"}


def create_note(note: Note) -> Note:
    return note


app.add_api_route("/status", read_status)
app.add_api_route("/notes", create_note, methods=["POST"], status_code=201, name="new_note", tags=["notes"])

TASKS = {1: "water the plants", 2: "feed the cat"}

tasks = APIRouter(prefix="/tasks", tags=["tasks"])


def list_tasks():
    return [{"id": task_id, "title": title} for task_id, title in TASKS.items()]


def delete_task(task_id: int):
    return None


tasks.add_api_route("", list_tasks)
tasks.add_api_route("/{task_id}", delete_task, methods=["DELETE"], status_code=204)
app.include_router(tasks)
