"""Build the one-folder Variorum bundle with PyInstaller and print its size and build time.

    python packaging/build_bundle.py [--archive] [--dist DIR]

Needs ``pip install '.[bundle]'``. The result is ``dist/variorum/`` (Linux, Windows) or
``dist/Variorum.app`` (macOS); on Linux the folder also carries ``install.sh`` for the
menu entry. ``--archive`` packs it as a .tar.gz (Linux) or .zip (Windows, macOS).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "variorum.spec"
# Collected by the spec from the installed wordllama package (see variorum.engine.embed).
MODEL_FILES = ("l2_supercat_256.safetensors", "l2_supercat_tokenizer_config.json")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def bundle_location(dist: Path) -> Path:
    return dist / "Variorum.app" if sys.platform == "darwin" else dist / "variorum"


def build(dist: Path, work: Path) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(cmd, check=True, cwd=ROOT)
    bundle = bundle_location(dist)
    missing = [name for name in MODEL_FILES if not any(bundle.rglob(Path(name).name))]
    if missing:
        raise SystemExit(f"{bundle}: the bundle lacks the paraphrase model files {missing}")
    if sys.platform.startswith("linux"):
        shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", bundle / "install.sh")
    return bundle


def archive(bundle: Path) -> Path:
    base = bundle.parent / f"{bundle.stem}-{sys.platform}"
    fmt = "gztar" if sys.platform.startswith("linux") else "zip"
    return Path(shutil.make_archive(str(base), fmt, root_dir=bundle.parent, base_dir=bundle.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle")
    args = parser.parse_args(argv)

    started = time.monotonic()
    try:
        bundle = build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as e:
        print(f"build_bundle: PyInstaller failed (exit {e.returncode})", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    print(f"bundle: {bundle}")
    print(f"size:   {folder_size(bundle) / 2**20:.0f} MiB")
    print(f"built in {seconds:.0f} s")
    if args.archive:
        packed = archive(bundle)
        print(f"archive: {packed} ({packed.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
