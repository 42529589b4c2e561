package baserate

// The vocabulary of the media engine: texts in ([Article]), their coding
// ([Coding]) and the evidence for each decision ([Evidence]). Packages
// media/source, media/detect and media/index speak these types.

// Article is one text to code: a press release, a news item, a court
// release. Only ID and Text are required.
type Article struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Title  string `json:"title,omitempty"`
	Lang   string `json:"lang,omitempty"`   // ISO 639-1: de, en, it, sv; empty = detect
	Date   string `json:"date,omitempty"`   // as published; ISO 8601 preferred
	Source string `json:"source,omitempty"` // the corpus or outlet
	URL    string `json:"url,omitempty"`
}

// Origin codes besides the ISO 3166-1 alpha-2 country codes, as the
// codebook (../shared/data/gold/CODEBOOK.md) defines them.
const (
	OriginForeign   = "FOREIGN"   // only a non-national status is given
	OriginAsylum    = "ASYLUM"    // only a migration, asylum or refugee status is given
	OriginStateless = "STATELESS" // stateless
)

// Offence families of the codebook.
var OffenceFamilies = []string{"violent", "sexual", "property", "fraud", "drugs", "traffic", "immigration", "weapons", "other"}

// Coding is the coding of one text, with the codebook's field names.
type Coding struct {
	ID          string   `json:"id"`
	Crime       bool     `json:"crime"`
	Categories  []string `json:"categories"`
	OriginNamed bool     `json:"origin_named"`
	// SuspectOrigins are the unique, sorted origin codes of suspects.
	SuspectOrigins []string `json:"suspect_origins"`
	// VictimOrigins are the origin codes of victims, witnesses and other
	// persons who are not suspects.
	VictimOrigins []string   `json:"victim_origins"`
	Appearance    bool       `json:"appearance"`
	Evidence      []Evidence `json:"evidence"`
	// Lang is the language the text was coded in.
	Lang string `json:"lang,omitempty"`
	// Source and Date are copied from the article, so that coded texts can
	// be aggregated without the original.
	Source string `json:"source,omitempty"`
	Date   string `json:"date,omitempty"`
}

// Evidence is one decision with what it rests on: the span of the text
// that was matched, the term, the code it gave and, for origins, the role
// the coder assigned and the cue that decided it.
type Evidence struct {
	// Field is the coding field this evidence supports: "crime",
	// "categories", "suspect_origins", "victim_origins", "appearance", or
	// "ignored" for a match that was considered and set aside.
	Field string `json:"field"`
	// Start and End are byte offsets of the match in the text (UTF-8).
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`           // the text of the span
	Term  string `json:"term"`           // the lexicon term that matched (normalized)
	Code  string `json:"code,omitempty"` // origin code or offence family
	// Role is "suspect", "victim", "witness" or "other" for origin
	// evidence.
	Role string `json:"role,omitempty"`
	// Cue is the role cue that decided Role, with its span; empty when the
	// role came from the default.
	Cue      string `json:"cue,omitempty"`
	CueStart int    `json:"cue_start,omitempty"`
	CueEnd   int    `json:"cue_end,omitempty"`
	// Reason says in words why, for people reading an error list.
	Reason string `json:"reason,omitempty"`
}
