#!/bin/bash
# Boot a built profile in QEMU (TCG) with a guest plan, save the console
# log, and print the verdict. A hung guest is killed after the timeout.
# Usage: scripts/run.sh debug|perf <plan> [timeout-seconds]
. "$(dirname "$0")/lib.sh"

profile=${1:?usage: run.sh profile plan [timeout]}
plan=${2:?usage: run.sh profile plan [timeout]}
tmo=${3:-1800}
obj=$(obj_dir "$profile")
[ -f "$obj/arch/x86/boot/bzImage" ] || die "no $profile kernel: run scripts/build.sh $profile"
mkdir -p "$BUILD/logs"
log=$BUILD/logs/$plan-$profile-$(date +%Y%m%d-%H%M%S).log
ln -sfn "$(basename "$log")" "$BUILD/logs/$plan-$profile-latest.log"

# Under TCG the guest reads the host's TSC, but cannot calibrate it (no
# HPET/PM timer in our minimal kernel), and would fall back to a 4 ms
# jiffies clock. Tell it the host TSC rate: fine-grained guest timestamps.
tsc_khz=$(dmesg 2>/dev/null | sed -n -E 's/.*tsc: (Refined TSC clocksource calibration|Detected): ([0-9]+)\.([0-9]{3}).*MHz.*/\2\3/p' | tail -n 1)
[ -n "$tsc_khz" ] || tsc_khz=$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)
clock=""
[ -z "$tsc_khz" ] || clock="tsc_early_khz=$tsc_khz tsc=reliable clocksource=tsc"

# ivshmem-plain: a PCI device whose 64-bit BAR2 is plain host RAM of
# $IVSHMEM_SIZE; the guest drives it with vfio-pci in no-IOMMU mode. It
# sits alone behind a PCI bridge, so that vfio can reset it (secondary
# bus reset; ivshmem has no reset of its own).
ivshmem=${IVSHMEM_SIZE:-1G}
QEMU=(qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 2G
	-object "memory-backend-ram,id=ivshmem,size=$ivshmem"
	-device pci-bridge,id=ivbridge,chassis_nr=1
	-device ivshmem-plain,memdev=ivshmem,bus=ivbridge,addr=1
	-kernel "$obj/arch/x86/boot/bzImage" -initrd "$obj/initramfs.cpio"
	-append "console=ttyS0 pfnmap.plan=$plan panic=-1 hung_task_timeout_secs=120 vfio.enable_unsafe_noiommu_mode=1 $clock"
	-display none -no-reboot)

if [ "$plan" = shell ]; then
	exec "${QEMU[@]}" -serial mon:stdio
fi

say "booting the $profile kernel (plan '$plan', timeout ${tmo}s); console: $log"
rc=0
timeout -k 10 "$tmo" "${QEMU[@]}" -serial stdio -monitor none </dev/null >"$log" 2>&1 &
qpid=$!
# Show progress: our markers and top-level results (and whatever $SHOW
# matches), not the whole console.
show=${SHOW:-'^# (PASSED|FAILED|Totals)'}
tail -n +1 -F --pid=$qpid "$log" 2>/dev/null | sed -u -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
	grep --line-buffered -E "^(# pfnmap-populate:|not ok|ok )|$show" |
	grep --line-buffered -v 'pfnmap-populate: exit .* 0$' || true
wait $qpid || rc=$?
extra=()
[ "$rc" != 124 ] && [ "$rc" != 137 ] || extra=(--timeout "$tmo")
python3 "$TOP/scripts/verdict.py" "${extra[@]}" "$log"
