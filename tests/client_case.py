"""A TestCase serving one app through one TestClient for the whole class."""
from __future__ import annotations

import unittest
from typing import ClassVar

from tachyon import FastAPI
from tachyon.testclient import TestClient


class AppTestCase(unittest.TestCase):
    app: ClassVar[FastAPI]
    client: ClassVar[TestClient]
    client_options: ClassVar[dict] = {}   # TestClient's keyword arguments

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(cls.app, **cls.client_options)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()
