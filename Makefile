# kioskd — the README's two commands are `make run` and `make test`.
# Each installs what is missing first (scripts/install-deps), so a fresh Debian 12 machine needs nothing else.

SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
STATE_DIR ?= state
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test test-swift bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

# Runs the demonstration kiosk: emulated devices, sandbox backends, SQLite in ./state, UI on http://127.0.0.1:8080/;
# pcscd with a virtual social-security card and a cupsd with the kioskpdf queue when installed (scripts/run-simulation).
run: build
	STATE_DIR=$(STATE_DIR) LISTEN=$(LISTEN) KIOSKD=.build/debug/kioskd scripts/run-simulation

# Installs what is missing, starts the services the tests need, and runs every test.
test: deps
	@scripts/run-tests

bench: deps
	$(SWIFT) run -c release kiosk-bench all

clean:
	rm -rf .build $(STATE_DIR) test-output
