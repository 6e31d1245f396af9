// ASYNC240 (os.path and pathlib I/O in async functions), reproduced from memory from Ruff's
// flake8_async/ASYNC240.py and flake8-async's async240.py.
export const source = "Ruff ASYNC240.py, flake8-async async240.py";
export const cases = [
  `
  import os

  async def func():
      os.path.abspath("a")
      os.path.dirname("a")
      os.path.exists("a")
      os.path.expanduser("a")
  `,
  `
  import os

  async def func():
      os.path.getatime("a")
      os.path.getctime("a")
      os.path.getmtime("a")
      os.path.getsize("a")
  `,
  `
  import os

  async def func():
      os.path.isdir("a")
      os.path.isfile("a")
      os.path.islink("a")
      os.path.ismount("a")
      os.path.lexists("a")
  `,
  `
  import os

  async def func():
      os.path.realpath("a")
      os.path.relpath("a")
      os.path.samefile("a", "b")
      os.path.sameopenfile(1, 2)
  `,
  `
  import os

  async def func():
      os.path.basename("a")
      os.path.commonpath(["a"])
      os.path.commonprefix(["a"])
      os.path.dirname("a")
      os.path.expandvars("a")
  `,
  `
  import os

  async def func():
      os.path.isabs("a")
      os.path.join("a", "b")
      os.path.normcase("a")
      os.path.split("a")
      os.path.splitdrive("a")
      os.path.splitext("a")
  `,
  `
  import os

  async def func():
      os.path.splitroot("a")
      os.path.samestat(None, None)
  `,
  `
  import os

  async def func():
      os.path.isjunction("a")
      os.path.isdevdrive("a")
  `,
  `
  from os.path import exists, join

  async def func():
      exists("a")
      join("a", "b")
  `,
  `
  from os import path

  async def func():
      path.exists("a")
      path.join("a", "b")
  `,
  `
  import os.path as osp

  async def func():
      osp.isfile("a")
      osp.basename("a")
  `,
  `
  import os

  def func():
      os.path.exists("a")
  `,
  `
  import os

  async def func():
      def inner():
          os.path.exists("a")
      return inner
  `,
  `
  import pathlib

  async def func():
      p = pathlib.Path("a")
      p.exists()
  `,
  `
  from pathlib import Path

  async def func():
      Path("a").exists()
      Path("a").is_dir()
      Path("a").is_file()
      Path("a").stat()
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.read_text()
      p.read_bytes()
      p.write_text("x")
      p.write_bytes(b"x")
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.iterdir()
      p.glob("*")
      p.rglob("*")
      p.resolve()
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.mkdir()
      p.rmdir()
      p.unlink()
      p.touch()
      p.rename("b")
      p.replace("b")
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.chmod(0o644)
      p.lstat()
      p.owner()
      p.group()
      p.readlink()
      p.is_symlink()
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.absolute()
      p.expanduser()
      p.samefile("b")
      p.is_mount()
      p.symlink_to("b")
      p.hardlink_to("b")
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.name
      p.parent
      p.parts
      p.joinpath("b")
      p.with_suffix(".txt")
      p.relative_to("a")
      p.as_posix()
      p.match("*.py")
      p.is_absolute()
  `,
  `
  from pathlib import Path

  async def func():
      p = Path("a")
      p.with_name("b")
      p.with_stem("b")
      p.as_uri()
      p.is_relative_to("a")
      p.is_reserved()
  `,
  `
  from pathlib import Path

  async def func(p: Path):
      p.exists()
      p.name
  `,
  `
  from pathlib import PurePath

  async def func():
      p = PurePath("a")
      p.exists()
  `,
  `
  from pathlib import PosixPath, WindowsPath

  async def func():
      PosixPath("a").exists()
      WindowsPath("a").read_text()
  `,
  `
  from pathlib import Path

  async def func():
      Path.cwd()
      Path.home()
  `,
  {
    decision:
      '`.parent` of a path is a path: `exists()` on it touches the file system. Ruff matches only a name bound to `Path(...)` or a direct `Path(...)` receiver.',
    code: `
  from pathlib import Path

  async def func():
      Path("a").parent.exists()
  `,
  },
  `
  import trio

  async def func():
      p = trio.Path("a")
      await p.exists()
  `,
  `
  import anyio

  async def func():
      await anyio.Path("a").read_text()
  `,
  `
  from pathlib import Path

  def func():
      Path("a").read_text()
  `,
  {
    decision:
      "Loop Guard's catalogue covers `os` file-system calls (issue 13 asks for more than the ASYNC2xx lists); Ruff has no code for them.",
    code: `
  import os

  async def func():
      os.listdir(".")
      os.stat("a")
  `,
  },
  {
    decision:
      "`os.path.normpath` only rewrites the string (no system call): both peers flag it, Loop Guard leaves it out, as a false alarm in real code.",
    code: `
  import os

  async def func():
      os.path.normpath("a")
  `,
  },
  `
  import io

  async def func(fh: io.TextIOWrapper):
      fh.read()  # flake8-async: ASYNC232
  `,
  `
  import os
  from pathlib import Path

  def os_path_in_foo():
      file = "file.txt"

      os.path.abspath(file)
      os.path.exists(file)

  def pathlib_path_in_foo():
      path = Path("src/my_text.txt")
      path.exists()
  `,
  `
  import os

  async def non_io_os_path_methods():
      os.path.split()
      os.path.dirname()
      os.path.basename()
      os.path.join()
  `,
  `
  from pathlib import Path

  async def non_io_pathlib_path_methods():
      path = Path("src/my_text.txt")
      path.is_absolute()
      path.is_relative_to()
      path.as_posix()
      path.relative_to()
  `,
  `
  import os

  async def os_path_in_foo():
      file = "file.txt"

      os.path.abspath(file)
      os.path.exists(file)
  `,
  `
  async def pathlib_path_in_foo():
      import pathlib

      path = pathlib.Path("src/my_text.txt")
      path.exists()
  `,
  `
  from pathlib import Path

  async def inline_path_method_call():
      Path("src/my_text.txt").exists()
      Path("src/my_text.txt").absolute().exists()
  `,
  `
  async def aliased_path_in_foo():
      from pathlib import Path as PathAlias

      path = PathAlias("src/my_text.txt")
      path.exists()
  `,
  `
  from pathlib import Path

  global_path = Path("src/my_text.txt")

  async def global_path_in_foo():
      global_path.exists()
  `,
  `
  from pathlib import Path

  async def path_as_union_parameter_type(path: Path | None):
      path.exists()
  `,
  `
  from typing import Optional
  from pathlib import Path

  async def path_as_optional_parameter_type(path: Optional[Path]):
      path.exists()
  `,
  {
    decision:
      "`path.open()` on a parameter annotated `Path` opens a file; Ruff's ASYNC230 follows only `p = Path(...)`, and its ASYNC240 leaves `.open()` to ASYNC230.",
    code: `
  import pathlib

  async def func(path: pathlib.Path):
      with path.open() as f:
          return f.read()
  `,
  },
];
