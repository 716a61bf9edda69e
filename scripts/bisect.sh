#!/bin/bash
# Build every patch of the series on its own (bisectability): each commit
# of build/linux on top of the base is checked out in build/bisect-src and
# built with the debug configuration (ccache makes repeats cheap).
# Usage: scripts/bisect.sh
. "$(dirname "$0")/lib.sh"

[ -f "$(obj_dir debug)/.config" ] || die "no debug configuration: run scripts/build.sh debug first"
base=$(base_commit)
src=$BUILD/bisect-src obj=$BUILD/obj-bisect
[ -d "$src" ] || git -C "$TREE" worktree add -q --detach "$src" "$base"
mkdir -p "$obj"
fail=0
for c in $(git -C "$TREE" rev-list --reverse "$base"..HEAD); do
	git -C "$src" checkout -q --detach "$c"
	cp "$(obj_dir debug)/.config" "$obj/.config"
	subject=$(git -C "$TREE" log -1 --format=%s "$c")
	if kmake "$src" "$obj" -s olddefconfig bzImage >"$obj/build-$c.log" 2>&1; then
		echo "builds: ok   $subject"
	else
		echo "builds: FAIL $subject (log: $obj/build-$c.log)"
		fail=1
	fi
done
[ "$fail" = 0 ]
