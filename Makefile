# The two commands of the README, and a few more for developers.
#   make run     install what is missing, build, start the server with a demo survey
#   make test    install what is missing, build, run the whole test suite, then
#                again built with AddressSanitizer and UndefinedBehaviorSanitizer
#   make test-fast   the suite once, without the sanitizer build
# Everything builds in build/ (tests in build-test/, sanitizers in build-asan/).

PORT ?= 8080
BIND ?= 127.0.0.1
DATA ?= lyssna-data
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: run build test test-fast bench clean

build:
	scripts/install-deps.sh build
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLYSSNA_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build build -j $(JOBS)

run: build
	@mkdir -p $(DATA)
	./build/lyssna --db $(DATA)/lyssna.db demo
	@echo "Open http://$(BIND):$(PORT)/s/trygghet-demo in a browser (Ctrl-C stops the server)."
	./build/lyssna --db $(DATA)/lyssna.db serve --port $(PORT) --bind $(BIND)

test:
	scripts/install-deps.sh test
	scripts/run-tests.sh
	LYSSNA_SANITIZE=1 scripts/run-tests.sh

test-fast:
	scripts/install-deps.sh test
	scripts/run-tests.sh

bench:
	scripts/install-deps.sh bench
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLYSSNA_TESTS=OFF >/dev/null
	cmake --build build -j $(JOBS)
	bench/run-all.sh

clean:
	rm -rf build build-test build-asan
