"""A small asyncio report service: the Loop Guard Python sample."""

__all__ = ["main"]

from .app import main
