"""How fast `plainlint serve` answers when a writer edits one paragraph.

    python benchmarks/serve.py                     # documents of 500, 1,000, 3,000 words
    python benchmarks/serve.py --words 1000,10000 --edits 30

Starts the real server (the pipeline loaded once, at start), opens a session as a browser
would, sends a whole document, then edits one paragraph again and again, each time sending the
whole text as the page does. Each figure is the time from sending the request to having the
answer (the check, the marked text and the panel rendered, the JSON read): what a writer waits
for after they stop typing. The server's CPU time for the same requests is shown too: on a
machine shared with other work it says more than wall time does. The first send of each
document (every paragraph new to the session) is shown apart. A script, not a test: timings
depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import document

START_LINE = re.compile(r"plainlint serve: http://127\.0\.0\.1:(\d+)/\?token=(\S+)")


def call(port: int, method: str, path: str, headers: dict[str, str],
         body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}", **headers})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", default="500,1000,3000",
                        help="document sizes in words, comma-separated")
    parser.add_argument("--edits", type=int, default=20, help="edits per document")
    args = parser.parse_args()

    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "plainlint", "serve", "--no-browser"],
                            cwd=repo, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        m = START_LINE.fullmatch(proc.stdout.readline().strip())
        if m is None:
            sys.exit("plainlint serve did not start")
        print(f"start (pipeline loaded): {time.perf_counter() - started:.1f} s")
        port, token = int(m.group(1)), m.group(2)
        for size in (int(w) for w in args.words.split(",")):
            _, headers, _ = call(port, "GET", f"/?token={token}", {})
            cookie = headers["set-cookie"].split(";")[0]
            _, _, page = call(port, "GET", "/", {"Cookie": cookie})
            csrf = re.search(rb'name="plainlint-csrf" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            post = {"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}",
                    "X-Plainlint-CSRF": csrf.decode(), "Content-Type": "application/json"}
            text = document(size, seed=size)
            paragraphs = text.split("\n\n")
            target = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))

            cpu: list[float] = []

            def send(body: str, headers: dict[str, str] = post,
                     cpu: list[float] = cpu) -> float:
                c = cpu_seconds(proc.pid)
                t = time.perf_counter()
                status, _, data = call(port, "POST", "/api/text", headers,
                                       json.dumps({"text": body, "format": "markdown"}).encode())
                took = time.perf_counter() - t
                cpu.append(cpu_seconds(proc.pid) - c)
                if status != 200:
                    sys.exit(f"status {status}: {data[:200]!r}")
                json.loads(data)
                return took

            first = send(text)
            cpu.clear()
            times = []
            for i in range(args.edits):
                edited = list(paragraphs)
                edited[target] = paragraphs[target].replace(" ", f" edit{i} ", 1)
                times.append(send("\n\n".join(edited)))
            times.sort()
            p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
            print(f"{len(text.split()):>6,} words, {len(paragraphs)} paragraphs: first send "
                  f"{first * 1000:.0f} ms; one paragraph edited: median "
                  f"{statistics.median(times) * 1000:.0f} ms, 90th percentile "
                  f"{p90 * 1000:.0f} ms; server CPU median "
                  f"{statistics.median(cpu) * 1000:.0f} ms ({args.edits} edits)")
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
