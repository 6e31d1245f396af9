from pathlib import Path

async def inline_path_method_call():
    Path("src/my_text.txt").exists()
    Path("src/my_text.txt").absolute().exists()
