#!/bin/bash
# Benchmark the populate strategies on the test device, in one boot of the
# perf kernel, and write CSV, Markdown table and plot to
# results/<date>-<kernel version>/; the README's table is updated.
# Usage: scripts/bench.sh   (after deps/tree/build perf; see `make bench`)
. "$(dirname "$0")/lib.sh"

command -v gnuplot >/dev/null || die "gnuplot missing: run scripts/deps.sh gnuplot-nox"
SHOW='^# bench:' "$TOP/scripts/run.sh" perf bench 2400 || die "the benchmark run failed"
log=$(readlink -f "$BUILD/logs/bench-perf-latest.log")
out=$TOP/results/$(date +%Y-%m-%d)-$(kernel_version)
mkdir -p "$out"
sed -n -E 's/^(\[ *[0-9.]+\] )?csv: //p' "$log" >"$out/bench.csv"
sed -n -E 's/^(\[ *[0-9.]+\] )?vfio: //p' "$log" >"$out/vfio.csv"
[ -s "$out/vfio.csv" ] || rm -f "$out/vfio.csv"
# The DRM rows (tools/drmbench: bochs, vgem dumb buffers), if they ran.
sed -n -E 's/^(\[ *[0-9.]+\] )?drmcsv: //p' "$log" >"$out/drm.csv"
sed -n -E 's/^(\[ *[0-9.]+\] )?# drm: //p' "$log" >"$out/drm.md"
[ -s "$out/drm.csv" ] || rm -f "$out/drm.csv" "$out/drm.md"
[ "$(wc -l <"$out/bench.csv")" -gt 1 ] || die "no results in $log"
cp "$log" "$out/console.log"
python3 "$TOP/scripts/bench_report.py" "$out" "$(kernel_version)" "$TOP/README.md"
ln -sfn "$(basename "$out")" "$TOP/results/latest"
say "results: $out (bench.csv, table.md, plot.png); README.md updated"
