// Command firstrun makes a set's rows of firstruns.jsonl from two codings
// of the set by `baserate media code --format jsonl`: one with the
// built-in role model, one with a role model fitted without the set (the
// built-in model was fitted on the role labels, some of whose texts the
// set shares). Texts shared with the labels take the second coding, the
// rest the first.
//
//	go run ./media/heldout/cmd/materialize -set heldout148.jsonl -shared ../shared > /tmp/s148.jsonl
//	go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode all -gate 0.6 -clausegate 0.9 -labels -lexlambda 1 -sets 63 -leaveout 63 -out /tmp/leaveout.json
//	baserate media code --in /tmp/s148.jsonl --format jsonl > /tmp/builtin.jsonl
//	baserate media code --role-model /tmp/leaveout.json --in /tmp/s148.jsonl --format jsonl > /tmp/leaveout.jsonl
//	go run ./media/heldout/cmd/firstrun -set 148 -coder a826f91 -builtin /tmp/builtin.jsonl -leaveout /tmp/leaveout.jsonl >> media/heldout/firstruns.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/baserate/baserate/media/heldout"
)

func main() {
	set := flag.Int("set", 0, "the set's number (1 to the last committed set)")
	coder := flag.String("coder", "", "the commit whose coder made the codings")
	builtin := flag.String("builtin", "", "the set coded with the built-in role model (JSON Lines)")
	leaveout := flag.String("leaveout", "", "the set coded with a role model fitted without it (JSON Lines)")
	flag.Parse()
	if err := run(*set, *coder, *builtin, *leaveout); err != nil {
		fmt.Fprintln(os.Stderr, "firstrun:", err)
		os.Exit(1)
	}
}

func run(set int, coder, builtin, leaveout string) error {
	if set < 1 || set > len(heldout.Sets) {
		return fmt.Errorf("-set %d: the committed sets are 1 to %d", set, len(heldout.Sets))
	}
	if coder == "" || builtin == "" || leaveout == "" {
		return fmt.Errorf("-coder, -builtin and -leaveout are required")
	}
	name := heldout.Sets[set-1]
	refs, err := heldout.RefsOf(name)
	if err != nil {
		return err
	}
	shared, err := heldout.SharedWithLabels(name)
	if err != nil {
		return err
	}
	a, err := codings(builtin, refs)
	if err != nil {
		return err
	}
	b, err := codings(leaveout, refs)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, r := range refs {
		c := a[i]
		if shared[r.ID] {
			c = b[i]
		}
		c.Set, c.ID, c.Coder = set, r.ID, coder
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "firstrun: set %d: %d texts, %d of them shared with the role labels (coded from %s)\n", set, len(refs), len(shared), leaveout)
	return w.Flush()
}

// codings reads a coded set, one line per text of refs in their order.
func codings(path string, refs []heldout.Ref) ([]heldout.FirstRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var out []heldout.FirstRun
	for n := 1; sc.Scan(); n++ {
		var c heldout.FirstRun
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if len(out) >= len(refs) {
			return nil, fmt.Errorf("%s:%d: more lines than the set's %d texts", path, n, len(refs))
		}
		if want := refs[len(out)].ID; c.ID != want {
			return nil, fmt.Errorf("%s:%d: id %q, the set has %q there", path, n, c.ID, want)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(out) != len(refs) {
		return nil, fmt.Errorf("%s: %d lines, the set has %d texts", path, len(out), len(refs))
	}
	return out, nil
}
