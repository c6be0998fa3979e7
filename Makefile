# For developers used to make: each target runs the same-named command of
# ./lyssna.sh, the entry point the README names (it needs only bash).
#   make run | test | test-fast | build | bench | compare-r | clean
# PORT, BIND, DATA and JOBS pass through (make run PORT=9000).

PORT ?= 8080
BIND ?= 127.0.0.1
DATA ?= lyssna-data
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test test-fast build bench compare-r clean

run test test-fast build bench compare-r clean:
	PORT=$(PORT) BIND=$(BIND) DATA=$(DATA) JOBS=$(JOBS) ./lyssna.sh $@
