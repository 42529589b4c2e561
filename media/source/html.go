package source

import (
	"context"
	"errors"
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
	if errors.Is(err, ErrNoText) {
		// One page, one record: with --keep-going the other pages are read.
		return baserate.Article{}, &RecordError{Err: &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: h.name, Offset: -1, Err: err}}}
	}
	if err != nil {
		return baserate.Article{}, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: h.name, Offset: 0, Err: err})
	}
	a.ID, a.Source = h.name, h.opt.Source
	if a.Lang == "" {
		a.Lang = h.opt.Lang
	}
	return a, nil
}

// ErrNoText is the error of a page in which no article text was found (an
// empty page, or one with nothing readable in its body).
var ErrNoText = errors.New("no article text found (an empty page, or no readable text in it)")

// FromHTML reduces an HTML page to its article text with
// go-readability (a port of Mozilla's Readability.js). A page without
// article text gives [ErrNoText].
func FromHTML(r io.Reader, pageURL string) (baserate.Article, error) {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	art, err := readability.FromReader(r, u)
	if err != nil {
		return baserate.Article{}, err
	}
	if art.Node == nil {
		return baserate.Article{}, ErrNoText // readability found no content
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
