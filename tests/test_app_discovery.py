"""Which app ``tachyon run`` serves (tachyon/app_discovery.py): uvicorn's MODULE:ATTRIBUTE, and the fastapi
command's forms: a file, a package directory or a module, where the app is ``app``, ``api`` or the first FastAPI
instance, and with no argument the usual file names in the current directory."""
from __future__ import annotations

import os
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

from tachyon.app_discovery import load_app

APP_MODULE = textwrap.dedent("""
    from tachyon import FastAPI
    {name} = FastAPI(title="{title}")
""")


class AppDiscoveryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.directory = Path(tempfile.mkdtemp())
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(self.directory)
        saved_path, saved_modules = list(sys.path), set(sys.modules)

        def restore() -> None:
            sys.path[:] = saved_path
            for name in set(sys.modules) - saved_modules:
                del sys.modules[name]

        self.addCleanup(restore)

    def write(self, relative: str, name: str = "app", title: str = "T") -> None:
        path = self.directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(APP_MODULE.format(name=name, title=title))

    def test_module_and_attribute(self) -> None:
        self.write("service.py", name="application", title="named")
        self.assertEqual(load_app("service:application").title, "named")

    def test_a_file_finds_app_then_api_then_any_instance(self) -> None:
        self.write("one.py", name="app", title="app")
        self.write("two.py", name="api", title="api")
        self.write("three.py", name="server", title="server")
        self.assertEqual([load_app(f"{n}.py").title for n in ("one", "two", "three")], ["app", "api", "server"])

    def test_a_file_in_a_package_is_imported_as_part_of_it(self) -> None:
        (self.directory / "pkg").mkdir()
        (self.directory / "pkg" / "__init__.py").write_text("")
        (self.directory / "pkg" / "settings.py").write_text("TITLE = 'from the package'\n")
        (self.directory / "pkg" / "main.py").write_text(
            "from tachyon import FastAPI\nfrom .settings import TITLE\napp = FastAPI(title=TITLE)\n")
        os.chdir(tempfile.gettempdir())   # from elsewhere: the package's parent goes on sys.path
        app = load_app(str(self.directory / "pkg" / "main.py"))
        self.assertEqual(app.title, "from the package")
        self.assertIn("pkg.main", sys.modules)

    def test_a_package_directory(self) -> None:
        self.write("service/__init__.py", title="package")
        self.assertEqual(load_app("service").title, "package")

    def test_no_argument_takes_main_py_first(self) -> None:
        self.write("app/main.py", title="app/main.py")
        self.write("main.py", title="main.py")
        self.assertEqual(load_app(None).title, "main.py")

    def test_no_argument_looks_in_an_app_directory(self) -> None:
        self.write("app/main.py", title="app/main.py")
        self.assertEqual(load_app(None).title, "app/main.py")

    def test_clear_errors(self) -> None:
        (self.directory / "empty.py").write_text("x = 1\n")
        cases = {None: "no app given", "empty.py": "no FastAPI app in module 'empty'",
                 "missing.py": "no such file", "nosuchmodule": "cannot import module 'nosuchmodule'",
                 "empty:app": "module 'empty' has no attribute 'app'"}
        for spec, message in cases.items():
            with self.assertRaises(SystemExit) as raised:
                load_app(spec)
            self.assertIn(message, str(raised.exception), spec)


if __name__ == "__main__":
    unittest.main()
