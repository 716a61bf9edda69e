# pfnmap-populate: build, boot and test the patch series in patches/.
# The two commands for a new user (as root): `make test` and `make demo`.
# See README.md.

S := scripts

.PHONY: test demo bench shell check bisect export tree tree-reset clean help

help:
	@echo "make test        build the debug kernel, boot it, run every test (CI)"
	@echo "make demo        build the perf kernel, show MAP_POPULATE on a device mapping"
	@echo "make bench       benchmark populate strategies (perf kernel, one boot)"
	@echo "make shell       boot the debug kernel to an interactive shell"
	@echo "make check       checkpatch --strict, W=1 and sparse on the touched files"
	@echo "make bisect      build every patch of the series on its own"
	@echo "make export      export build/linux's commits to patches/"
	@echo "make tree        (re)create build/linux from the source and patches/"
	@echo "make tree-reset  discard build/linux's commits, re-apply patches/"
	@echo "make clean       remove build/ (the kernel tree with it)"

test:
	$(S)/deps.sh
	$(S)/tree.sh
	$(S)/build.sh debug
	$(S)/run.sh debug test

demo:
	$(S)/deps.sh
	$(S)/tree.sh
	$(S)/build.sh perf
	SHOW='^# ' $(S)/run.sh perf demo 900

bench:
	$(S)/deps.sh gnuplot-nox
	$(S)/tree.sh
	$(S)/build.sh perf
	$(S)/bench.sh

shell:
	$(S)/deps.sh
	$(S)/tree.sh
	$(S)/build.sh debug
	$(S)/run.sh debug shell

check:
	$(S)/deps.sh
	$(S)/tree.sh
	$(S)/check.sh

bisect:
	$(S)/deps.sh
	$(S)/tree.sh
	$(S)/bisect.sh

export:
	$(S)/export.sh

tree:
	$(S)/deps.sh
	$(S)/tree.sh

tree-reset:
	$(S)/tree.sh --reset

clean:
	rm -rf build
