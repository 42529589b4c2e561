package main

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/heldout"
)

// The mention draw (-mentions K) is for training, not for measuring: it
// draws K batches of texts in which the coder finds at least one origin
// mention in a crime report, for people to label the role of each mention
// (suspect, victim or witness, neither) without seeing the coder's role.
// Its texts leave out dev.jsonl, every committed set and the -exclude
// draws, so that no set measured blind shares a text with the labels. Per
// batch, the quotas are set 14's times -scale, from one seeded
// permutation per corpus; a corpus short of texts is filled from the
// corpora set 14's fill names.

// mentionSeed seeds the mention draw (every corpus its own stream).
const mentionSeed = 20261400

// mark is one origin mention of a drawn text, numbered from 1.
type mark struct {
	N       int    `json:"n"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Surface string `json:"surface"`
	Code    string `json:"code"`
}

// mentionItem is a drawn text with its mentions and the text with a
// marker ⟦n⟧ after each.
type mentionItem struct {
	item
	Mentions []mark `json:"mentions"`
	Marked   string `json:"marked"`
}

func drawMentions(ctx context.Context, shared string, batches, first int, scale float64, out string, earlier, dev map[string]bool) error {
	c, err := detect.NewRules() // the rules' mentions and crime gate
	if err != nil {
		return err
	}
	news := filepath.Join(shared, "data", "news")
	st := sets[14]
	cands := map[string][]mentionItem{}
	for _, corp := range heldout.Corpora {
		var all []mentionItem
		err := corpusTexts(ctx, news, corp, dev, earlier, nil, func(base item) error {
			art := baserate.Article{ID: base.Ref, Lang: corp.Lang, Source: base.Source, Date: base.Date, Title: base.Title, Text: base.Text}
			cod, rows := c.MentionRows(art)
			if !cod.Crime || len(rows) == 0 {
				return nil
			}
			it := mentionItem{item: base}
			it.Stratum = "mention"
			var b strings.Builder
			last := 0
			for _, r := range rows {
				if r.Start < last {
					continue // overlapping spans: the first one is marked
				}
				n := len(it.Mentions) + 1
				it.Mentions = append(it.Mentions, mark{N: n, Start: r.Start, End: r.End, Surface: base.Text[r.Start:r.End], Code: r.Code})
				b.WriteString(base.Text[last:r.End])
				fmt.Fprintf(&b, "⟦%d⟧", n)
				last = r.End
			}
			b.WriteString(base.Text[last:])
			it.Marked = b.String()
			all = append(all, it)
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%-15s %6d crime texts with an origin mention\n", corp.Name, len(all))
		h := fnv.New64a()
		h.Write([]byte(corp.Name))
		rng := rand.New(rand.NewPCG(mentionSeed, h.Sum64()))
		perm := rng.Perm(len(all))
		shuffled := make([]mentionItem, len(all))
		for i, j := range perm {
			shuffled[i] = all[j]
		}
		cands[corp.Name] = shuffled
	}
	// Each corpus takes its quota for all batches from the front of its
	// permutation; a shortfall is taken from the fill corpora's rest.
	next := map[string]int{}
	drawn := make([][]mentionItem, batches)
	take := func(from string, n, batch int, stratum string) int {
		got := 0
		for got < n && next[from] < len(cands[from]) {
			it := cands[from][next[from]]
			next[from]++
			it.Stratum = stratum
			drawn[batch] = append(drawn[batch], it)
			got++
		}
		return got
	}
	for _, corp := range heldout.Corpora {
		q := int(float64(st.quota[corp.Name])*scale + 0.5)
		for b := range batches {
			short := q - take(corp.Name, q, b, "mention")
			for _, f := range st.fill[corp.Name] {
				if short <= 0 {
					break
				}
				short -= take(f, short, b, "mention (fill for "+corp.Name+")")
			}
		}
	}
	for b := range batches {
		name := fmt.Sprintf("%s-%d.jsonl", strings.TrimSuffix(out, ".jsonl"), first+b)
		w, err := os.Create(name)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		nm := 0
		for i, it := range drawn[b] {
			it.ID = fmt.Sprintf("m%d-%03d", first+b, i+1)
			nm += len(it.Mentions)
			if err := enc.Encode(it); err != nil {
				w.Close()
				return err
			}
		}
		if err := w.Close(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d texts, %d mentions\n", name, len(drawn[b]), nm)
	}
	return nil
}
