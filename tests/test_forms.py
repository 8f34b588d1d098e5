"""Form fields (urlencoded and multipart) and uploaded files, with FastAPI's errors."""
from __future__ import annotations

import io
import unittest
from typing import Annotated, Union

import warnings

from pydantic import BaseModel, Field

from tachyon import BackgroundTasks, FastAPI, File, Form, Request, UploadFile
from tachyon.exceptions import RequestValidationError
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

app = FastAPI()


@app.post("/login")
def login(username: Annotated[str, Form()], password: Annotated[str, Form(min_length=3)], remember: bool = Form(False)):
    return {"username": username, "password": password, "remember": remember}


@app.post("/files")
async def files(file: Annotated[bytes, File()], upload: UploadFile, note: Annotated[str, Form()] = "none"):
    content = await upload.read()
    return {"size": len(file), "name": upload.filename, "type": upload.content_type, "content": content.decode(), "note": note}


@app.post("/echo")
def echo(note: Annotated[str, Form()], upload: UploadFile):
    return {"note": note, "headers": dict(upload.headers), "size": upload.size}


@app.post("/files-list")
async def files_list(files: Annotated[list[UploadFile], File()]):
    return {"files": [f.filename for f in files]}


@app.post("/bytes-list")
async def bytes_list(files: Annotated[list[bytes], File()]):
    return {"files": [f.decode() for f in files]}


@app.post("/bytes")
def as_bytes(data: Annotated[bytes, File()]):
    return {"data": data.decode()}


@app.post("/optional-file")
def optional_file(upload: Annotated[Union[UploadFile, None], File()] = None, tag: Annotated[str, Form()] = ""):
    return {"upload": None if upload is None else upload.filename, "tag": tag}


@app.post("/raw-form")
async def raw_form(request: Request):
    async with request.form() as form:
        upload = form["upload"]
        same = form is await request.form()
        summary = {"fields": [[k, v if isinstance(v, str) else v.filename] for k, v in form.multi_items()], "same": same}
    summary["closed"] = upload.file.closed
    return summary


class UserForm(BaseModel):
    name: str
    email: str


class CompanyForm(BaseModel):
    company_name: str
    industry: str


class UploadForm(BaseModel):
    file: bytes = File()
    extra: Union[list[bytes], None] = File(None)
    login: str = Field(alias="userName")


@app.post("/form-model-bytes")
async def form_model_bytes(data: Annotated[UploadForm, Form()]):
    return {"file": data.file.decode(), "extra": [x.decode() for x in data.extra or []], "login": data.login}


@app.post("/form-union/")
def post_union_form(data: Annotated[Union[UserForm, CompanyForm], Form()]):
    return {"received": data}


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

    def test_upload_file_is_also_in_datastructures(self) -> None:
        from tachyon.datastructures import UploadFile as FromDatastructures   # as fastapi.datastructures.UploadFile

        self.assertIs(FromDatastructures, UploadFile)

    def test_upload_file_has_starlettes_attributes_in_its_order(self) -> None:
        # jsonable_encoder encodes it through vars(): an error handler that echoes exc.body shows them
        import tempfile

        spooled = UploadFile(tempfile.SpooledTemporaryFile(max_size=1024), filename="a.txt")
        self.assertEqual(list(vars(spooled)), ["filename", "file", "size", "headers", "_max_mem_size"])
        self.assertEqual(spooled._max_mem_size, 1024)
        self.assertEqual(UploadFile(io.BytesIO(b"x"))._max_mem_size, 0)


