# Common settings and helpers, sourced by every script in scripts/.
# shellcheck shell=bash
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/linux			# the kernel git tree: pristine base + patches/
STAMP=$TREE/.git/pfnmap-series		# patch-ids of patches/ at the last sync
# Debian tools first (a pyenv python3 lacks python3-ply for checkpatch).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
SRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
JOBS=$(nproc)

# Fixed project identity for commits and exported patches.
export GIT_AUTHOR_NAME="pfnmap-populate developers"
export GIT_AUTHOR_EMAIL="pfnmap-populate@lists.example.org"
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
export GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/pfnmap-ccache}
# Share cache hits between clones of the project (CI builds in a fresh one).
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=true CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-10G}
export KBUILD_BUILD_TIMESTAMP="2025-01-01"
export KBUILD_BUILD_USER=pfnmap KBUILD_BUILD_HOST=bench

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

obj_dir() { echo "$BUILD/obj-$1"; }	# per-profile O= build directory

kernel_version() {
	make -s -C "$TREE" kernelversion 2>/dev/null
}

debian_source_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo unknown
}

# make in kernel source tree $1 with objects in $2; more arguments follow
kmake() {
	local src=$1 obj=$2
	shift 2
	make -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j"$JOBS" "$@"
}

# the pristine first commit of the kernel tree
base_commit() {
	git -C "$TREE" rev-list --max-parents=0 HEAD | tail -n 1
}

# the patch files of the series, in order, without the cover letter
series_files() {
	local f
	for f in "$TOP"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -f "$f" ] || continue
		case $f in */0000-cover-letter.patch) continue ;; esac
		echo "$f"
	done
}

# patch-ids of the series files, one per line, in series order
series_patch_ids() {
	local f
	series_files | while read -r f; do
		git patch-id --stable <"$f" | cut -d' ' -f1
	done
}

# patch-ids of the tree's commits on top of the pristine base, in order
tree_patch_ids() {
	local c
	git -C "$TREE" rev-list --reverse "$(base_commit)"..HEAD | while read -r c; do
		git -C "$TREE" show "$c" | git patch-id --stable | cut -d' ' -f1
	done
}
