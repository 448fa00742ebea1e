# mediad — see README.md. `make run` and `make test` are the two commands that matter.
GO       ?= go
BIN      := bin/mediad
FUZZTIME ?= 30s
REPS     ?= 9
OLD      ?= HEAD~1
NEW      ?= HEAD
ADDR     ?= 127.0.0.1:8080
export CGO_ENABLED := 1

.PHONY: deps deps-test deps-bench build run test test-go bench-once bench bench-compare fuzz golden vet clean

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

# bench/peers is its own module (the product never depends on its peers); -mod=mod lets it
# follow new dependencies of the main module without a manual tidy.
bench-once:
	$(GO) test -count=1 -run '^$$' -bench . -benchtime 1x -timeout 10m ./...
	cd bench/peers && GOFLAGS=-mod=mod $(GO) vet ./... && GOFLAGS=-mod=mod $(GO) test -count=1 ./...

# Full benchmarks with allocation figures, then every scenario side by side with the peers
# (writes bench/results/latest.md and latest.png).
bench: deps-bench
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...
	cd bench/peers && GOFLAGS=-mod=mod $(GO) run ./cmd/benchrun -reps $(REPS)

# benchstat of the Go benchmarks at two commits: make bench-compare OLD=main~3 NEW=HEAD [PKGS=./canvas BENCH=Star]
bench-compare:
	bench/compare.sh $(OLD) $(NEW)

# Longer fuzzing of every fuzz target (FUZZTIME each).
fuzz: deps-test
	@scripts/fuzz.sh $(FUZZTIME)

# Regenerate golden files and browser references.
golden: deps-test
	MAKE_REF=1 $(GO) test -count=1 -run 'Golden|Chromium' ./...

clean:
	rm -rf bin
