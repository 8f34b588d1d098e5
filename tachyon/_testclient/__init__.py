"""The pieces of ``tachyon.testclient``: httpx-shaped messages, the cookie jar, and body encoding."""
