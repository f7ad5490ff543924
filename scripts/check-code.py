"""Runs the Python blocks of one deck for `npm run check:code` (scripts/check-code.ts).

Reads {"file": ..., "timeout": seconds, "blocks": [{"line": n, "code": ...}]} as JSON on stdin and
writes one JSON line per block to stdout: {"line": n, "ok": true, "seconds": s} or
{"line": n, "ok": false, "error_line": m, "error": "...", "output": "..."}.

The blocks of one deck run in file order in one namespace, like the cells of a notebook (d2l.ai runs
each chapter so): a later slide may use what an earlier slide of the same deck defined. Every seed
is set to 0 before each block, so a block's result does not depend on which blocks ran before it.
The code is compiled with the deck's file name and padded with blank lines, so a traceback's line
numbers are the lines of slides.md.
"""
import contextlib
import io
import json
import random
import signal
import sys
import time
import traceback


class BlockTimeout(Exception):
    pass


def on_alarm(_signum, _frame):
    raise BlockTimeout()


def main():
    job = json.load(sys.stdin)
    out = sys.stdout
    file = job["file"]
    timeout = int(job.get("timeout", 60))
    import torch

    torch.set_num_threads(1)
    try:
        import numpy
    except ImportError:
        numpy = None
    # The limit is CPU time (ITIMER_PROF), not wall time, so that a busy machine does not fail a block.
    signal.signal(signal.SIGPROF, on_alarm)
    namespace = {"__name__": "__main__"}
    for b in job["blocks"]:
        random.seed(0)
        torch.manual_seed(0)
        if numpy is not None:
            numpy.random.seed(0)
        captured = io.StringIO()
        started = time.perf_counter()
        result = {"line": b["line"], "ok": True}
        try:
            code = compile("\n" * (b["line"] - 1) + b["code"] + "\n", file, "exec")
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                signal.setitimer(signal.ITIMER_PROF, timeout)
                try:
                    exec(code, namespace)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
        except BaseException as e:  # SystemExit and KeyboardInterrupt in a block are failures too
            tb = traceback.extract_tb(e.__traceback__)
            here = [f.lineno for f in tb if f.filename == file]
            if isinstance(e, BlockTimeout):
                message = f"did not finish within {timeout} s of CPU time"
            elif isinstance(e, SyntaxError):
                message = f"SyntaxError: {e.msg}"
                here.append(e.lineno or b["line"])
            else:
                message = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]
            result = {
                "line": b["line"],
                "ok": False,
                "error_line": here[-1] if here else b["line"],
                "error": message,
                "output": captured.getvalue()[-2000:],
            }
        if job.get("show") and result["ok"]:
            result["output"] = captured.getvalue()[-4000:]
        result["seconds"] = round(time.perf_counter() - started, 3)
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
