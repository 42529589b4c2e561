package index

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/baserate/baserate"
)

// Blind is the coder's accuracy on hand-coded texts it was not tuned on:
// the pooled first runs of held-out sets From to To (media/heldout), as
// `go run ./media/heldout/cmd/pool -from From -to To` prints them. A test
// in media/heldout checks the figures against the stored first runs.
type Blind struct {
	From              int     `json:"from"`
	To                int     `json:"to"`
	Texts             int     `json:"texts"`
	OriginNamedF1     float64 `json:"origin_named_f1"`
	MicroF1           float64 `json:"micro_f1"`
	VictimPairs       int     `json:"victim_pairs"`
	VictimsAsSuspects int     `json:"victims_as_suspects"`
}

//go:embed blind.json
var blindFile []byte

// BlindAccuracy returns the figures of blind.json.
var BlindAccuracy = sync.OnceValues(func() (Blind, error) {
	var b Blind
	if err := json.Unmarshal(blindFile, &b); err != nil {
		return b, fmt.Errorf("index: blind.json: %w", err)
	}
	if b.Texts <= 0 || b.VictimPairs <= 0 || b.From > b.To {
		return b, fmt.Errorf("index: blind.json: no texts or victim pairs, or sets %d to %d", b.From, b.To)
	}
	return b, nil
})

// CodingCaveats say how far automatic coding is from hand coding, with
// the figures measured on blind sets, and which way its commonest error
// moves the shares. Every media figure carries them, from media index,
// the bundled media table and the dashboard alike, under the same codes:
// media-coding-automatic and media-victims-as-suspects.
func CodingCaveats() ([]baserate.Caveat, error) {
	b, err := BlindAccuracy()
	if err != nil {
		return nil, err
	}
	return []baserate.Caveat{
		{Code: "media-coding-automatic", Message: fmt.Sprintf("Texts are coded automatically. On %d hand-coded texts the coder was not tuned on (held-out sets %d-%d), "+
			"whether a text names a suspect's origin was coded with F1 %.3f and the origin codes with micro-F1 %.3f; errors in detection shift the shares. "+
			"'baserate media eval --gold FILE' measures the coder on a hand-coded sample of your own corpus.", b.Texts, b.From, b.To, b.OriginNamedF1, b.MicroF1),
			Source: "media/heldout/README.md, docs/media.md"},
		{Code: "media-victims-as-suspects", Message: fmt.Sprintf("On those texts, %d of %d origins of victims or witnesses (%.0f%%) were also counted as a suspect's origin. "+
			"This raises the share of crime items that name an origin, and moves the foreign share toward the share foreign among the victims named.", b.VictimsAsSuspects, b.VictimPairs, 100*float64(b.VictimsAsSuspects)/float64(b.VictimPairs)),
			Source: "media/heldout/README.md, docs/media.md"},
	}, nil
}
