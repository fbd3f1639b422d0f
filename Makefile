# Petrel: the two commands of the README, and a few more.
#   make demo   install what is missing, build, code examples/ into demo.db, print a summary
#   make test   install what is missing, build, run every test
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test asan valgrind fuzz bench clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@sh scripts/demo.sh $(BUILD)/petrel

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	cmake -S . -B build-asan -DPETREL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# The tests under valgrind memcheck (slow): no invalid access, no leak.
valgrind: build
	@sh scripts/deps.sh extra valgrind
	sh tests/valgrind.sh $(BUILD) .

clean:
	rm -rf $(BUILD) build-asan build-fuzz demo.db demo.db-wal demo.db-shm demo.jsonl report.html

# libFuzzer targets (clang): builds into build-fuzz and runs each target for
# FUZZ_SECONDS on its seed corpus (copied to build-fuzz/corpus, so the
# committed seeds stay small); crashes land in build-fuzz/crashes (an absolute
# path: fuzz_cli runs the commands in a scratch folder). What the targets
# print is dropped (-close_fd_mask); libFuzzer's and the sanitizers' reports stay.
FUZZ_SECONDS ?= 600
fuzz: deps
	@sh scripts/deps.sh extra clang
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPETREL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz -j $(JOBS)
	@mkdir -p build-fuzz/crashes
	@for t in $$(ls build-fuzz/tests/fuzz | sed -n 's/^fuzz_//p'); do \
	    mkdir -p build-fuzz/corpus/$$t; \
	    cp -n tests/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/ 2>/dev/null || true; \
	    echo "fuzz_$$t for $(FUZZ_SECONDS) s"; \
	    build-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	        -close_fd_mask=3 -artifact_prefix=$(CURDIR)/build-fuzz/crashes/$$t- \
	        -print_final_stats=1 build-fuzz/corpus/$$t \
	        2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" ; \
	done
