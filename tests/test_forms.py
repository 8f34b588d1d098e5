"""Form fields (urlencoded and multipart) and uploaded files, with FastAPI's errors."""
from __future__ import annotations

import unittest
from typing import Annotated

from tachyon import FastAPI, File, Form, UploadFile
from tests.client_case import AppTestCase

app = FastAPI()


@app.post("/login")
def login(username: Annotated[str, Form()], password: Annotated[str, Form(min_length=3)], remember: bool = Form(False)):
    return {"username": username, "password": password, "remember": remember}


@app.post("/files")
async def files(file: Annotated[bytes, File()], upload: UploadFile, note: Annotated[str, Form()] = "none"):
    content = await upload.read()
    return {"size": len(file), "name": upload.filename, "type": upload.content_type, "content": content.decode(), "note": note}


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = "tachyonboundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data, ctype) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class FormTest(AppTestCase):
    app = app

    def test_urlencoded_fields(self) -> None:
        r = self.client.post("/login", data={"username": "ann", "password": "secret", "remember": "true"})
        self.assertEqual(r.json(), {"username": "ann", "password": "secret", "remember": True})

    def test_missing_and_invalid_fields(self) -> None:
        r = self.client.post("/login", data={"password": "ab", "username": ""})
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json()["detail"], [
            {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": None},
            {"type": "string_too_short", "loc": ["body", "password"], "msg": "String should have at least 3 characters",
             "input": "ab", "ctx": {"min_length": 3}},
        ])

    def test_multipart_files_and_fields(self) -> None:
        body, ctype = multipart({"note": "hi"}, {"file": ("a.bin", b"\x00\x01\x02", "application/octet-stream"),
                                                 "upload": ("notes.txt", b"hello", "text/plain")})
        r = self.client.post("/files", content=body, headers={"content-type": ctype})
        self.assertEqual(r.json(), {"size": 3, "name": "notes.txt", "type": "text/plain", "content": "hello", "note": "hi"})

    def test_missing_file(self) -> None:
        body, ctype = multipart({}, {"upload": ("n.txt", b"x", "text/plain")})
        r = self.client.post("/files", content=body, headers={"content-type": ctype})
        self.assertEqual(r.json(), {"detail": [{"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": None}]})


if __name__ == "__main__":
    unittest.main()
