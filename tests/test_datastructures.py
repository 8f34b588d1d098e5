"""Starlette's URL and QueryParams, as apps build links with them (pagination: request.url.include_query_params)."""
from __future__ import annotations

import unittest

from tachyon.datastructures import URL, QueryParams


class URLTest(unittest.TestCase):
    url = URL("http://testserver/posts?tag=python&tag=web&q=hello+world&page=2&size=5")

    def test_query_helpers(self) -> None:
        self.assertEqual(str(self.url.include_query_params(page=3)),
                         "http://testserver/posts?tag=python&tag=web&q=hello+world&size=5&page=3")
        self.assertEqual(str(self.url.replace_query_params(page=3)), "http://testserver/posts?page=3")
        self.assertEqual(str(self.url.remove_query_params(["page", "size"])),
                         "http://testserver/posts?tag=python&tag=web&q=hello+world")
        self.assertEqual(str(URL("http://h/p?flag").include_query_params(x=1)), "http://h/p?flag=&x=1")

    def test_replace_parts(self) -> None:
        self.assertEqual(str(self.url.replace(scheme="https", hostname="api.example.com", port=8443, query="")),
                         "https://api.example.com:8443/posts")
        self.assertEqual(str(URL("http://user:pw@[::1]:80/x").replace(port=81)), "http://user:pw@[::1]:81/x")
        self.assertEqual((self.url.hostname, self.url.port, self.url.is_secure), ("testserver", None, False))


class QueryParamsTest(unittest.TestCase):
    def test_from_a_query_string(self) -> None:
        params = QueryParams("a=1&a=2&b=x%20y&c=+&flag")
        self.assertEqual(params.multi_items(), [("a", "1"), ("a", "2"), ("b", "x y"), ("c", " "), ("flag", "")])
        self.assertEqual((params["a"], params.getlist("a")), ("2", ["1", "2"]))
        self.assertEqual(str(params), "a=1&a=2&b=x+y&c=+&flag=")

    def test_from_pairs_and_keywords(self) -> None:
        self.assertEqual(QueryParams([("a", "1")], b="2").multi_items(), [("a", "1"), ("b", "2")])


if __name__ == "__main__":
    unittest.main()
