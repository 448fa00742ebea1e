package codec

//go:generate go run ./internal/mkfixtures -out testdata
