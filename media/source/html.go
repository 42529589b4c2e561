package source

import (
	"context"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/baserate/baserate"
)

// htmlReader yields the one article of an HTML page.
type htmlReader struct {
	r    io.Reader
	name string
	opt  Options
	done bool
}

func newHTML(_ context.Context, r io.Reader, name string, opt Options) *htmlReader {
	return &htmlReader{r: r, name: name, opt: opt}
}

func (h *htmlReader) Next() (baserate.Article, error) {
	if h.done {
		return baserate.Article{}, io.EOF
	}
	h.done = true
	a, err := FromHTML(h.r, "")
	if err != nil {
		return baserate.Article{}, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: h.name, Offset: 0, Err: err})
	}
	a.ID, a.Source = h.name, h.opt.Source
	if a.Lang == "" {
		a.Lang = h.opt.Lang
	}
	return a, nil
}

// FromHTML reduces an HTML page to its article text with
// go-readability (a port of Mozilla's Readability.js).
func FromHTML(r io.Reader, pageURL string) (baserate.Article, error) {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	art, err := readability.FromReader(r, u)
	if err != nil {
		return baserate.Article{}, err
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return baserate.Article{}, err
	}
	a := baserate.Article{Text: strings.TrimSpace(b.String()), Title: art.Title(), URL: pageURL}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		a.Date = t.Format("2006-01-02T15:04:05")
	}
	if l := art.Language(); len(l) >= 2 {
		a.Lang = strings.ToLower(l[:2])
	}
	return a, nil
}
