from pathlib import Path

global_path = Path("src/my_text.txt")

async def global_path_in_foo():
    global_path.exists()
