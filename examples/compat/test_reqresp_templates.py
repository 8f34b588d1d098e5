"""Templates as FastAPI's tutorial tests them (tests/test_tutorial/test_templates), plus what Starlette's
TestClient shows of a template response: ``response.template`` and ``response.context``."""
from examples.compat import reqresp_templates
from tests.client_case import AppTestCase


class TemplatesTest(AppTestCase):
    app = reqresp_templates.app

    def test_main(self):
        response = self.client.get("/items/foo")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn(b'<h1><a href="http://testserver/items/foo">Item ID: foo</a></h1>', response.content)
        self.assertEqual(response.headers["content-type"], "text/html; charset=utf-8")

    def test_template_and_context_reach_the_test(self):
        response = self.client.get("/items/foo")
        self.assertEqual(response.template.name, "item.html")
        self.assertEqual((response.context["id"], response.context["site"]), ("foo", "Tachyon"))
        self.assertIs(response.context["request"].app, reqresp_templates.app)

    def test_autoescape(self):
        response = self.client.get("/items/x", params={"note": "<b>bold</b>"})
        self.assertIn(b"<p>&lt;b&gt;bold&lt;/b&gt;</p>", response.content)

    def test_status_code(self):
        response = self.client.get("/missing/7")
        self.assertEqual(response.status_code, 404)
        self.assertIn(b"Item ID: 7", response.content)
