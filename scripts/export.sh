#!/bin/bash
# Export the commits of build/linux on top of the pristine base to patches/,
# with the cover letter text from series/cover-letter.txt. The output is
# stable: re-exporting an unchanged series changes no file.
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "no kernel tree in $TREE: run 'make tree' first"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted edits: commit them first"
base=$(base_commit)
[ -n "$(git -C "$TREE" rev-list "$base"..HEAD)" ] || die "no commits to export"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
GIT_COMMITTER_DATE="2025-01-01T00:00:00Z" git -C "$TREE" format-patch -q \
	--zero-commit --cover-letter --numbered --signature="pfnmap-populate" \
	--subject-prefix="PATCH" -o "$out" "$base"..HEAD
python3 "$TOP/scripts/cover.py" "$TOP/series/cover-letter.txt" "$out/0000-cover-letter.patch"

rm -f "$TOP"/patches/*.patch
cp "$out"/*.patch "$TOP/patches/"
series_patch_ids >"$STAMP"
say "exported $(ls "$TOP"/patches/*.patch | wc -l) file(s) to patches/"
git -C "$TOP" status --short patches
