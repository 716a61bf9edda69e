#!/bin/bash
# Prepare the kernel tree in build/linux: Debian's linux-source-6.12 as the
# first (pristine) commit, patches/ applied on top with `git am`.
#
# The tree is re-created from patches/ whenever patches/ changed since the
# last sync (apply or export) and the tree did not. Commits made in the tree
# and not yet exported are built as they are (with a warning); if both the
# tree and patches/ changed, we stop rather than guess.
# Usage: scripts/tree.sh [--reset]
. "$(dirname "$0")/lib.sh"

reset=0
[ "${1:-}" = --reset ] && reset=1

[ -f "$SRC_TARBALL" ] || die "$SRC_TARBALL missing: install linux-source-6.12 (scripts/deps.sh)"

create_tree() {
	local tmp=$BUILD/linux.unpack ver
	say "unpacking $SRC_TARBALL"
	rm -rf "$tmp" && mkdir -p "$tmp"
	tar -C "$tmp" -xf "$SRC_TARBALL" --strip-components=1
	ver=$(make -s -C "$tmp" kernelversion)
	(
		cd "$tmp"
		git init -q -b base
		git config core.autocrlf false
		git config gc.auto 0
		git config user.name "$GIT_AUTHOR_NAME"
		git config user.email "$GIT_AUTHOR_EMAIL"
		# Debian's tarball ignores everything at the top level ("/*"),
		# which would hide new files from git: drop that rule.
		sed -i '/^# Debian packaging/,$d' .gitignore
		git add -A .
		GIT_AUTHOR_DATE="2025-01-01T00:00:00Z" GIT_COMMITTER_DATE="2025-01-01T00:00:00Z" \
			git commit -q -m "Linux $ver (Debian linux-source-6.12 $(debian_source_version))" \
			-m "Pristine source, except that .gitignore lost Debian's ignore-everything rule."
		git checkout -q -b series
	)
	rm -rf "$TREE"
	mv "$tmp" "$TREE"
}

apply_series() {
	local f n=0
	git -C "$TREE" reset -q --hard "$(base_commit)"
	for f in $(series_files); do
		if ! git -C "$TREE" am -q --keep-cr "$f" >"$BUILD/git-am.log" 2>&1; then
			git -C "$TREE" am --abort >/dev/null 2>&1 || true
			grep -E '^(error|fatal):' "$BUILD/git-am.log" >&2 || cat "$BUILD/git-am.log" >&2
			die "patch does not apply: patches/$(basename "$f")"
		fi
		n=$((n + 1))
	done
	say "applied $n patch(es) from patches/"
}

mkdir -p "$BUILD"
if [ ! -d "$TREE/.git" ]; then
	create_tree
	apply_series
	series_patch_ids >"$STAMP"
else
	series=$(series_patch_ids)
	tree=$(tree_patch_ids)
	stamp=$(cat "$STAMP" 2>/dev/null || true)
	dirty=$(git -C "$TREE" status --porcelain --untracked-files=no)
	if [ "$reset" = 1 ]; then
		apply_series
		series_patch_ids >"$STAMP"
	elif [ "$tree" = "$series" ]; then
		[ "$stamp" = "$series" ] || echo "$series" >"$STAMP"
	elif [ "$tree" = "$stamp" ]; then
		[ -z "$dirty" ] || die "patches/ changed but build/linux has uncommitted edits; commit them there or run 'make tree-reset'"
		say "patches/ changed: re-applying the series"
		apply_series
		echo "$series" >"$STAMP"
	elif [ "$series" = "$stamp" ]; then
		say "WARNING: build/linux has commits not exported to patches/ (building them; run 'make export')"
	else
		die "both patches/ and build/linux changed since the last sync: export the tree ('make export') or discard its commits ('make tree-reset')"
	fi
	[ -z "$dirty" ] || say "WARNING: build/linux has uncommitted edits (building them)"
fi
say "kernel: Linux $(kernel_version) (Debian linux-source-6.12 $(debian_source_version)), tree $(git -C "$TREE" log -1 --format='%h %s')"
