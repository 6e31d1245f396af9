import asyncio
import sys

from .app import main
from .storage import ensure_data_dir

if __name__ == "__main__":
    ensure_data_dir()  # start-up, before the event loop runs: not reported
    sys.exit(asyncio.run(main()))
