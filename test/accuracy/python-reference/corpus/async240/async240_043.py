from typing import Optional
from pathlib import Path

async def path_as_optional_parameter_type(path: Optional[Path]):
    path.exists()
