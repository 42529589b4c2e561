package source

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/warc"
)

// warcReader yields the HTML pages of a WARC file's response and resource
// records, reduced to article text. It uses the project's WARC reader
// (package format/warc), which reports damage at its byte offset.
type warcReader struct {
	ctx  context.Context
	r    *warc.Reader
	name string
	opt  Options
}

func newWARC(ctx context.Context, r io.Reader, name string, opt Options) *warcReader {
	return &warcReader{ctx: ctx, r: warc.NewReader(r, name), name: name, opt: opt}
}

func (w *warcReader) Next() (baserate.Article, error) {
	for {
		if err := w.ctx.Err(); err != nil {
			return baserate.Article{}, err
		}
		rec, err := w.r.Next()
		if err != nil {
			return baserate.Article{}, err // io.EOF or damage at an offset
		}
		var body io.Reader
		switch rec.Type {
		case "response":
			if !strings.HasPrefix(strings.ToLower(rec.ContentType()), "application/http") {
				continue
			}
			resp, err := http.ReadResponse(bufio.NewReader(rec.Block()), nil)
			if err != nil {
				return baserate.Article{}, &RecordError{Err: baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: w.name, Offset: rec.Offset, Err: err})}
			}
			if !strings.Contains(strings.ToLower(resp.Header.Get("Content-Type")), "html") {
				resp.Body.Close()
				continue
			}
			body = resp.Body
		case "resource":
			if !strings.Contains(strings.ToLower(rec.ContentType()), "html") {
				continue
			}
			body = rec.Block()
		default:
			continue
		}
		a, err := FromHTML(body, rec.TargetURI())
		if err != nil {
			return baserate.Article{}, &RecordError{Err: baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: w.name, Offset: rec.Offset, Err: err})}
		}
		a.ID = rec.TargetURI()
		if a.ID == "" {
			a.ID = rec.ID()
		}
		if a.Date == "" {
			a.Date = normDate(rec.Date())
		}
		a.Source = w.opt.Source
		if a.Lang == "" {
			a.Lang = w.opt.Lang
		}
		return a, nil
	}
}
