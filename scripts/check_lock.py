"""`make lint`: the lock files pin every requirement of requirements*.txt within its range, with
hashes. A range changed without `make lock` fails here (the install would otherwise quietly use the
old pin, or refuse the new package for its missing hash)."""

import re
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]


def requirements(path: Path) -> list[Requirement]:
    found = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found += requirements(path.parent / line[3:].strip())
        else:
            found.append(Requirement(line))
    return found


def pins(path: Path) -> dict[str, str]:
    text = path.read_text()
    pinned = dict(re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s\\]+)", text, re.M))
    missing_hash = [
        name
        for name in pinned
        if not re.search(rf"^{re.escape(name)}=={re.escape(pinned[name])} \\\n\s+--hash=sha256:", text, re.M)
    ]
    if missing_hash:
        raise SystemExit(f"{path.name}: no hash for {', '.join(missing_hash)} (run `make lock`)")
    return {canonicalize_name(re.sub(r"\[.*\]", "", name)): version for name, version in pinned.items()}


status = 0
for source, lock in PAIRS:
    if not (ROOT / lock).exists():
        print(f"{lock} is missing: run `make lock`", file=sys.stderr)
        status = 1
        continue
    pinned = pins(ROOT / lock)
    for req in requirements(ROOT / source):
        version = pinned.get(canonicalize_name(req.name))
        if version is None or not req.specifier.contains(version, prereleases=True):
            print(f"{lock}: {req} is pinned at {version or 'nothing'}: run `make lock`", file=sys.stderr)
            status = 1
sys.exit(status)
