"""``Request`` reads its body as Starlette's: ``body()`` keeps it, ``stream()`` after ``body()`` gives the kept
body, and a body read through ``stream()`` alone is gone: ``body()``, ``json()``, ``form()`` and ``stream()``
then raise ``RuntimeError("Stream consumed")``."""
from __future__ import annotations

import unittest

from tachyon import FastAPI, Request
from tachyon.testclient import TestClient

app = FastAPI()


async def streamed(request: Request) -> list[str]:
    return [chunk.decode() async for chunk in request.stream()]


@app.post("/stream-then/{reader}")
async def stream_then(reader: str, request: Request):
    chunks = await streamed(request)
    try:
        after = {"body": request.body, "json": request.json, "form": request.form, "stream": lambda: streamed(request)}[reader]
        await after()
    except RuntimeError as e:
        return {"chunks": chunks, "error": str(e)}
    return {"chunks": chunks, "error": None}


@app.post("/body-then-stream")
async def body_then_stream(request: Request):
    body = await request.body()
    return {"body": body.decode(), "chunks": await streamed(request), "again": (await request.body()).decode()}


class StreamConsumedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_every_read_after_the_stream_raises(self) -> None:
        for reader in ("body", "json", "stream"):
            with self.subTest(reader=reader):
                r = self.client.post(f"/stream-then/{reader}", json={"a": 1})
                self.assertEqual(r.json(), {"chunks": ['{"a":1}', ""], "error": "Stream consumed"})
        r = self.client.post("/stream-then/form", data={"a": "1"})
        self.assertEqual(r.json(), {"chunks": ["a=1", ""], "error": "Stream consumed"})

    def test_form_reads_no_stream_for_other_content_types(self) -> None:
        self.assertEqual(self.client.post("/stream-then/form", json={"a": 1}).json(),
                         {"chunks": ['{"a":1}', ""], "error": None})

    def test_an_empty_body_streams_as_the_end_alone(self) -> None:
        self.assertEqual(self.client.post("/stream-then/body").json(), {"chunks": [""], "error": "Stream consumed"})

    def test_the_kept_body_streams_again(self) -> None:
        self.assertEqual(self.client.post("/body-then-stream", content=b"abc").json(),
                         {"body": "abc", "chunks": ["abc", ""], "again": "abc"})
        self.assertEqual(self.client.post("/body-then-stream").json(), {"body": "", "chunks": ["", ""], "again": ""})


if __name__ == "__main__":
    unittest.main()
