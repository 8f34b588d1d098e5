"""The benchmark endpoints as a bare ASGI callable: the ceiling of any ASGI framework.

Routing, query parsing, validation and JSON are done by hand with the standard library
(json.dumps with the separators Starlette's JSONResponse uses).
BENCH_MANY_ROUTES=1 adds 10,000 routes /r{i}/{x}, looked up by their first segment.
"""

import asyncio
import json
import os
from urllib.parse import parse_qsl

_JSON_HEADERS = [(b"content-type", b"application/json")]
_ROUTES = {f"r{i}": i for i in range(10_000)} if os.environ.get("BENCH_MANY_ROUTES") == "1" else {}


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


async def _send_json(send, status: int, obj) -> None:
    body = _dumps(obj)
    headers = [*_JSON_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _int(text: str):
    try:
        return int(text)
    except ValueError:
        return None


async def _common_params(query: dict):
    limit = _int(query.get("limit", "10"))
    return {"q": query.get("q"), "limit": limit}


async def _current_user(query: dict):
    return {"user": "alice", **await _common_params(query)}


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        return await _lifespan(receive, send)
    path, method = scope["path"], scope["method"]
    if method == "GET":
        if path == "/health":
            return await _send_json(send, 200, {"status": "ok"})
        if path == "/sleep":
            await asyncio.sleep(0.01)
            return await _send_json(send, 200, {"slept": True})
        query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        if path == "/deps":
            return await _send_json(send, 200, await _current_user(query))
        segments = path.split("/")
        if len(segments) == 3 and segments[2]:
            head, tail = segments[1], segments[2]
            if head == "items" and (item_id := _int(tail)) is not None:
                limit = _int(query.get("limit", "10"))
                if limit is not None and 1 <= limit <= 100:
                    return await _send_json(send, 200, {"item_id": item_id, "q": query.get("q"), "limit": limit})
                return await _send_json(send, 422, {"detail": "limit"})
            if head == "users" and _int(tail) is not None:
                users = [{"id": i, "name": f"user{i}", "active": True} for i in range(100)]
                return await _send_json(send, 200, users)
            if (route := _ROUTES.get(head)) is not None:
                return await _send_json(send, 200, {"route": route, "x": tail})
    elif method == "POST" and path == "/users/":
        try:
            data = json.loads(await _read_body(receive))
            user = {"id": data["id"], "username": data["username"], "email": data["email"]}
        except (ValueError, KeyError, TypeError):
            return await _send_json(send, 422, {"detail": "invalid body"})
        if type(user["id"]) is not int or not all(type(user[k]) is str for k in ("username", "email")):
            return await _send_json(send, 422, {"detail": "invalid body"})
        return await _send_json(send, 201, user)
    return await _send_json(send, 404, {"detail": "Not Found"})
