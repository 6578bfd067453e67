# The two commands a newcomer needs on a fresh Debian 12 machine:
#   make demo   install what is missing, build, run a scripted day on a fresh database
#   make test   install what is missing, build (normal and sanitized), run every test, fuzz briefly
#   make fuzz   build the libFuzzer targets with clang and run each for FUZZ_SECONDS (fuzz/README.md)
.PHONY: demo test deps build build-sanitize build-fuzz fuzz clean

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_DIR ?= build
SAN_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 20

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOP_WERROR=ON >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Debian's clang for libFuzzer; its own folder, so the gcc builds above are untouched.
build-fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOP_FUZZ=ON -DIOP_BUILD_TESTS=OFF -DIOP_BUILD_BENCH=OFF >/dev/null
	cmake --build $(FUZZ_DIR) --target fuzz_all -j $(JOBS)

fuzz: build-fuzz
	scripts/fuzz.sh --bin-dir $(CURDIR)/$(FUZZ_DIR)/fuzz $(FUZZ_SECONDS)

build-sanitize: deps
	cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DIOP_WERROR=ON -DIOP_SANITIZE=ON >/dev/null
	cmake --build $(SAN_DIR) -j $(JOBS)

demo: build
	IOP_BIN=$(CURDIR)/$(BUILD_DIR)/apps/iop/iop examples/day-in-the-life.sh

test: build build-sanitize
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	cd $(SAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)
	$(MAKE) fuzz

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR) $(FUZZ_DIR)
