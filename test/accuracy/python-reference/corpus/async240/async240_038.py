async def pathlib_path_in_foo():
    import pathlib

    path = pathlib.Path("src/my_text.txt")
    path.exists()
