from pathlib import Path

async def path_as_union_parameter_type(path: Path | None):
    path.exists()
