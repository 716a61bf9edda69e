#!/bin/bash
# Install the Debian packages the bench needs, if any are missing.
# Usage: scripts/deps.sh [extra-package...]
. "$(dirname "$0")/lib.sh"

PKGS="linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
cpio xz-utils kmod rsync ccache sparse git python3 python3-ply python3-git qemu-system-x86
busybox-static libcap-dev perl $*"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "Missing Debian packages:$missing" >&2
	echo "Run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 2
fi
say "installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || die "apt-get update failed (is the Debian archive reachable?)"
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	die "apt-get install failed for:$missing"
