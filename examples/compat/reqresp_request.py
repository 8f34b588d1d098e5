"""Using the Request directly: URL parts, method, headers, query and path parameters, cookies,
client address, per-request state, the app, and the raw, JSON and form bodies."""
from tachyon import Depends, FastAPI, Request

app = FastAPI(title="Request inspector")


async def tag_request(request: Request):
    request.state.tagged_by = "dependency"


@app.get("/inspect/{item_id}", dependencies=[Depends(tag_request)])
async def inspect_request(item_id: int, request: Request):
    return {
        "item_id": item_id,
        "method": request.method,
        "url": str(request.url),
        "path": request.url.path,
        "query": request.url.query,
        "base_url": str(request.base_url),
        "path_params": request.path_params,
        "query_params": dict(request.query_params),
        "tags": request.query_params.getlist("tag"),
        "x_trace": request.headers.get("x-trace"),
        "x_trace_title_case": request.headers["X-Trace"],
        "host": request.headers["host"],
        "cookies": request.cookies,
        "tagged_by": request.state.tagged_by,
        "app_title": request.app.title,
    }


@app.get("/client")
def client_address(request: Request):
    return {"host": request.client.host, "port": request.client.port}


@app.api_route("/method", methods=["GET", "PUT", "DELETE"])
def echo_method(request: Request):
    return {"method": request.method}


@app.post("/echo/body")
async def echo_body(request: Request):
    body = await request.body()
    return {"length": len(body), "text": body.decode("utf-8"), "content_type": request.headers.get("content-type")}


@app.post("/echo/json")
async def echo_json(request: Request):
    return {"received": await request.json()}


@app.post("/echo/form")
async def echo_form(request: Request):
    form = await request.form()
    return {"fields": dict(form), "colors": form.getlist("color")}