class FormModelTest(AppTestCase):
    app = app

    def test_bytes_file_fields_get_the_uploads_content(self) -> None:
        r = self.client.post("/form-model-bytes", data={"userName": "ann"},
                             files=[("file", ("a.txt", b"content")), ("extra", ("b", b"ab")), ("extra", ("c", b"abc"))])
        self.assertEqual(r.json(), {"file": "content", "extra": ["ab", "abc"], "login": "ann"})

    def test_a_model_with_aliases_warns_nothing(self) -> None:
        # pydantic 2.12+ warns when an adapter is built from a field with an alias; FastAPI silences it (a project
        # running its tests with warnings as errors would fail at import).
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            other = FastAPI()

            @other.post("/login")
            def login(data: Annotated[UploadForm, Form()], q: Annotated[str, Field(alias="Q")] = "x"):
                return data.login

            with TestClient(other) as client:
                self.assertEqual(client.post("/login", data={"userName": "ann"}, files={"file": ("a", b"1")}).json(), "ann")
                client.get("/openapi.json")
        self.assertEqual([str(w.message) for w in caught], [])


class UnionOfFormModelsTest(AppTestCase):
    """A union of models as Form() is the whole form, as one model is (FastAPI's test_union_forms.py)."""
    app = app

    def test_the_matching_model(self) -> None:
        self.assertEqual(self.client.post("/form-union/", data={"name": "John Doe", "email": "john@example.com"}).json(),
                         {"received": {"name": "John Doe", "email": "john@example.com"}})
        self.assertEqual(self.client.post("/form-union/", data={"company_name": "Tech Corp", "industry": "Tech"}).json(),
                         {"received": {"company_name": "Tech Corp", "industry": "Tech"}})

    def test_no_model_matches(self) -> None:
        response = self.client.post("/form-union/", data={"name": "John", "company_name": "Tech Corp"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual([e["loc"] for e in response.json()["detail"]],
                         [["body", "UserForm", "email"], ["body", "CompanyForm", "industry"]])

    def test_openapi(self) -> None:
        body = self.client.get("/openapi.json").json()["paths"]["/form-union/"]["post"]["requestBody"]
        self.assertEqual(body, {"content": {"application/x-www-form-urlencoded": {"schema": {
            "anyOf": [{"$ref": "#/components/schemas/UserForm"}, {"$ref": "#/components/schemas/CompanyForm"}],
            "title": "Data"}}}, "required": True})


class MultipartEdgesTest(AppTestCase):
    """The engine splits multipart bodies in C#; these are the Starlette/FastAPI behaviours around it."""
    app = app

    def post(self, path: str, body: bytes, ctype: str = "multipart/form-data; boundary=tachyonboundary"):
        return self.client.post(path, content=body, headers={"content-type": ctype})

    def test_bytes_file_parameter_takes_a_plain_field_as_fastapi(self) -> None:
        for kwargs in ({"data": {"data": "plain"}}, {"files": {"data": (None, b"plain")}},
                       {"files": {"data": ("f.bin", b"plain")}}):
            response = self.client.post("/bytes", **kwargs)
            self.assertEqual((response.status_code, response.json()), (200, {"data": "plain"}), kwargs)

    def test_a_bytes_list_takes_plain_fields_next_to_files(self) -> None:
        """FastAPI's test_optional_file_list.py: files="" is [b""], not a server error."""
        self.assertEqual(self.client.post("/bytes-list", data={"files": ""}).json(), {"files": [""]})
        response = self.client.post("/bytes-list", data={"files": "text"}, files=[("files", ("f.bin", b"file"))])
        self.assertEqual((response.status_code, response.json()), (200, {"files": ["text", "file"]}))

    def test_a_plain_value_for_a_file_is_fastapis_value_error(self) -> None:
        response = self.client.post("/files-list", data={"files": "notafile"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [{
            "type": "value_error", "loc": ["body", "files", 0],
            "msg": "Value error, Expected UploadFile, received: <class 'str'>", "input": "notafile", "ctx": {"error": {}}}]})

    def test_a_full_windows_path_keeps_its_last_segment_as_python_multipart(self) -> None:
        for filename in (b"C:\\\\Users\\\\me\\\\x.txt", b"C:\\Users\\x.txt", b"\\\\\\\\server\\\\share\\\\x.txt"):
            body = (b'--tachyonboundary\r\nContent-Disposition: form-data; name="upload"; filename="' + filename +
                    b'"\r\n\r\ndata\r\n--tachyonboundary--\r\n')
            self.assertEqual(self.post("/optional-file", body).json(), {"upload": "x.txt", "tag": ""}, filename)

    def test_testclient_sends_an_empty_filename_as_a_plain_field_and_escapes_names_as_httpx(self) -> None:
        response = self.client.post("/optional-file", files={"upload": ("", b"")})
        self.assertEqual(response.json(), {"upload": None, "tag": ""})
        response = self.client.post("/optional-file", files={"upload": ('a"b\\c.txt', b"x")}, data={"tag": "t"})
        self.assertEqual(response.json(), {"upload": "a%22b\\c.txt", "tag": "t"})

    def test_part_headers_reach_upload_file(self) -> None:
        body, ctype = multipart({"note": "n"}, {"upload": ("u.csv", b"a,b\r\n1,2", "text/csv")})
        r = self.post("/echo", body, ctype)
        self.assertEqual(r.json(), {"note": "n", "size": 8, "headers": {
            "content-disposition": 'form-data; name="upload"; filename="u.csv"', "content-type": "text/csv"}})

    def test_request_form_is_read_once_and_closed_by_async_with(self) -> None:
        body, ctype = multipart({"a": "1", "b": "2"}, {"upload": ("x.txt", b"x", "text/plain")})
        r = self.post("/raw-form", body, ctype)
        self.assertEqual(r.json(), {"fields": [["a", "1"], ["b", "2"], ["upload", "x.txt"]], "same": True, "closed": True})

    def test_field_charset_and_latin1_fallback(self) -> None:
        head = b'--tachyonboundary\r\nContent-Disposition: form-data; name="note"\r\n\r\n'
        upload = (b'--tachyonboundary\r\nContent-Disposition: form-data; name="upload"; filename="f"\r\n\r\nx\r\n'
                  b"--tachyonboundary--\r\n")
        utf8 = self.post("/echo", head + "caf\u00e9".encode() + b"\r\n" + upload)
        self.assertEqual(utf8.json()["note"], "caf\u00e9")
        invalid = self.post("/echo", head + b"caf\xe9" + b"\r\n" + upload)   # not UTF-8: Starlette falls back to latin-1
        self.assertEqual(invalid.json()["note"], "caf\u00e9")
        declared = self.post("/echo", head + "caf\u00e9".encode("cp1252") + b"\r\n" + upload,
                             "multipart/form-data; charset=cp1252; boundary=tachyonboundary")
        self.assertEqual(declared.json()["note"], "caf\u00e9")

    def test_missing_boundary_is_400(self) -> None:
        r = self.post("/echo", b"--x\r\n", "multipart/form-data")
        self.assertEqual((r.status_code, r.json()), (400, {"detail": "Missing boundary in multipart."}))

    def test_malformed_body_is_400(self) -> None:
        r = self.post("/echo", b"preamble\r\n--tachyonboundary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx")
        self.assertEqual((r.status_code, r.json()), (400, {"detail": "Invalid multipart data."}))

    def test_a_part_the_body_ends_inside_is_dropped_as_python_multipart_does(self) -> None:
        r = self.post("/echo", b"--tachyonboundary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno end")
        self.assertEqual((r.status_code, r.json()["detail"][0]["loc"]), (422, ["body", "note"]))

    def test_part_without_name_is_400(self) -> None:
        r = self.post("/echo", b"--tachyonboundary\r\nContent-Type: text/plain\r\n\r\nx\r\n--tachyonboundary--\r\n")
        self.assertEqual(r.json(), {"detail": 'The Content-Disposition header field "name" must be provided.'})

    def test_oversized_text_field_is_400(self) -> None:
        body, ctype = multipart({"note": "x" * (1024 * 1024 + 1)}, {"upload": ("u", b"", "text/plain")})
        r = self.post("/echo", body, ctype)
        self.assertEqual((r.status_code, r.json()), (400, {"detail": "Part exceeded maximum size of 1024KB."}))

    def test_parse_error_goes_through_the_apps_http_exception_handler(self) -> None:
        from tachyon import HTTPException
        from tachyon.responses import PlainTextResponse

        custom = FastAPI()
        custom.post("/f")(echo)

        @custom.exception_handler(HTTPException)
        def handle(request, exc):
            return PlainTextResponse(f"custom: {exc.detail}", status_code=exc.status_code)

        from tachyon.testclient import TestClient
        with TestClient(custom) as client:
            r = client.post("/f", content=b"x", headers={"content-type": "multipart/form-data"})
        self.assertEqual((r.status_code, r.text), (400, "custom: Missing boundary in multipart."))


limits_app = FastAPI()


@limits_app.post("/limited")
async def limited(request: Request):
    async with request.form(max_files=2, max_fields=3, max_part_size=1024) as form:
        return {"keys": list(form.keys())}


@limits_app.post("/form-field")
def form_field(a: Annotated[str, Form()] = ""):
    return {"a": a}


class FormLimitsTest(AppTestCase):
    """Starlette's limits on a form (request.form()'s arguments, else 1000 files, 1000 fields, 1 MB a field), for
    multipart and urlencoded bodies alike: a 400 with Starlette's message."""

    app = limits_app

    def test_request_form_takes_starlettes_limits(self) -> None:
        files = [("f", ("a.txt", b"x")), ("f", ("b.txt", b"x")), ("f", ("c.txt", b"x"))]
        cases = [
            ({"files": files}, "Too many files. Maximum number of files is 2."),
            ({"files": [("f", ("a.txt", b"x"))], "data": {"a": "1", "b": "2", "c": "3", "d": "4"}},
             "Too many fields. Maximum number of fields is 3."),
            ({"files": [("f", ("a.txt", b"x"))], "data": {"a": "x" * 1025}}, "Part exceeded maximum size of 1KB."),
            ({"data": {"a": "1", "b": "2", "c": "3", "d": "4"}}, "Too many fields. Maximum number of fields is 3."),
            ({"data": {"a": "x" * 1024}}, "Field exceeded maximum size of 1KB."),
        ]
        for request, detail in cases:
            response = self.client.post("/limited", **request)
            self.assertEqual((response.status_code, response.json()), (400, {"detail": detail}), detail)
        self.assertEqual(self.client.post("/limited", data={"a": "x" * 1022, "b": "", "c": "1"}).json(),
                         {"keys": ["a", "b", "c"]})   # at the limits

    def test_urlencoded_form_parameters_meet_the_default_limits(self) -> None:
        many = "&".join(f"k{i}=v" for i in range(1001))
        big = "a=" + "x" * (1024 * 1024)
        for body, detail in ((many, "Too many fields. Maximum number of fields is 1000."),
                             (big, "Field exceeded maximum size of 1024KB.")):
            response = self.client.post("/form-field", content=body,
                                        headers={"content-type": "application/x-www-form-urlencoded"})
            self.assertEqual((response.status_code, response.json()), (400, {"detail": detail}))


class Document(BaseModel):
    title: str
    attachment: UploadFile


class UploadsCloseTest(AppTestCase):
    """FastAPI closes the request's form once the response and its background work are done
    (test_datastructures.py::test_upload_file_is_closed): a handler that keeps an UploadFile finds it closed."""
    app = FastAPI()
    kept: list = []
    read_in_background: list = []

    @app.post("/keep")
    def keep(file: UploadFile):
        UploadsCloseTest.kept.append(file)
        return {"filename": file.filename}

    @app.post("/keep-many")
    async def keep_many(files: list[UploadFile], note: Annotated[str, Form()]):
        UploadsCloseTest.kept.extend(files)
        return {"count": len(files), "note": note}

    @app.post("/later")
    def later(file: UploadFile, tasks: BackgroundTasks):
        def read(upload: UploadFile) -> None:
            UploadsCloseTest.read_in_background.append((upload.file.closed, upload.file.read()))
        tasks.add_task(read, file)
        UploadsCloseTest.kept.append(file)
        return {}

    @app.post("/fails")
    def fails(file: UploadFile):
        UploadsCloseTest.kept.append(file)
        raise RuntimeError("the handler failed")

    @app.post("/model")
    def model(document: Annotated[Document, Form()]):
        UploadsCloseTest.kept.append(document.attachment)
        return {"title": document.title}

    @app.post("/needs-note")
    def needs_note(file: UploadFile, note: Annotated[str, Form()]):
        return {}

    @app.exception_handler(RequestValidationError)
    async def read_the_invalid_form(request, exc):
        upload = exc.body["file"]
        UploadsCloseTest.kept.append(upload)
        return JSONResponse({"content": (await upload.read()).decode()}, status_code=422)

    @app.post("/with-request")
    async def with_request(request: Request, file: UploadFile):
        form = await request.form()
        UploadsCloseTest.kept.extend([file, form["extra"]])
        return {"same_file": form["file"] is file, "extra": (await form["extra"].read()).decode(),
                "cached": form is await request.form()}

    def setUp(self) -> None:
        self.kept.clear()
        self.read_in_background.clear()

    def test_a_kept_file_is_closed_after_the_response(self) -> None:
        r = self.client.post("/keep", files={"file": ("test.txt", b"<file content>")})
        self.assertEqual(r.json(), {"filename": "test.txt"})
        self.assertTrue(self.kept[0].file.closed)

    def test_every_file_of_a_list_is_closed(self) -> None:
        r = self.client.post("/keep-many", files=[("files", ("a", b"1")), ("files", ("b", b"2"))], data={"note": "n"})
        self.assertEqual(r.json(), {"count": 2, "note": "n"})
        self.assertEqual([f.file.closed for f in self.kept], [True, True])

    def test_background_tasks_read_the_file_before_it_closes(self) -> None:
        self.client.post("/later", files={"file": ("a.txt", b"abc")})
        self.assertEqual(self.read_in_background, [(False, b"abc")])
        self.assertTrue(self.kept[0].file.closed)

    def test_a_failing_handler_still_closes_the_file(self) -> None:
        with TestClient(self.app, raise_server_exceptions=False) as client:
            self.assertEqual(client.post("/fails", files={"file": ("a.txt", b"abc")}).status_code, 500)
        self.assertTrue(self.kept[0].file.closed)

    def test_an_invalid_forms_files_close_after_the_error_response(self) -> None:
        r = self.client.post("/needs-note", files={"file": ("a.txt", b"still open for the handler")})
        self.assertEqual((r.status_code, r.json()), (422, {"content": "still open for the handler"}))
        self.assertTrue(self.kept[0].file.closed)

    def test_a_file_no_parameter_takes_is_closed(self) -> None:
        import gc
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            r = self.client.post("/keep", files={"file": ("a.txt", b"a"), "other": ("b.txt", b"b")})
            gc.collect()
        self.assertEqual(r.json(), {"filename": "a.txt"})
        self.assertEqual([str(w.message) for w in caught if w.category is ResourceWarning], [])

    def test_request_form_is_the_bound_form_and_all_its_files_close_after(self) -> None:
        """As Starlette caches the form FastAPI read: request.form() returns it, files the parameters did not
        take included, and they stay open for the handler."""
        r = self.client.post("/with-request", files={"file": ("a.txt", b"a"), "extra": ("b.txt", b"b")})
        self.assertEqual(r.json(), {"same_file": True, "extra": "b", "cached": True})
        self.assertEqual([f.file.closed for f in self.kept], [True, True])

    def test_a_form_models_file_is_closed(self) -> None:
        r = self.client.post("/model", files={"attachment": ("a.txt", b"abc")}, data={"title": "t"})
        self.assertEqual(r.json(), {"title": "t"})
        self.assertTrue(self.kept[0].file.closed)


if __name__ == "__main__":
    unittest.main()
