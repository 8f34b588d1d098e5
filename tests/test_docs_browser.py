"""The interactive docs render in a real browser: headless Chromium loads /docs and /redoc from the
engine (HTML, the npm-installed assets Tachyon serves locally, /openapi.json) and the page shows the
app's operations. scripts/test.sh installs Debian's chromium when it is missing."""
from __future__ import annotations

import shutil
import subprocess
import unittest

from pydantic import BaseModel

from tachyon import FastAPI

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Pet(BaseModel):
    name: str
    age: int


app = FastAPI(title="Pet Shop", version="2.1.0")


@app.get("/pets/{pet_id}", tags=["pets"], summary="Fetch one pet")
def read_pet(pet_id: int) -> Pet:
    return Pet(name="Rex", age=pet_id)


@app.post("/pets/", tags=["pets"], status_code=201)
def create_pet(pet: Pet) -> Pet:
    return pet


def render(url: str) -> str:
    """The DOM after the page's scripts ran (virtual time lets fetches and rendering finish)."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    if done.returncode != 0:
        raise AssertionError(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


@unittest.skipUnless(CHROMIUM, "chromium is not installed (scripts/test.sh installs it)")
class DocsInBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.base = f"http://127.0.0.1:{app.start('127.0.0.1', 0).port}"

    @classmethod
    def tearDownClass(cls) -> None:
        app.stop()

    def test_swagger_ui_renders_the_operations(self):
        dom = render(self.base + "/docs")
        self.assertIn("Pet Shop", dom)
        self.assertIn("opblock-summary-path", dom)   # Swagger UI drew operation blocks from /openapi.json
        self.assertIn("/pets/{pet_id}", dom)
        self.assertIn("Fetch one pet", dom)
        self.assertIn("Create Pet", dom)
        self.assertNotIn("Failed to load API definition", dom)

    def test_redoc_renders_the_operations(self):
        dom = render(self.base + "/redoc")
        self.assertIn("Pet Shop", dom)
        self.assertIn("Fetch one pet", dom)
        self.assertIn("Create Pet", dom)


if __name__ == "__main__":
    unittest.main()
