// Command materialize writes the held-out set with its texts, rebuilt from
// ../shared, as gold lines shaped like dev.jsonl, for `baserate media eval`.
// The output holds corpus texts: keep it outside the repository.
//
//	go run ./media/heldout/cmd/materialize -shared ../shared > /tmp/heldout.jsonl
//	go run ./media/heldout/cmd/materialize -set heldout2.jsonl -shared ../shared > /tmp/heldout2.jsonl
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/baserate/baserate/media/heldout"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	set := flag.String("set", heldout.Set1, "the set: heldout.jsonl, heldout2.jsonl, heldout3.jsonl, ...")
	flag.Parse()
	gold, err := heldout.LoadSet(context.Background(), *shared, *set)
	if err != nil {
		fmt.Fprintln(os.Stderr, "materialize:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for _, g := range gold {
		if err := enc.Encode(g); err != nil {
			fmt.Fprintln(os.Stderr, "materialize:", err)
			os.Exit(1)
		}
	}
}
