#!/usr/bin/env python3
"""Read a guest console log and decide: passed, failed, skipped.

Counts the leaf results of every KTAP document on the console (kselftest
programs and KUnit suites alike: a result line that has subtests is a
suite, not a test). A program that exits non-zero without reporting a
failure, a program with no results, any kernel splat (oops, BUG, WARNING,
lockdep, KASAN, panic, hung task, soft lockup), a missing end-of-plan
marker or a host-side timeout each add one failure.

Prints the failures, the log path and, last, exactly one line
"N passed, N failed, N skipped". Exit status 1 if anything failed.
"""
import argparse
import re
import sys

TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
RESULT = re.compile(r"^(\s*)(not ok|ok) (\d+)\s*-?\s*([^#]*?)\s*(#.*)?$")
SUBTEST = re.compile(r"^\s*# Subtest: (\S+)")
MARK = re.compile(r"^# pfnmap-populate: (run|exit|end of plan)\s*(\S*)\s*(-?\d*)")
SPLATS = re.compile(
    r"(^BUG:|^WARNING:|^Oops|^kernel BUG at|^general protection fault|"
    r"Kernel panic|^KASAN:|^UBSAN:|^INFO: task .* blocked|"
    r"^watchdog: BUG: soft lockup|rcu: INFO: .* detected stall|"
    r"DEBUG_LOCKS_WARN_ON|^------------\[ cut here \]------------|"
    r"possible (circular|recursive) locking|^Call Trace:)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--timeout", type=int, default=0,
                    help="the guest was killed after this many seconds")
    args = ap.parse_args()

    lines = [TIMESTAMP.sub("", l.rstrip("\r\n"))
             for l in open(args.log, errors="replace")]
    passed = failed = skipped = 0
    failures = []
    splats = []
    deeper = {}          # indent -> a result deeper than it was seen since
    prog = None          # program between run/exit markers
    prog_results = prog_failed = 0
    ended = False
    suites = {}          # suite -> [passed, failed, skipped], in order seen
    kunit_suite = None   # KUnit suite being reported (outside programs)

    for i, line in enumerate(lines):
        m = MARK.match(line)
        if m:
            if m.group(1) == "run":
                prog, prog_results, prog_failed = m.group(2), 0, 0
                deeper = {}
            elif m.group(1) == "exit":
                rc = int(m.group(3) or 0)
                if prog_results == 0 and rc == 4:
                    skipped += 1
                elif prog_results == 0:
                    failed += 1
                    failures.append(f"{prog}: no KTAP results (exit {rc})")
                elif rc not in (0, 4) and prog_failed == 0:
                    failed += 1
                    failures.append(f"{prog}: exit status {rc} without a failed test")
                prog = None
            else:
                ended = True
            continue
        if SPLATS.search(line):
            splats.append(i)
            continue
        m = SUBTEST.match(line)
        # A KUnit suite's header is indented as its test cases (4).
        if m and prog is None and len(line) - len(line.lstrip()) <= 4:
            kunit_suite = "kunit:" + m.group(1)
        m = RESULT.match(line)
        if not m:
            continue
        indent = len(m.group(1).expandtabs())
        is_suite = deeper.get(indent, False)
        deeper[indent] = False
        for d in list(deeper):
            if d > indent:
                del deeper[d]
        for d in range(0, indent):
            deeper[d] = True
        if is_suite:
            continue
        name = m.group(4) or f"test {m.group(3)}"
        directive = (m.group(5) or "").upper()
        prog_results += 1
        counts = suites.setdefault(prog or kunit_suite or "kernel", [0, 0, 0])
        if "SKIP" in directive:
            skipped += 1
            counts[2] += 1
        elif m.group(2) == "ok":
            passed += 1
            counts[0] += 1
        else:
            failed += 1
            counts[1] += 1
            prog_failed += 1
            failures.append(f"{prog or 'kernel'}: not ok: {name}")

    if prog is not None:
        failed += 1
        failures.append(f"{prog}: did not finish")
    if splats:
        failed += 1
        failures.append(f"kernel splat on the console ({len(splats)} line(s)), first:")
        first = splats[0]
        failures.extend("    " + l for l in lines[max(0, first - 2):first + 25])
    if args.timeout:
        failed += 1
        failures.append(f"guest killed after {args.timeout} s (hung?); last 50 console lines:")
        failures.extend("    " + l for l in lines[-50:])
    elif not ended:
        failed += 1
        failures.append("no end-of-plan marker: the guest stopped early; last 50 console lines:")
        failures.extend("    " + l for l in lines[-50:])

    for name, (p, f, sk) in suites.items():
        print(f"suite {name}: {p} passed, {f} failed, {sk} skipped")
    for f in failures:
        print("FAIL " + f if not f.startswith("    ") else f)
    print(f"console log: {args.log}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
