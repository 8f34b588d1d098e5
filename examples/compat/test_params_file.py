"""File uploads, as FastAPI documents them (tests/test_tutorial/test_request_files/test_tutorial001,
001_02, 001_03 and 002, and test_request_forms_and_files in FastAPI's repository): ``bytes`` and
``UploadFile`` parameters read multipart parts, a missing file is a ("body", <name>) error, an optional
file defaults to None, and the OpenAPI document describes files as strings with
``contentMediaType: application/octet-stream`` (FastAPI >= 0.116) inside ``Body_<operation id>``."""
from examples.compat import params_file
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

BOUNDARY = "compatboundary7MA4YWxkTrZu0gW"
RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
BINARY = {"type": "string", "contentMediaType": "application/octet-stream"}


def multipart(*parts: tuple[str, str | tuple[str, bytes, str]]) -> dict:
    """``content`` and ``headers`` for a multipart/form-data request: (name, text) fields and
    (name, (filename, data, content type)) files, in order (repeat a name for several files)."""
    chunks = []
    for name, value in parts:
        if isinstance(value, str):
            chunks.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        else:
            filename, data, content_type = value
            head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n")
            chunks.append(head.encode() + data + b"\r\n")
    body = b"".join(chunks) + f"--{BOUNDARY}--\r\n".encode()
    return {"content": body, "headers": {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}}


def body_schema(name: str, properties: dict, required: list[str] | None) -> dict:
    schema = {"title": name, "type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def operation(summary: str, operation_id: str, body: str, required: bool = True) -> dict:
    request_body = {"content": {"multipart/form-data": {"schema": {"$ref": f"#/components/schemas/{body}"}}}}
    if required:
        request_body["required"] = True
    return {"post": {"summary": summary, "operationId": operation_id, "requestBody": request_body,
                     "responses": RESPONSES}}


class FileParamsTest(AppTestCase):
    app = params_file.app

    def test_bytes_file(self):
        response = self.client.post("/files/", **multipart(("file", ("test.txt", b"<file content>", "text/plain"))))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"file_size": 14})

    def test_missing_file(self):
        response = self.client.post("/files/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "file"], "msg": "Field required", "input": None},
        ]})

    def test_upload_file_metadata_and_content(self):
        response = self.client.post("/uploadfile/", **multipart(("file", ("notes.csv", b"a,b\n1,2\n", "text/csv"))))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"filename": "notes.csv", "content_type": "text/csv", "content": "a,b\n1,2\n"})

    def test_several_files_in_one_field(self):
        response = self.client.post("/uploadfiles/", **multipart(
            ("files", ("test.txt", b"<file content>", "text/plain")),
            ("files", ("test2.txt", b"<file content2>", "text/plain")),
        ))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"filenames": ["test.txt", "test2.txt"], "sizes": [14, 15]})

    def test_optional_file(self):
        self.assertEqual(self.client.post("/optional-file/").json(), {"file_size": None})
        response = self.client.post("/optional-file/", **multipart(("file", ("x.bin", b"\x00\x01\x02", "application/octet-stream"))))
        self.assertEqual(response.json(), {"file_size": 3})

    def test_files_and_form_fields_together(self):
        response = self.client.post("/profile/", **multipart(
            ("token", "abc"),
            ("avatar", ("me.png", b"\x89PNG", "image/png")),
            ("notes", ("a.txt", b"first", "text/plain")),
            ("notes", ("b.txt", b"second", "text/plain")),
        ))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"token": "abc", "avatar": "me.png", "avatar_type": "image/png",
                                           "notes": ["first", "second"]})

    def test_files_and_form_fields_missing(self):
        response = self.client.post("/profile/", **multipart(("token", "abc")))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "avatar"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "notes"], "msg": "Field required", "input": None},
        ]})

    def test_test_client_files_argument(self):
        # Starlette's TestClient (httpx) builds the multipart body from ``files=``.
        response = self.client.post("/uploadfile/", files={"file": ("hello.txt", b"hello", "text/plain")})
        self.assertEqual(response.json(), {"filename": "hello.txt", "content_type": "text/plain", "content": "hello"})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/files/": operation("Create File", "create_file_files__post", "Body_create_file_files__post"),
                "/uploadfile/": operation("Create Upload File", "create_upload_file_uploadfile__post",
                                          "Body_create_upload_file_uploadfile__post"),
                "/uploadfiles/": operation("Create Upload Files", "create_upload_files_uploadfiles__post",
                                           "Body_create_upload_files_uploadfiles__post"),
                "/optional-file/": operation("Optional File", "optional_file_optional_file__post",
                                             "Body_optional_file_optional_file__post", required=False),
                "/profile/": operation("Update Profile", "update_profile_profile__post",
                                       "Body_update_profile_profile__post"),
            },
            "components": {"schemas": {
                "Body_create_file_files__post": body_schema("Body_create_file_files__post", {
                    "file": {**BINARY, "description": "A file read as bytes", "title": "File"},
                }, ["file"]),
                "Body_create_upload_file_uploadfile__post": body_schema("Body_create_upload_file_uploadfile__post", {
                    "file": {**BINARY, "description": "A file read as UploadFile", "title": "File"},
                }, ["file"]),
                "Body_create_upload_files_uploadfiles__post": body_schema("Body_create_upload_files_uploadfiles__post", {
                    "files": {"type": "array", "items": BINARY, "title": "Files"},
                }, ["files"]),
                "Body_optional_file_optional_file__post": body_schema("Body_optional_file_optional_file__post", {
                    "file": {"anyOf": [BINARY, {"type": "null"}], "title": "File"},
                }, None),
                "Body_update_profile_profile__post": body_schema("Body_update_profile_profile__post", {
                    "token": {"type": "string", "title": "Token"},
                    "avatar": {**BINARY, "title": "Avatar"},
                    "notes": {"type": "array", "items": BINARY, "title": "Notes"},
                }, ["token", "avatar", "notes"]),
                **VALIDATION_SCHEMAS,
            }},
        })
