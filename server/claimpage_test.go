package server

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baserate/baserate/claim"
)

// The claim parser lists a claim's one nationality as not understood (no
// figure checks it); the page takes it out of what was not understood,
// also from a run of unknown words around it, and marks it apart.
func TestClaimSpans(t *testing.T) {
	for _, c := range []struct {
		text                  string
		unparsed, uncheckable []string
	}{
		{"Syrer begehen die meisten Messerangriffe", nil, []string{"Syrer"}},
		{"Syrians commit most frobnications", []string{"frobnications"}, []string{"Syrians"}},
		{"Frobnicating Syrians, glorbing, commit 40% of rapes", []string{"Frobnicating", "glorbing"}, []string{"Syrians"}},
		{"migrants commit 40% of frobnications", []string{"frobnications"}, nil},
	} {
		cl, err := claim.Parse(c.text)
		if err != nil {
			t.Fatal(err)
		}
		un, nat := claimSpans(cl)
		text := func(ss []claim.Span) []string {
			var out []string
			for _, s := range ss {
				if cl.Text[s.Start:s.End] != s.Text {
					t.Errorf("%q: span %+v does not match the text", c.text, s)
				}
				out = append(out, s.Text)
			}
			return out
		}
		if d := cmp.Diff(c.unparsed, text(un)); d != "" {
			t.Errorf("%q (parser: unparsed %v): not understood (-want +got):\n%s", c.text, cl.Unparsed, d)
		}
		if d := cmp.Diff(c.uncheckable, text(nat)); d != "" {
			t.Errorf("%q: nationality (-want +got):\n%s", c.text, d)
		}
	}
}

// The claim page, server-rendered: the nationality is marked as
// understood but not checkable, with a tooltip saying why.
func TestClaimPageNationality(t *testing.T) {
	ts := testServer(t)
	resp, b := get(t, ts.URL+"/claim?"+url.Values{"text": {"Syrer begehen die meisten Messerangriffe"}}.Encode())
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %s", resp.Status, b)
	}
	page := string(b)
	want := `<mark class="uncheckable" title="understood: one nationality (Syrian), but not checkable: the bundled police data count German and non-German suspects only">Syrer</mark>`
	if !strings.Contains(page, want) {
		t.Errorf("nationality not marked as not checkable; want %s in\n%s", want, excerpt(page, "claim-text"))
	}
	for _, no := range []string{`class="unparsed"`, `id="unparsed"`} {
		if strings.Contains(page, no) {
			t.Errorf("page has %s:\n%s", no, excerpt(page, "claim-text"))
		}
	}
	if !strings.Contains(page, `id="uncheckable"`) || !strings.Contains(page, `data-verdict="uncheckable"`) {
		t.Errorf("no note on the nationality or no uncheckable verdict:\n%s", excerpt(page, "claim-text"))
	}
}

// excerpt returns some of page from the first occurrence of s.
func excerpt(page, s string) string {
	i := max(strings.Index(page, s), 0)
	return page[i:min(len(page), i+1500)]
}

// TestClaimNotesPointRightWay checks that the framing notes, shown in
// "How the framing compares" after the figures, do not send the reader to
// figures "below" them.
func TestClaimNotesPointRightWay(t *testing.T) {
	ts := testServer(t)
	_, b := get(t, ts.URL+"/claim?text="+url.QueryEscape("migrants make up 14% of the population but 41% of suspects"))
	page := string(b)
	fig, frame := strings.Index(page, `id="verdict"`), strings.Index(page, `id="framing"`)
	if fig < 0 || frame < fig {
		t.Fatalf("figures at %d, framing at %d", fig, frame)
	}
	notes := html.UnescapeString(page[frame:])
	for _, w := range []string{"police figures for this claim are for non-German citizens", `the row "Non-German share of the population"`} {
		if !strings.Contains(notes, w) {
			t.Errorf("framing lacks %q", w)
		}
	}
	if strings.Contains(notes, "below") {
		t.Errorf("a note after the figures says 'below':\n%s", notes[:min(len(notes), 2000)])
	}
	if !strings.Contains(page[fig:frame], "Non-German share of the population") {
		t.Error("the table of figures lacks the population share the note points to")
	}
}
