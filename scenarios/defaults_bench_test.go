package scenarios_test

import (
	"os"
	"testing"

	"rehearse/scenarios"
)

func BenchmarkParseDefaults(b *testing.B) {
	data, _ := os.ReadFile("../scenarios.toml")
	b.ReportAllocs()
	for range b.N {
		scenarios.Parse("scenarios.toml", data)
	}
}
