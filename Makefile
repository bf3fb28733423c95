# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/bootstrap.sh, idempotent) and build incrementally first.

BUILD_DIR := build
WEB_SOURCES := $(shell find web/src web/portal web/public -type f 2>/dev/null) $(wildcard web/*.json web/*.ts web/*.html)

.PHONY: run test build bootstrap cpp web unit clean format

run: build
	@scripts/run.sh

test: build
	@scripts/test.sh

build: bootstrap cpp web

bootstrap:
	@scripts/bootstrap.sh

# Installing comes first even under `make -j`.
cpp web: | bootstrap

cpp:
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake -S . -B $(BUILD_DIR) -G Ninja
	@cmake --build $(BUILD_DIR) -j2

# The web app is rebuilt only when one of its sources changed since the last build.
web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

unit: cpp
	cd $(BUILD_DIR) && ctest --output-on-failure -j2

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h')

clean:
	rm -rf $(BUILD_DIR) web/dist
