async def aliased_path_in_foo():
    from pathlib import Path as PathAlias

    path = PathAlias("src/my_text.txt")
    path.exists()
