package main

import (
	"fmt"
	"os"

	"rehearse/model"
	"rehearse/scenarios/export"
	"rehearse/scenarios/importmd"
)

func main() {
	sc, ns, err := importmd.ImportFile(os.Args[1], importmd.Options{})
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	for _, n := range ns {
		fmt.Println("NOTICE", n, n.Kept)
	}
	_, ps := model.Compile(sc)
	for _, p := range ps {
		fmt.Println("PROBLEM", p.Message)
	}
	export.WriteTOML(os.Stdout, []model.Scenario{sc})
}
