"""Starlette's modules that Tachyon implements under its own names (see finder.py)."""
