# mediad — see README.md. `make run` and `make test` are the two commands that matter.
GO       ?= go
BIN      := bin/mediad
FUZZTIME ?= 30s
ADDR     ?= 127.0.0.1:8080
export CGO_ENABLED := 1

.PHONY: deps deps-test deps-bench build run test test-go bench-once bench fuzz golden vet clean

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-bench:
	@scripts/deps.sh bench

build: deps
	$(GO) build -o $(BIN) ./cmd/mediad

run: build
	./$(BIN) serve -addr $(ADDR)

# The whole suite: unit, golden, differential (Chromium) and fuzz-seed tests, then every
# benchmark once so none rots.
test: deps-test vet test-go bench-once

vet:
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 -timeout 12m ./...

bench-once:
	$(GO) test -count=1 -run '^$$' -bench . -benchtime 1x -timeout 10m ./...

# Full benchmarks with allocation figures.
bench: deps-bench
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# Longer fuzzing of every fuzz target (FUZZTIME each).
fuzz: deps-test
	@scripts/fuzz.sh $(FUZZTIME)

# Regenerate golden files and browser references.
golden: deps-test
	MAKE_REF=1 $(GO) test -count=1 -run 'Golden|Chromium' ./...

clean:
	rm -rf bin
