// Command rehearse is a terminal coach for rehearsing a hard conversation,
// first of all telling your manager that you are leaving.
package main

import (
	_ "embed"
	"fmt"
)

//go:embed scenarios.toml
var defaultScenarios []byte

func main() {
	fmt.Println(len(defaultScenarios))
}
