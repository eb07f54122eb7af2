#!/usr/bin/env python3
"""Measure Word, OpenDocument and PDF handling: extraction speed, and time and peak memory on
hostile files. Speed is measured here, never asserted in tests.

    .venv/bin/python scripts/bench_documents.py [--pages N]

It builds the test documents (python-docx, and LibreOffice from tests/fixtures), a long report
(the fixture's body repeated to about N pages), and the hostile files of
tests/test_hostile_documents.py, then runs each in a fresh process and prints a table: wall
time (with Python's start-up), time to import and read the file, words extracted and peak
resident memory (VmHWM).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = r"""
import sys, time
t = time.perf_counter()
from plainlint import formats
from plainlint.source import InputError, Limits
path = sys.argv[1]
data = open(path, "rb").read()
try:
    doc = formats.parse_bytes(data, path, formats.format_for(path), Limits())
    outcome = f"{len(doc.text.split())} words, {len(doc.blocks)} blocks"
except InputError as exc:
    outcome = "error: " + str(exc)[:70]
took = time.perf_counter() - t
hwm = next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(f"{took:.2f}\t{int(hwm) // 1024}\t{outcome}")
"""


def probe(path: Path) -> tuple[float, float, int, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        return wall, 0.0, 0, "CRASH: " + done.stderr.strip().splitlines()[-1]
    took, mb, outcome = done.stdout.strip().split("\t", 2)
    return wall, float(took), int(mb), outcome


def long_fodt(src: Path, dest: Path, pages: int) -> Path:
    text = src.read_text(encoding="utf-8")
    start = text.index("<text:h")
    end = text.index("</office:text>")
    body = text[start:end]
    copies = max(1, pages // 4)
    dest.write_text(text[:start] + body * copies + text[end:], encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=40, help="length of the long report")
    args = parser.parse_args()
    from tests import test_hostile_documents as hostile
    from tests.documents import (
        LOCKED_PDF,
        REPORT_FODT,
        TAGGED_PDF,
        UNTAGGED_PDF,
        build_word_report,
        convert,
    )

    rows: list[tuple[str, Path]] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        profile = d / "profile"
        rows.append(("python-docx report", build_word_report(d / "built.docx")))
        for target, label in (("docx", "report.docx"), ("odt", "report.odt"),
                              (TAGGED_PDF, "report.pdf (tagged)"),
                              (UNTAGGED_PDF, "report.pdf (untagged)")):
            rows.append((label, convert(REPORT_FODT, target, d / label.replace(" ", "_"),
                                        profile)))
        long = long_fodt(REPORT_FODT, d / "long-report.fodt", args.pages)
        for target, label in (("docx", "long.docx"), ("odt", "long.odt"),
                              (TAGGED_PDF, "long.pdf (tagged)")):
            rows.append((label, convert(long, target, d / label.replace(" ", "_"), profile)))
        docx_bytes = rows[1][1].read_bytes()
        odt_bytes = rows[2][1].read_bytes()
        pdf_bytes = rows[3][1].read_bytes()
        files = {
            "bomb.docx (150 MB of zeros)": hostile.zip_bomb(150),
            "bomb.docx (1 GB of zeros)": hostile.zip_bomb(1000),
            "lying-bomb.docx (60 MB, says 1 KB)": hostile.lying_bomb(60),
            "entries.docx (20,000 entries)": hostile.many_entries(20_000),
            "xxe.docx": hostile._replace_entry(docx_bytes, "word/document.xml", hostile.XXE),
            "laughs.odt": hostile._replace_entry(odt_bytes, "content.xml", hostile.LAUGHS),
            "cut.docx": docx_bytes[: len(docx_bytes) // 2],
            "cut.pdf": pdf_bytes[: len(pdf_bytes) // 3],
            "really-a-pdf.docx": pdf_bytes,
            "flate-bomb.pdf (150 MB stream)": hostile.flate_bomb_pdf(150),
        }
        for n, (label, data) in enumerate(files.items()):
            name = re.sub(r" \(.*", "", label)
            path = d / "hostile" / str(n) / name
            path.parent.mkdir(parents=True)
            path.write_bytes(data)
            rows.append((label, path))
        import io

        import msoffcrypto.format.ooxml

        locked = io.BytesIO()
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(docx_bytes)).encrypt("council", locked)
        (d / "locked.docx").write_bytes(locked.getvalue())
        rows.append(("locked.docx (Word encryption)", d / "locked.docx"))
        rows.append(("locked.pdf", convert(REPORT_FODT, LOCKED_PDF, d / "locked", profile)))
        scan = d / "scan.fodt"
        scan.write_text(hostile.image_only_fodt(), encoding="utf-8")
        rows.append(("scan.pdf (image only)", convert(scan, "pdf", d / "scan", profile)))

        print(f"{'file':38} {'size':>9} {'wall s':>7} {'read s':>7} {'peak MB':>8}  outcome")
        for label, path in rows:
            wall, took, mb, outcome = probe(path)
            size = path.stat().st_size
            print(f"{label:38} {size / 1000:>8.0f}K {wall:>7.2f} {took:>7.2f} {mb:>8}  "
                  f"{outcome}")


if __name__ == "__main__":
    main()
