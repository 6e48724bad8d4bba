"""`python -m graph.store.derive STORE GENERATION`: write the derived tables a live
generation lacks (`EmbeddedStore.write_missing_tables`), in a process of its own, so the
process that serves queries neither pauses for them nor keeps the memory they take
(about 300 MB at a million triples, while the quads are read as Python objects)."""

from __future__ import annotations

import argparse
import os
import signal

from graph.store.embedded import EmbeddedStore


def main() -> None:
    parser = argparse.ArgumentParser(description="conflict-kg derived tables (internal)")
    parser.add_argument("--nice", type=int, default=0,
                        help="added niceness: queries come first on busy cores")
    parser.add_argument("store")
    parser.add_argument("generation")
    args = parser.parse_args()
    if args.nice > 0:
        os.nice(args.nice)
    try:
        import ctypes

        # Die with the server that asked: a parent killed with SIGKILL cannot stop us.
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PDEATHSIG
    except OSError:
        pass
    EmbeddedStore(args.store).write_missing_tables(args.generation)


if __name__ == "__main__":
    main()
