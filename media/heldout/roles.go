package heldout

import (
	"context"
	_ "embed"

	"github.com/baserate/baserate"
)

// roles.jsonl holds the role labels: 4,252 crime texts (7,480 mentions)
// in which the coder found at least one origin mention (the coder of
// b92931d for rounds 1-3, of cb387b5 for round 4), drawn in four rounds,
// each from every text left after the sets committed at
// the time and the earlier rounds:
//
//	go run ./media/heldout/cmd/draw -mentions 6 -shared ../shared -out /tmp/mentions.jsonl      # after sets 1-35
//	go run ./media/heldout/cmd/draw -mentions 8 -firstbatch 7 -scale 2.5 -shared ../shared \
//		-exclude /tmp/mentions-1.jsonl,...,/tmp/mentions-6.jsonl -out /tmp/mentions.jsonl      # after sets 1-35
//	go run ./media/heldout/cmd/draw -mentions 8 -firstbatch 15 -scale 2.5 -shared ../shared \
//		-exclude /tmp/mentions-1.jsonl,...,/tmp/mentions-14.jsonl -out /tmp/mentions.jsonl     # after sets 1-39
//	go run ./media/heldout/cmd/draw -mentions 5 -firstbatch 23 -scale 2.5 -shared ../shared \
//		-exclude /tmp/mentions-1.jsonl,...,/tmp/mentions-22.jsonl -out /tmp/mentions.jsonl     # after sets 1-53
//
// (batches of set 14's quotas times 1.25, then 2.5; the Berlin, Bavarian,
// 10kGNAD, Swedish and US corpora have fewer such texts than their
// quotas, so the later batches are Frankfurt and DICE texts), and
// labelled by hand, one engineer per batch: for each mention the coder
// found (its span and code), whether by itself it names the origin of a
// suspect (S), of a victim or witness (V) or neither (N), per
// CODEBOOK.md, without seeing the coder's role; and whether the text is a
// crime report (when not, every mention is N). They train the role model
// and measure nothing. Sets drawn after them do not leave their texts out
// (36 of sets 36-39's texts are among batches 1-14, some of sets 40-43's,
// 72 of sets 44-47's, 99 of sets 48-53's, 66 of sets 54-56's, 78 of sets
// 57-60's, 58 of sets 61-63's, 106 of sets 64-69's, 140 of sets 70-75's,
// 142 of sets 76-81's, 136 of sets 82-87's, 153 of sets 88-93's, 168 of
// sets 94-99's, 153 of sets 100-105's, 148 of sets 106-111's, 276 of
// sets 112-123's, 150 of sets 124-129's, 145 of sets 130-135's, 137 of
// sets 136-141's, 163 of sets 142-147's, 67 of sets 148-150's, 70 of
// sets 151-153's, 162 of sets 154-159's, 146 of sets 160-165's, 99 of
// sets 166-169's, 89 of sets 170-173's, 99 of sets 174-177's, 94 of
// sets 178-181's and 95 of sets 182-185's among the later ones); a set's first run codes those
// texts with a model fitted without them.
//
//go:embed roles.jsonl
var rolesFile []byte

// RoleRef is one text of the role labels.
type RoleRef struct {
	ID       string      `json:"id"` // m<batch>-<n>
	Corpus   string      `json:"corpus"`
	File     string      `json:"file"`
	Ref      string      `json:"ref"`
	Lang     string      `json:"lang"`
	SHA256   string      `json:"sha256"`
	Crime    bool        `json:"crime"`
	Mentions []RoleLabel `json:"mentions"`
	Note     string      `json:"note,omitempty"`
}

// RoleLabel is the label of one origin mention: its byte span in the
// text, the code the coder gave it and the role, "S", "V" or "N".
type RoleLabel struct {
	N     int    `json:"n"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Labelled is a text of the role labels with its article.
type Labelled struct {
	Article baserate.Article
	RoleRef
}

// RoleRefs returns the role labels.
func RoleRefs() ([]RoleRef, error) {
	var out []RoleRef
	err := jsonLines(rolesFile, "roles.jsonl", func(n int, r RoleRef) error {
		if r.ID == "" || r.File == "" || r.Ref == "" || len(r.Mentions) == 0 {
			return baserate.Invalid("roles.jsonl", n, "id, file, ref and mentions are required")
		}
		for _, m := range r.Mentions {
			if m.Label != "S" && m.Label != "V" && m.Label != "N" || m.Start < 0 || m.End <= m.Start {
				return baserate.Invalid("roles.jsonl", n, "mention %d: label %q, span %d-%d", m.N, m.Label, m.Start, m.End)
			}
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// LoadRoles rebuilds the role labels' texts from shared, as LoadSet does.
func LoadRoles(ctx context.Context, shared string) ([]Labelled, error) {
	rs, err := RoleRefs()
	if err != nil {
		return nil, err
	}
	refs := make([]Ref, len(rs))
	for i, r := range rs {
		refs[i] = Ref{ID: r.ID, Corpus: r.Corpus, File: r.File, Ref: r.Ref, Lang: r.Lang, SHA256: r.SHA256}
	}
	arts, err := articles(ctx, shared, refs)
	if err != nil {
		return nil, err
	}
	out := make([]Labelled, len(rs))
	for i, a := range arts {
		out[i] = Labelled{Article: a, RoleRef: rs[i]}
	}
	return out, nil
}
