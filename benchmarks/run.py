"""Benchmark plainlint (and, when installed, proselint and write-good) on a generated corpus.

    python benchmarks/run.py                 # every set, 3 runs each, medians
    python benchmarks/run.py --sets 1k,100k --runs 5
    python benchmarks/run.py --profile 10k   # where plainlint spends its time

Each run is a fresh process, timed from start to exit (start-up included), with its peak memory
(maximum resident set size) read from the operating system. This is a script, not a test:
timings depend on the machine and are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus


def words_in(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in files)


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """Run ``cmd``; return (wall seconds, peak memory in MB, CPU seconds, exit code).

    CPU seconds (user + system, the process and its children) say how much work a run did;
    on a machine shared with other jobs they vary much less than wall time does."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        if proc.returncode not in (0, 1) and err:
            print(f"  ! {' '.join(cmd[:2])} exited {proc.returncode}: {err.strip()[:300]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, usage.ru_maxrss / 1024, _descendants_cpu(children), proc.returncode


_children_seen = [0.0]


def _descendants_cpu(children: resource.struct_rusage) -> float:
    """CPU time of the run: RUSAGE_CHILDREN counts the process we waited for and every
    descendant it waited for (``--jobs`` workers), so the growth since the last call is this
    run's. (wait4's own figure covers the process alone; adding both counted it twice.)"""
    total = children.ru_utime + children.ru_stime
    new = total - _children_seen[0]
    _children_seen[0] = total
    return max(new, 0.0)


def tools(extra_args: list[str], fmt: str) -> dict[str, list[str]]:
    found = {"plainlint": [sys.executable, "-m", "plainlint", "check", "--format", fmt,
                           *extra_args]}
    proselint = _find("proselint", [Path(sys.executable).parent])
    if proselint:
        # proselint stops after its first 1,000 problems (``max_errors``), which on a large
        # file means it never reads most of it: lift the cap so it checks every word.
        config = Path(tempfile.gettempdir()) / "plainlint-bench-proselint.json"
        config.write_text('{"max_errors": 1000000000}\n', encoding="utf-8")
        found["proselint"] = [proselint, "check", "--config", str(config)]
    write_good = _find("write-good", [REPO / ".bench-tools" / "node_modules" / ".bin"])
    if write_good:
        found["write-good"] = [write_good]
    return found


REPO = Path(__file__).resolve().parent.parent


def compile_plainlint(bytecode: bool) -> str:
    """Time plainlint as an installed copy runs. pip compiles a package's bytecode when it
    installs it, but an editable checkout run with ``PYTHONDONTWRITEBYTECODE=1`` (as some
    development and CI setups are) compiles plainlint's sources again on every start, which
    no user pays: 10 ms of ``plainlint --version`` and 30 ms of a re-run answered by its
    manifest. So plainlint's bytecode is compiled first, into the checkout's ``__pycache__``
    folders (which git ignores), as running it once without that variable would.
    ``bytecode=False`` leaves it alone."""
    if not bytecode:
        return "plainlint's bytecode: as found (not compiled first)"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "plainlint")],
                   check=True, stdout=subprocess.DEVNULL)
    return "plainlint's bytecode: compiled first, as an install does"


