"""File uploads (``multipart/form-data``): a file read as ``bytes``, an ``UploadFile`` with its
``filename`` and ``content_type`` read with ``await file.read()``, several files in one field, an
optional file, and files sent together with form fields."""
from typing import Annotated

from tachyon import FastAPI, File, Form, UploadFile

app = FastAPI()


@app.post("/files/")
async def create_file(file: Annotated[bytes, File(description="A file read as bytes")]):
    return {"file_size": len(file)}


@app.post("/uploadfile/")
async def create_upload_file(file: Annotated[UploadFile, File(description="A file read as UploadFile")]):
    content = await file.read()
    return {"filename": file.filename, "content_type": file.content_type, "content": content.decode()}


@app.post("/uploadfiles/")
async def create_upload_files(files: list[UploadFile]):
    return {"filenames": [file.filename for file in files], "sizes": [len(await file.read()) for file in files]}


@app.post("/optional-file/")
async def optional_file(file: Annotated[bytes | None, File()] = None):
    return {"file_size": None if file is None else len(file)}


@app.post("/profile/")
async def update_profile(token: Annotated[str, Form()], avatar: UploadFile, notes: Annotated[list[bytes], File()]):
    return {"token": token, "avatar": avatar.filename, "avatar_type": avatar.content_type,
            "notes": [note.decode() for note in notes]}
