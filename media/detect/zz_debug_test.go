package detect

// Local debugging aid (not committed): DBG_FILE=/tmp/me/x.jsonl DBG_IDS=a,b go test ./media/detect -run TestZZDebug -v

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/baserate/baserate/media/lexicon"
	"github.com/baserate/baserate/media/textnorm"
)

func TestZZDebug(t *testing.T) {
	fn := os.Getenv("DBG_FILE")
	if fn == "" {
		t.Skip()
	}
	ids := map[string]bool{}
	for _, s := range strings.Split(os.Getenv("DBG_IDS"), ",") {
		ids[s] = true
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(fn)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ ID, Text, Lang string }
		json.Unmarshal(sc.Bytes(), &a)
		if !ids[a.ID] {
			continue
		}
		s := new(scratch)
		m := c.langs[a.Lang]
		textnorm.Normalize(&s.tx, a.Text, textnorm.Options{Abbrev: m.lx.Abbrev})
		s.hits = m.find(&s.tx, s.hits[:0])
		s.d.reset(m, &s.tx, a.Text, s.hits)
		cod := s.d.code()
		fmt.Printf("=== %s crime=%v\n", a.ID, cod.Crime)
		for _, h := range s.hits {
			k := h.term.Kind
			if k == lexicon.Offence || k == lexicon.NonCrime || (k == lexicon.Role && h.term.Role == "suspect") {
				sp, ep := s.tx.Span(h.t0, h.t1)
				fmt.Printf("  %v %s %q w=%.0f %q\n", k, h.term.Code+h.term.Role, h.term.Form, h.term.Weight, a.Text[sp:ep])
			}
		}
		for _, e := range cod.Evidence {
			fmt.Printf("  ev %s %q %s %s | %s\n", e.Field, e.Text, e.Code, e.Role, e.Reason)
		}
	}
}
