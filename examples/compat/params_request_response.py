"""``Request`` and ``Response`` parameters: read the raw request (method, URL, query, headers, path
parameters, body) and set headers, cookies and the status code on a ``Response`` parameter while
still returning plain data; a ``Response`` returned directly is sent as it is."""
from tachyon import FastAPI, Request, Response, status
from tachyon.responses import JSONResponse

app = FastAPI()

tasks = {"foo": "Listen to the Bar Fighters"}


@app.get("/inspect/{name}")
async def inspect_request(name: str, request: Request):
    return {
        "name": name,
        "method": request.method,
        "url": str(request.url),
        "path": request.url.path,
        "query": dict(request.query_params),
        "x_custom": request.headers.get("x-custom"),
        "path_params": request.path_params,
    }


@app.post("/echo")
async def echo(request: Request):
    raw = await request.body()
    payload = await request.json()
    return {"payload": payload, "length": len(raw), "content_type": request.headers["content-type"]}


@app.get("/headers-and-cookies")
def set_headers_and_cookies(response: Response):
    response.headers["X-Cat-Dog"] = "alone in the world"
    response.set_cookie(key="fakesession", value="fake-cookie-session-value")
    return {"message": "Hello World"}


@app.put("/get-or-create-task/{task_id}", status_code=200)
def get_or_create_task(task_id: str, response: Response):
    if task_id not in tasks:
        tasks[task_id] = "This didn't exist before"
        response.status_code = status.HTTP_201_CREATED
    return tasks[task_id]


@app.get("/direct")
def direct_response(response: Response):
    response.headers["X-From-Parameter"] = "dropped"
    return JSONResponse(content={"direct": True}, headers={"X-Direct": "kept"})
