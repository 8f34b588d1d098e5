"""Status codes: the route's ``status_code`` (an int, ``status.*`` or ``HTTPStatus``), changing it
per request through a Response parameter, and returning a Response directly (whose own status
and headers win)."""
from http import HTTPStatus

from pydantic import BaseModel

from tachyon import FastAPI, Response, status
from tachyon.responses import JSONResponse

app = FastAPI()


class Task(BaseModel):
    title: str
    done: bool = False


TASKS: dict[int, Task] = {1: Task(title="Write the report")}


@app.post("/tasks/", status_code=status.HTTP_201_CREATED)
def create_task(task: Task) -> Task:
    return task


@app.get("/tasks/{task_id}")
def read_task(task_id: int):
    if task_id not in TASKS:
        return JSONResponse(status_code=404, content={"message": f"Task {task_id} not found"})
    return TASKS[task_id]


@app.put("/tasks/{task_id}")
def upsert_task(task_id: int, task: Task, response: Response):
    if task_id not in TASKS:
        response.status_code = status.HTTP_201_CREATED
    response.headers["X-Task-Id"] = str(task_id)
    TASKS[task_id] = task
    return task


@app.delete("/tasks/{task_id}", status_code=204)
def delete_task(task_id: int) -> None:
    TASKS.pop(task_id, None)


@app.post("/jobs/", status_code=HTTPStatus.ACCEPTED)
def start_job():
    return {"job": "queued"}


@app.post("/jobs/sync", status_code=202)
def run_job_now():
    # A returned Response is sent as it is: the route's 202 does not apply.
    return JSONResponse(content={"job": "done"})


@app.get("/teapot")
def teapot(response: Response):
    response.status_code = 418
    return {"brew": "refused"}
