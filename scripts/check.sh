#!/bin/bash
# Reviewer checks on the series in build/linux:
#  1. scripts/checkpatch.pl --strict on every file in patches/, and every
#     file the series adds covered by a MAINTAINERS entry (other than
#     THE REST; checkpatch only asks whether MAINTAINERS needs updating);
#  2. kernel-doc -Wall on every touched kernel file: no new warnings;
#  3. W=1 and sparse (C=2) on every kernel .c file the series touches:
#     no warning that the same file does not already have in the pristine
#     tree (warnings are compared without line numbers).
# Usage: scripts/check.sh
. "$(dirname "$0")/lib.sh"

fail=0
base=$(base_commit)

# --- 1. checkpatch ----------------------------------------------------------
# UNKNOWN_COMMIT_ID: the tree is Debian's source tarball, without upstream
# history, so checkpatch cannot look up the commit of any Fixes: tag.
# Patches by other authors that we carry keep their upstream tags as they
# were posted: a Reported-by: without Closes:, Cc: stable on a prerequisite.
n=0
for f in $(series_files); do
	n=$((n + 1))
	ignore=FILE_PATH_CHANGES,UNKNOWN_COMMIT_ID
	grep -q "^From: $GIT_AUTHOR_NAME <" "$f" ||
		ignore=$ignore,BAD_REPORTED_BY_LINK,MISSING_FIXES_TAG
	if out=$(cd "$TREE" && scripts/checkpatch.pl --strict -q \
			--ignore "$ignore" "$f" 2>&1) &&
		[ -z "$out" ]; then
		echo "checkpatch: ok   $(basename "$f")"
	else
		echo "checkpatch: FAIL $(basename "$f")"
		echo "$out" | sed 's/^/    /'
		fail=1
	fi
done
[ "$n" -gt 0 ] || echo "checkpatch: no patches in patches/"
for f in $(git -C "$TREE" diff --name-only --diff-filter=A "$base" HEAD); do
	sections=$(cd "$TREE" && scripts/get_maintainer.pl --nogit --nogit-fallback \
		--sections -f "$f" 2>/dev/null | grep -E '^[A-Z0-9][^:]*$' | grep -vx 'THE REST' || true)
	if [ -z "$sections" ]; then
		echo "MAINTAINERS: FAIL $f is not covered by any entry"
		fail=1
	fi
done

# --- 2. kernel-doc of every touched kernel file, against the pristine tree -
kdoc=0
for f in $(git -C "$TREE" diff --name-only --diff-filter=AM "$base" HEAD -- '*.c' '*.h' |
	grep -v -e '^tools/' -e '^samples/'); do
	new=$(cd "$TREE" && scripts/kernel-doc -none -Wall "$f" 2>&1 | sed -E 's/:[0-9]+:/:/' | sort)
	old=""
	if git -C "$TREE" show "$base:$f" >"$BUILD/kdoc-base" 2>/dev/null; then
		old=$(cd "$TREE" && scripts/kernel-doc -none -Wall "$BUILD/kdoc-base" 2>&1 |
			sed -E "s#$BUILD/kdoc-base#$f#; s/:[0-9]+:/:/" | sort)
	fi
	added=$(comm -23 <(echo "$new" | sed '/^$/d') <(echo "$old" | sed '/^$/d'))
	if [ -n "$added" ]; then
		echo "kernel-doc: FAIL $f"
		echo "$added" | sed 's/^/    /'
		fail=1 kdoc=1
	fi
done
rm -f "$BUILD/kdoc-base"
[ "$kdoc" = 1 ] || echo "kernel-doc: ok (no new warnings in the touched files)"

# --- 3. W=1 and sparse on touched files, against the pristine tree ---------
mapfile -t files < <(git -C "$TREE" diff --name-only --diff-filter=AM "$base" HEAD -- '*.c' |
	grep -v -e '^tools/' -e '^Documentation/' -e '^samples/' || true)

# Build the listed objects with W=1 and sparse in $2 (O= dir) from source
# tree $1; print the warnings, normalised (no line/column numbers).
warnings() {
	local src=$1 obj=$2; shift 2
	mkdir -p "$obj"
	cmp -s "$(obj_dir debug)/.config" "$obj/.config" || cp "$(obj_dir debug)/.config" "$obj/.config"
	kmake "$src" "$obj" -s olddefconfig >/dev/null
	kmake "$src" "$obj" -s -k W=1 C=2 "$@" 2>&1 |
		grep -E 'warning:|error:' |
		sed -E 's#^(\.\./)*##; s#^[^ ]*/build/[^/]*/##; s#:[0-9]+:[0-9]+:#:#; s#:[0-9]+:#:#' | sort
}

if [ "${#files[@]}" -gt 0 ]; then
	[ -f "$(obj_dir debug)/.config" ] || die "no debug configuration: run scripts/build.sh debug first"
	objs=()
	for f in "${files[@]}"; do objs+=("${f%.c}.o"); done
	echo "W=1 + sparse on: ${files[*]}"
	new=$(warnings "$TREE" "$BUILD/obj-check" "${objs[@]}")
	# The same objects in the pristine tree (only files that exist there).
	basetree=$BUILD/base-src
	[ -d "$basetree" ] || git -C "$TREE" worktree add -q --detach "$basetree" "$base"
	old_objs=()
	for o in "${objs[@]}"; do [ -f "$basetree/${o%.o}.c" ] && old_objs+=("$o"); done
	old=""
	[ "${#old_objs[@]}" -eq 0 ] || old=$(warnings "$basetree" "$BUILD/obj-check-base" "${old_objs[@]}")
	added=$(comm -23 <(echo "$new" | sed '/^$/d') <(echo "$old" | sed '/^$/d'))
	# In 6.12, __pte_offset_map() takes rcu_read_lock() without a sparse
	# annotation and pte_unmap() releases it, so sparse reports "context
	# imbalance in '<fn>' - unexpected unlock" at rcupdate.h for every
	# function that maps a PTE table (insert_page, insert_pages,
	# insert_pfn, zap_pte_range, follow_page_pte, ... in the pristine
	# tree): listed, not counted as new.
	rcu='^include/linux/rcupdate.h: warning: context imbalance in .* - unexpected unlock$'
	pte_api=$(echo "$added" | grep -E "$rcu" || true)
	added=$(echo "$added" | grep -vE "$rcu" || true)
	if [ -n "$pte_api" ]; then
		echo "W=1/sparse: note, pte_offset_map()/pte_unmap() in new code (known sparse noise):"
		echo "$pte_api" | sed 's/^/    /'
	fi
	if [ -n "$added" ]; then
		echo "W=1/sparse: FAIL, new warnings:"
		echo "$added" | sed 's/^/    /'
		fail=1
	else
		echo "W=1/sparse: ok ($(echo "$old" | sed '/^$/d' | wc -l) pre-existing warning(s) in those files)"
	fi
else
	echo "W=1/sparse: no kernel .c files touched"
fi

[ "$fail" = 0 ] && echo "check: all clean" || { echo "check: FAILED"; exit 1; }
