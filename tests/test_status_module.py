"""``tachyon.status`` as ``starlette.status``: every current name in ``__all__``, the renamed ones still there with
a StarletteDeprecationWarning naming the new one."""
from __future__ import annotations

import unittest
import warnings

from tachyon import status
from tachyon.exceptions import StarletteDeprecationWarning


class StatusModuleTest(unittest.TestCase):
    def test_all_lists_the_current_names(self) -> None:
        self.assertEqual(len(status.__all__), 78)
        self.assertIn("HTTP_422_UNPROCESSABLE_CONTENT", status.__all__)
        self.assertNotIn("HTTP_422_UNPROCESSABLE_ENTITY", status.__all__)
        self.assertEqual({name: getattr(status, name) for name in status.__all__}["HTTP_418_IM_A_TEAPOT"], 418)

    def test_renamed_names_warn_and_keep_their_values(self) -> None:
        for old, new, code in [("HTTP_413_REQUEST_ENTITY_TOO_LARGE", "HTTP_413_CONTENT_TOO_LARGE", 413),
                               ("HTTP_414_REQUEST_URI_TOO_LONG", "HTTP_414_URI_TOO_LONG", 414),
                               ("HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE", "HTTP_416_RANGE_NOT_SATISFIABLE", 416),
                               ("HTTP_422_UNPROCESSABLE_ENTITY", "HTTP_422_UNPROCESSABLE_CONTENT", 422)]:
            with self.assertWarns(StarletteDeprecationWarning) as caught:
                self.assertEqual(getattr(status, old), code)
            self.assertEqual(str(caught.warning), f"'{old}' is deprecated. Use '{new}' instead.")
            self.assertIn(old, dir(status))

    def test_current_names_do_not_warn_and_unknown_ones_raise(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            self.assertEqual(status.HTTP_422_UNPROCESSABLE_CONTENT, 422)
        with self.assertRaisesRegex(AttributeError, "has no attribute 'HTTP_999_NOPE'"):
            status.HTTP_999_NOPE


if __name__ == "__main__":
    unittest.main()
