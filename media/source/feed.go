package source

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/baserate/baserate"
)

// feedReader yields the items of an RSS, Atom or JSON feed. gofeed parses
// the many dialects of feeds in the wild (RSS 0.9x-2.0, Atom 0.3/1.0,
// broken entities); a feed is one document, so it is parsed whole, but
// feeds are small.
type feedReader struct {
	items []*gofeed.Item
	name  string
	opt   Options
	i     int
}

func newFeed(_ context.Context, r io.Reader, name string, opt Options) (*feedReader, error) {
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: name, Offset: 0, Err: err})
	}
	if opt.Source == "" || opt.Source == corpusName(name) {
		if f.Title != "" {
			opt.Source = f.Title
		}
	}
	if opt.Lang == "" && len(f.Language) >= 2 {
		opt.Lang = strings.ToLower(f.Language[:2])
	}
	return &feedReader{items: f.Items, name: name, opt: opt}, nil
}

func (f *feedReader) Next() (baserate.Article, error) {
	if f.i >= len(f.items) {
		return baserate.Article{}, io.EOF
	}
	it := f.items[f.i]
	f.i++
	body := it.Content
	if body == "" {
		body = it.Description
	}
	text := body
	if strings.Contains(body, "<") {
		if a, err := FromHTML(strings.NewReader("<html><body><article>"+body+"</article></body></html>"), it.Link); err == nil && a.Text != "" {
			text = a.Text
		}
	}
	a := baserate.Article{ID: it.GUID, Title: it.Title, Text: strings.TrimSpace(text), URL: it.Link, Source: f.opt.Source, Lang: f.opt.Lang}
	if a.ID == "" {
		a.ID = it.Link
	}
	if a.ID == "" {
		a.ID = strconv.Itoa(f.i) // the item's number, as for JSON Lines without ids
	}
	if it.PublishedParsed != nil {
		a.Date = it.PublishedParsed.UTC().Format("2006-01-02T15:04:05")
	} else {
		a.Date = normDate(it.Published)
	}
	return a, nil
}