def _find(name: str, extra: list[Path]) -> str | None:
    """A tool on PATH, or in the places the benchmark's own installs go: the venv running this
    script (``pip install proselint``) and ``.bench-tools`` (``npm install --prefix
    .bench-tools write-good``)."""
    for folder in extra:
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="1k,10k,100k,200x500",
                        help="comma-separated: 1k, 10k, 100k, 200x500")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="folder for the corpus (default: temporary)")
    parser.add_argument("--plainlint-args", default="",
                        help="extra arguments for plainlint check, e.g. '--no-cache'")
    parser.add_argument("--format", default="text", dest="fmt",
                        help="plainlint's report format (default: text, what a writer or a "
                             "hook sees; the other tools print text too)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--profile", metavar="SET", help="profile plainlint on one set instead")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="do not compile plainlint's bytecode first (see compile_plainlint)")
    args = parser.parse_args()

    root = args.corpus or Path(tempfile.mkdtemp(prefix="plainlint-bench-"))
    sets = write_corpus(root)
    wanted = [s for s in args.sets.split(",") if s]

    if args.profile:
        files = [str(p) for p in sets[args.profile]]
        out = root / "profile.out"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "plainlint",
                        "check", "--no-cache", "--format", args.fmt, *args.plainlint_args.split(),
                        *files],
                       cwd=root, stdout=subprocess.DEVNULL, check=False)
        import pstats

        pstats.Stats(str(out)).sort_stats("cumulative").print_stats(30)
        pstats.Stats(str(out)).sort_stats("tottime").print_stats(25)
        return

    extra = args.plainlint_args.split()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; corpus in {root}; plainlint --format {args.fmt}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(compile_plainlint(not args.no_bytecode))
    results: list[dict[str, object]] = []
    cache = root / ".plainlint_cache"
    for name in wanted:
        files = [str(p) for p in sets[name]]
        words = words_in(sets[name])
        runs: list[tuple[str, list[str], bool]] = [
            (tool, cmd, tool == "plainlint") for tool, cmd in tools(extra, args.fmt).items()
        ]
        if "--no-cache" not in extra:
            runs.insert(1, ("plainlint (cached)", runs[0][1], False))
            # The same re-run without its manifest (plainlint.manifest): every file answered
            # from the results cache, the rules and glossary read.
            runs.insert(2, ("plainlint (no manifest)", runs[0][1], False))
        # What a re-run over unchanged files is compared with: starting plainlint at all.
        runs.append(("plainlint --version", [sys.executable, "-m", "plainlint", "--version"],
                     False))
        for tool, base, cold in runs:
            walls, mems, cpus = [], [], []
            if tool == "plainlint (cached)":
                measure([*base, *files], root)  # fill the cache
            paths = [] if tool == "plainlint --version" else files
            for _ in range(args.runs):
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                if tool == "plainlint (no manifest)":
                    shutil.rmtree(cache / "runs", ignore_errors=True)
                wall, mem, cpu, _code = measure([*base, *paths], root)
                walls.append(wall)
                mems.append(mem)
                cpus.append(cpu)
            wall = statistics.median(walls)
            cpu = statistics.median(cpus)
            row = {"set": name, "tool": tool, "words": words, "wall_s": round(wall, 3),
                   "cpu_s": round(cpu, 3), "words_per_s": round(words / wall),
                   "peak_mb": round(max(mems), 1), "walls": [round(w, 3) for w in walls]}
            results.append(row)
            print(f"{name:>8}  {tool:<19} {words:>7} words  {wall:7.2f} s wall "
                  f"{cpu:7.2f} s CPU  {words / wall:>9,.0f} words/s  {max(mems):6.0f} MB")
        base_row = next((r for r in results if r["set"] == name and r["tool"] == "plainlint"),
                        None)
        for r in results:
            if r["set"] == name and r["tool"] != "plainlint" and base_row:
                ratio = float(base_row["wall_s"]) / float(r["wall_s"])  # type: ignore[arg-type]
                if r["tool"] in ("plainlint (cached)", "plainlint (no manifest)"):
                    version = next(v for v in results if v["set"] == name
                                   and v["tool"] == "plainlint --version")
                    cost = float(r["wall_s"]) / float(version["wall_s"])  # type: ignore[arg-type]
                    print(f"{'':>8}  {r['tool']}: {ratio:.1f}x faster than the cold run, "
                          f"{cost:.1f}x plainlint --version")
                    continue
                if r["tool"] == "plainlint --version":
                    continue
                cpu_ratio = float(r["cpu_s"]) / float(base_row["cpu_s"])  # type: ignore[arg-type]
                print(f"{'':>8}  plainlint runs at {1 / ratio:.2f}x the speed of {r['tool']} "
                      f"(wall; {cpu_ratio:.2f}x by CPU time)")
    shutil.rmtree(cache, ignore_errors=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
