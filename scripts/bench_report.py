#!/usr/bin/env python3
"""Turn the benchmark CSV into a Markdown table and a gnuplot PNG.

Usage: bench_report.py RESULTS_DIR KERNEL_VERSION [README]
Reads RESULTS_DIR/bench.csv; writes table.md and plot.png there; if
README is given, replaces its text between the bench markers.
"""
import csv
import os
import subprocess
import sys

out, kver = sys.argv[1], sys.argv[2]
readme = sys.argv[3] if len(sys.argv) > 3 else None
rows = list(csv.DictReader(open(os.path.join(out, "bench.csv"))))
cell = {(r["strategy"], int(r["size_mib"]), int(r["cost_ns"])): r for r in rows}
sizes = sorted({int(r["size_mib"]) for r in rows})
costs = sorted({int(r["cost_ns"]) for r in rows})
names = {"A": "touch", "B": "MAP_POPULATE", "C": "MADV_POPULATE_WRITE",
         "G": "MADV_POPULATE_WRITE via ->fault", "D": "eager remap",
         "R": "anon MAP_POPULATE"}
order = "ABCGDR"
reps = rows[0]["reps"]


def med(s, size, cost):
    return float(cell[(s, size, cost)]["ns_per_page_median"])


def ratio(x, y):
    return f"{x / y:.2f}" if y else "n/a"


lines = [
    f"Linux {kver}, perf kernel, QEMU TCG, one boot; ns/page = mmap + populate"
    f" + touch every page, median of {reps} runs [min-max]; faults = fault"
    " exceptions per page in the touch pass (perf). Ratios are what matters"
    " (TCG: absolute ns do not).",
    "",
    "B and C go through the test driver's batched ->populate, G through the"
    " generic path (a fault-only device: ->fault per page, no exception).",
    "",
    "| cost ns/page | size MiB | A touch | B MAP_POPULATE | C MADV_POPULATE_WRITE"
    " | G MADV via ->fault | D eager (floor) | R anon | faults B / C / G"
    " | B/D | C/D | G/D | G/A | A/B | G/C |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for cost in costs:
    for size in sizes:
        def fmt(s):
            r = cell[(s, size, cost)]
            return (f"{float(r['ns_per_page_median']):.0f} "
                    f"[{float(r['ns_per_page_min']):.0f}-{float(r['ns_per_page_max']):.0f}]")
        fb, fc, fg = (float(cell[(s, size, cost)]["faults_per_page"]) for s in "BCG")
        b, c, d, a, g = (med(s, size, cost) for s in "BCDAG")
        lines.append(f"| {cost} | {size} | {fmt('A')} | {fmt('B')} | {fmt('C')} | {fmt('G')}"
                     f" | {fmt('D')} | {fmt('R')} | {fb:g} / {fc:g} / {fg:g}"
                     f" | {ratio(b, d)} | {ratio(c, d)} | {ratio(g, d)} | {ratio(g, a)}"
                     f" | {ratio(a, b)} | {ratio(g, c)} |")
table = "\n".join(lines) + "\n"

# vfio-pci rows (vfio.csv, from tools/vfiobench.c), if the run has them.
vcsv = os.path.join(out, "vfio.csv")
if os.path.exists(vcsv):
    vrows = list(csv.DictReader(open(vcsv)))
    vcell = {(r["strategy"], r["layout"], int(r["size_mib"])): r for r in vrows}
    vnames = {"touch": "touch", "mapp": "MAP_POPULATE",
              "madv": "MADV_POPULATE_WRITE", "eager": "eager 4 KiB (D)"}
    vt = [
        "",
        "vfio-pci BAR (QEMU ivshmem-plain BAR2, no-IOMMU mode): ns/MiB to map"
        " (mmap + populate, or mmap + touch for touch), median"
        f" of {vrows[0]['reps'] if vrows else '?'} [min-max]; entries = page"
        " table leaves then mapping it; faults = per page on touching it"
        " afterwards. D is the test driver's 4 KiB remap_pfn_range() floor of"
        " the same size; x D = D's ns/MiB over this row's.",
        "",
        "| size MiB | layout | strategy | ns/MiB | entries | faults/page | x D |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for size in sorted({int(r["size_mib"]) for r in vrows}):
        d = vcell.get(("eager", "aligned", size))
        dns = float(d["map_ns_per_mib_median"]) if d else 0
        for layout in ("aligned", "unaligned"):
            for st in ("touch", "mapp", "madv", "eager"):
                r = vcell.get((st, layout, size))
                if not r:
                    continue
                m = float(r["map_ns_per_mib_median"])
                lay = "-" if st == "eager" else layout
                vt.append(f"| {size} | {lay} | {vnames[st]} | {m:.0f}"
                          f" [{float(r['map_ns_per_mib_min']):.0f}-"
                          f"{float(r['map_ns_per_mib_max']):.0f}]"
                          f" | {r['entries']} | {float(r['faults_per_page']):g}"
                          f" | {ratio(dns, m)} |")
    table += "\n".join(vt) + "\n"
open(os.path.join(out, "table.md"), "w").write(table)

# gnuplot: one panel per device cost, ns/page against mapping size.
dat = os.path.join(out, "plot.dat")
with open(dat, "w") as f:
    for cost in costs:
        for s in order:
            f.write(f"# cost {cost} strategy {s}\n")
            for size in sizes:
                f.write(f"{size} {med(s, size, cost)}\n")
            f.write("\n\n")
plots = []
for ci, cost in enumerate(costs):
    series = ", ".join(
        f"'{dat}' index {ci * len(order) + si} with linespoints title '{s} {names[s]}'"
        for si, s in enumerate(order))
    plots.append(f"set title 'device cost {cost} ns/page'\nplot {series}\n")
script = f"""set terminal pngcairo noenhanced size {420 * len(costs)},420 font ',9'
set output '{os.path.join(out, "plot.png")}'
set multiplot layout 1,{len(costs)} title 'ns/page vs mapping size (Linux {kver}, QEMU TCG; ratios matter)'
set logscale x 2
set logscale y
set xlabel 'mapping size (MiB)'
set ylabel 'ns/page (median)'
set key top right
set grid
{''.join(plots)}unset multiplot
"""
subprocess.run(["gnuplot"], input=script, text=True, check=True)
os.unlink(dat)

if readme:
    text = open(readme).read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin in text and end in text:
        rel = os.path.relpath(out, os.path.dirname(os.path.abspath(readme)))
        body = f"{begin}\n![benchmark plot]({rel}/plot.png)\n\n{table}{end}"
        text = text[:text.index(begin)] + body + text[text.index(end) + len(end):]
        open(readme, "w").write(text)
