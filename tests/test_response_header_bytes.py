"""Response header values outside ASCII are sent as the app encoded them, as uvicorn sends Starlette's: latin-1 text
(an accented file name in Content-Disposition) and raw bytes alike. Kestrel refused them, and the response was a 500.
A header HTTP cannot carry (a newline in its value) is a 500 that says why, on stderr."""
from __future__ import annotations

import asyncio
import socket
import unittest

import httpx

from tachyon import FastAPI
from tachyon.responses import Response

app = FastAPI()


@app.get("/download")
def download():
    return Response(b"data", media_type="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="résumé.pdf"'})


@app.get("/name")
def name(response: Response):
    response.headers["X-Name"] = "Müller"
    return {"ok": 1}


@app.get("/utf8")
def utf8():
    response = Response(b"x")
    response.raw_headers.append((b"x-utf8", "Müller".encode()))
    return response


@app.get("/multiline")
def multiline():
    return Response(b"x", headers={"X-Error": "line1\nline2"})


def raw_get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


class ResponseHeaderBytesTest(unittest.TestCase):
    def test_sent_as_encoded_over_http(self) -> None:
        port = app.start(port=0).port
        self.addCleanup(app.stop)
        download = raw_get(port, "/download")
        self.assertTrue(download.startswith(b"HTTP/1.1 200 OK\r\n"), download[:100])
        self.assertIn(b'\r\nContent-Disposition: attachment; filename="r\xe9sum\xe9.pdf"\r\n', download)
        self.assertTrue(download.endswith(b"\r\n\r\ndata"))
        self.assertIn(b"\r\nx-name: M\xfcller\r\n", raw_get(port, "/name"))
        self.assertIn(b"\r\nx-utf8: M\xc3\xbcller\r\n", raw_get(port, "/utf8"))

    def test_a_header_http_cannot_carry_is_an_explained_500(self) -> None:
        port = app.start(port=0).port
        self.addCleanup(app.stop)
        answer = raw_get(port, "/multiline")   # (the engine says why on stderr)
        self.assertTrue(answer.startswith(b"HTTP/1.1 500 Internal Server Error\r\n"), answer[:100])
        self.assertTrue(answer.endswith(b"\r\n\r\nInternal Server Error"), answer)

    def test_sent_as_encoded_to_an_asgi_caller(self) -> None:
        async def get(path: str) -> httpx.Response:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
                return await client.get(path)

        download = asyncio.run(get("/download"))
        self.assertEqual((download.status_code, download.content), (200, b"data"))
        self.assertIn((b"content-disposition", b'attachment; filename="r\xe9sum\xe9.pdf"'), download.headers.raw)
        self.assertEqual(asyncio.run(get("/utf8")).headers["x-utf8"], "Müller")


if __name__ == "__main__":
    unittest.main()
