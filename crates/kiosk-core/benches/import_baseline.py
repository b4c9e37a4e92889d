#!/usr/bin/env python3
"""The import baseline of issue 19: what a plain Python + sqlite3 script does with a bundle folder.

It reads each file the manifest lists, checks its SHA-256 against the manifest, parses the JSON and
inserts the question, summary, paragraphs and keywords into one FTS5 table (unicode61
remove_diacritics 2), in one transaction, in WAL mode with synchronous=FULL. No other check.

Usage: import_baseline.py BUNDLE_DIR DATABASE
Prints the seconds it took, measured inside the script (interpreter start not counted), so the
benchmark (benches/import.rs) compares our import with the script's work alone.
"""

import hashlib
import json
import os
import sqlite3
import sys
import time


def main(bundle_dir: str, database: str) -> None:
    start = time.perf_counter()
    with open(os.path.join(bundle_dir, "manifest.json"), "rb") as f:
        manifest = json.loads(f.read())
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS question_fts USING fts5 ("
        "question, summary, paragraphs, keywords, tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.execute("BEGIN")
    for name, expected in manifest["files"].items():
        with open(os.path.join(bundle_dir, name), "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != expected:
            sys.exit(f"{name}: SHA-256 does not match the manifest")
        question = json.loads(data)
        paragraphs = "\n".join(p for s in question["sections"] for p in s["paragraphs"])
        conn.execute(
            "INSERT INTO question_fts (question, summary, paragraphs, keywords) VALUES (?, ?, ?, ?)",
            (question["question"], question["summary"], paragraphs, " ".join(question.get("keywords", []))),
        )
    conn.execute("COMMIT")
    conn.close()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: import_baseline.py BUNDLE_DIR DATABASE")
    main(sys.argv[1], sys.argv[2])
