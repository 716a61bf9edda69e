#!/bin/bash
# Configure and build one kernel profile, the guest programs and the
# initramfs, in build/obj-<profile>/ (kept between runs; ccache).
# Usage: scripts/build.sh debug|perf
. "$(dirname "$0")/lib.sh"

profile=${1:?usage: build.sh debug|perf}
[ -f "$TOP/configs/$profile.config" ] || die "no such profile: $profile (configs/$profile.config)"
obj=$(obj_dir "$profile")
mkdir -p "$obj"

# --- configuration: tinyconfig + base + profile fragment, verified --------
configure() {
	local scratch=$BUILD/kconfig-$profile frag line sym missing=""
	rm -rf "$scratch" && mkdir -p "$scratch"
	make -s -C "$TREE" O="$scratch" ARCH=x86_64 tinyconfig >/dev/null
	(cd "$TREE" && ARCH=x86_64 scripts/kconfig/merge_config.sh -O "$scratch" \
		"$scratch/.config" "$TOP/configs/base.config" \
		"$TOP/configs/$profile.config" >"$scratch/merge.log" 2>&1) ||
		{ cat "$scratch/merge.log"; die "merge_config.sh failed"; }
	# merge_config.sh silently drops options whose dependencies are
	# missing: every option we asked for must really be set.
	for frag in "$TOP/configs/base.config" "$TOP/configs/$profile.config"; do
		while IFS= read -r line; do
			case $line in
			CONFIG_*=*)
				grep -qxF "$line" "$scratch/.config" || missing="$missing
  $line (from $(basename "$frag"))" ;;
			"# CONFIG_"*" is not set")
				sym=${line#\# }; sym=${sym%% *}
				! grep -q "^$sym=" "$scratch/.config" || missing="$missing
  $line (from $(basename "$frag"))" ;;
			esac
		done <"$frag"
	done
	[ -z "$missing" ] || die "kernel config options not set after merging (missing dependencies?):$missing"
	if ! cmp -s "$scratch/.config" "$obj/.config"; then
		cp "$scratch/.config" "$obj/.config"
		say "$profile: new kernel configuration"
	fi
	rm -rf "$scratch"
}

configure
say "$profile: building Linux $(kernel_version) in $obj"
start=$(date +%s)
kmake "$TREE" "$obj" -s olddefconfig
kmake "$TREE" "$obj" -s bzImage 2>&1 | tee "$obj/build.log" | grep -E 'warning:|error:' || true
[ "${PIPESTATUS[0]}" = 0 ] || die "kernel build failed, see $obj/build.log"
kmake "$TREE" "$obj" -s headers_install INSTALL_HDR_PATH="$obj/hdr" >/dev/null
say "$profile: kernel built in $(( $(date +%s) - start )) s"

# --- guest programs, linked statically with the host gcc -----------------
progs=$obj/progs
rm -rf "$progs" && mkdir -p "$progs"
ST=$TREE/tools/testing/selftests
CFLAGS=(-static -O2 -g0 -Wall -I"$obj/hdr/include" -I"$ST" -I"$TREE")
cc_prog() { # output, sources...
	local out=$1; shift
	gcc "${CFLAGS[@]}" -o "$progs/$out" "$@" -lpthread -lm ||
		die "cannot build guest program $out"
}
cc_prog madv_populate "$ST/mm/madv_populate.c" "$ST/mm/vm_util.c"
cc_prog map_populate "$ST/mm/map_populate.c"
cc_prog mlock2-tests "$ST/mm/mlock2-tests.c"
# -w: it includes both <sys/mman.h> and <linux/mman.h> (MAP_* redefined)
cc_prog mlock-random-test "$ST/mm/mlock-random-test.c" -lcap -w
cc_prog on-fault-limit "$ST/mm/on-fault-limit.c"
# The series' own programs must build without warnings.
[ ! -f "$ST/mm/pfnmap_populate.c" ] || cc_prog pfnmap_populate -Werror "$ST/mm/pfnmap_populate.c"
[ ! -f "$ST/mm/vfio_pci_populate.c" ] || cc_prog vfio_pci_populate -Werror "$ST/mm/vfio_pci_populate.c"
# DRM populate tests (bochs, vgem); they read PTEs through the test driver.
[ ! -f "$ST/drivers/gpu/drm_populate.c" ] || cc_prog drm_populate -Werror "$ST/drivers/gpu/drm_populate.c"
# Our tools drive the series' test driver: they need its uapi header.
[ -f "$TREE/lib/test_pfnmap_populate_uapi.h" ] && for src in "$TOP"/tools/*.c; do
	[ -f "$src" ] || continue
	cc_prog "$(basename "$src" .c)" -Werror "$src"
done

# The SGX selftests need SGX2 hardware: compile them in every run, never run.
mkdir -p "$obj/sgx-selftest"
make -s -C "$ST/sgx" OUTPUT="$obj/sgx-selftest" >"$obj/sgx-selftest/build.log" 2>&1 ||
	{ cat "$obj/sgx-selftest/build.log"; die "tools/testing/selftests/sgx does not compile"; }
say "$profile: SGX selftests compiled (not run: they need SGX2 hardware)"

# --- initramfs, with the kernel's own gen_init_cpio (no root needed) ------
list=$obj/initramfs.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in /bin /sbin /proc /sys /tmp /tests /plans; do echo "dir $d 0755 0 0"; done
	echo "file /bin/busybox $(command -v busybox) 0755 0 0"
	echo "file /init $TOP/guest/init 0755 0 0"
	for f in "$TOP"/guest/plans/*; do echo "file /plans/$(basename "$f") $f 0644 0 0"; done
	for f in "$progs"/*; do echo "file /tests/$(basename "$f") $f 0755 0 0"; done
} >"$list"
"$obj/usr/gen_init_cpio" "$list" >"$obj/initramfs.cpio" || die "gen_init_cpio failed"
say "$profile: initramfs with $(ls "$progs" | wc -l) program(s): $obj/initramfs.cpio"
