"""``Default(...)`` (FastAPI's ``fastapi.datastructures.Default``): marks an option left at its default,
so the first explicitly set value wins when routes are included (route, router, include_router, app)."""
import unittest

from tachyon.datastructures import Default, DefaultPlaceholder, get_value_or_default
from tachyon.responses import HTMLResponse, JSONResponse


class DefaultPlaceholderTest(unittest.TestCase):
    def test_placeholder_shape(self):
        self.assertIsInstance(Default(JSONResponse), DefaultPlaceholder)
        self.assertEqual(Default(JSONResponse), Default(JSONResponse))
        self.assertNotEqual(Default(JSONResponse), Default(HTMLResponse))
        self.assertNotEqual(Default(JSONResponse), JSONResponse)
        self.assertFalse(Default(None))
        self.assertTrue(Default(JSONResponse))

    def test_first_explicit_value_wins(self):
        self.assertIs(get_value_or_default(Default(JSONResponse), HTMLResponse, Default(JSONResponse)), HTMLResponse)
        self.assertIs(get_value_or_default(JSONResponse, HTMLResponse), JSONResponse)

    def test_all_defaults_give_the_first_placeholder(self):
        first = Default(JSONResponse)
        self.assertIs(get_value_or_default(first, Default(HTMLResponse)), first)


if __name__ == "__main__":
    unittest.main()
