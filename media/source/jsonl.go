package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
)

// The keys under which the corpora keep each field, in order of preference.
var (
	textKeys   = []string{"text", "body", "content", "volltext", "description", "News", "full_text"}
	idKeys     = []string{"id", "guid", "file", "link", "url"}
	dateKeys   = []string{"date", "datetime", "published", "published_ts", "Timestamp", "pubDate"}
	titleKeys  = []string{"title", "Ueberschrift", "headline"}
	urlKeys    = []string{"url", "link", "Link"}
	sourceKeys = []string{"source", "county", "organization"}
)

// fields maps a JSON object (or CSV row) to an article.
func toArticle(get func(keys ...string) string, opt Options, n int) baserate.Article {
	pick := func(col string, keys []string) string {
		if col != "" {
			return get(col)
		}
		return get(keys...)
	}
	a := baserate.Article{
		ID:     pick(opt.IDColumn, idKeys),
		Text:   pick(opt.TextColumn, textKeys),
		Title:  pick(opt.TitleColumn, titleKeys),
		Date:   normDate(pick(opt.DateColumn, dateKeys)),
		URL:    get(urlKeys...),
		Lang:   get("lang", "language"),
		Source: get(sourceKeys...),
	}
	if pre := get("preamble"); pre != "" {
		// Swedish police events: preamble and body.
		a.Text = strings.TrimSpace(pre + "\n" + a.Text)
	}
	if a.Source == "" {
		a.Source = opt.Source
	} else if opt.Source != "" && !strings.HasPrefix(a.Source, opt.Source) && get("county") != "" {
		a.Source = opt.Source + "-" + a.Source
	}
	if a.Lang == "" {
		a.Lang = opt.Lang
	}
	if a.ID == "" {
		a.ID = strconv.Itoa(n)
	}
	return a
}

// jsonGetter reads string, number and list-of-string values.
func jsonGetter(m map[string]json.RawMessage) func(keys ...string) string {
	return func(keys ...string) string {
		for _, k := range keys {
			raw, ok := m[k]
			if !ok || len(raw) == 0 || string(raw) == "null" {
				continue
			}
			var s string
			if json.Unmarshal(raw, &s) == nil {
				if s != "" {
					return s
				}
				continue
			}
			var list []string
			if json.Unmarshal(raw, &list) == nil {
				if k == "body" && len(list) > 1 {
					// Bavarian police: headline, paragraphs, unit.
					list = list[1:]
				}
				return strings.Join(list, " ")
			}
			var num json.Number
			if json.Unmarshal(raw, &num) == nil {
				return num.String()
			}
		}
		return ""
	}
}

type jsonlReader struct {
	sc   *bufio.Scanner
	name string
	opt  Options
	line int
	n    int
}

func newJSONL(r io.Reader, name string, opt Options) *jsonlReader {
	sc := NewLineScanner(r)
	return &jsonlReader{sc: sc, name: name, opt: opt}
}

func (j *jsonlReader) Next() (baserate.Article, error) {
	for j.sc.Scan() {
		j.line++
		b := j.sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		j.n++
		if !utf8.Valid(b) {
			return baserate.Article{}, recordErr(j.name, j.line, "invalid UTF-8")
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return baserate.Article{}, recordErr(j.name, j.line, "%v", err)
		}
		a := toArticle(jsonGetter(m), j.opt, j.n)
		if a.Text == "" {
			if err := noText(m, j.opt); err != nil {
				return baserate.Article{}, recordErr(j.name, j.line, "%v", err)
			}
		}
		return a, nil
	}
	if err := j.sc.Err(); err != nil {
		if _, ok := err.(*baserate.Error); ok {
			return baserate.Article{}, fmt.Errorf("%s:%d: %w", j.name, j.line+1, err)
		}
		return baserate.Article{}, baserate.Invalid(j.name, j.line+1, "%v", err)
	}
	return baserate.Article{}, io.EOF
}

// noText says why an object whose text came out empty has none: no text
// key (or not the one --text-column names), or a text key holding null or
// something that is no text (an object, true). It is nil when a text key
// holds an empty text ("text":""), which is coded as given.
func noText(m map[string]json.RawMessage, opt Options) error {
	keys := textKeys
	if opt.TextColumn != "" {
		keys = []string{opt.TextColumn}
	}
	var first string
	for _, k := range keys {
		raw, ok := m[k]
		if !ok {
			continue
		}
		if isText(raw) {
			return nil
		}
		if first == "" {
			first = k
		}
	}
	if first != "" {
		v := []rune(string(bytes.TrimSpace(m[first])))
		if len(v) > 20 {
			v = append(v[:20], []rune("...")...)
		}
		return fmt.Errorf("field %q holds no text: %s", first, string(v))
	}
	if opt.TextColumn != "" {
		return fmt.Errorf("no field %q (--text-column)", opt.TextColumn)
	}
	return fmt.Errorf("no text field (want one of %s)", strings.Join(textKeys, ", "))
}

// isText reports whether a JSON value is one jsonGetter reads as text: a
// string, a list of strings or a number.
func isText(raw json.RawMessage) bool {
	if t := bytes.TrimSpace(raw); len(t) == 0 || string(t) == "null" {
		return false // Unmarshal takes null into anything
	}
	var s string
	var list []string
	var num json.Number
	return json.Unmarshal(raw, &s) == nil || json.Unmarshal(raw, &list) == nil || json.Unmarshal(raw, &num) == nil
}

// jsonArray streams the elements of a top-level JSON array.
type jsonArray struct {
	dec  *json.Decoder
	name string
	opt  Options
	n    int
	done bool
}

func newJSONArray(r io.Reader, name string, opt Options) (*jsonArray, error) {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return nil, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: name, Offset: dec.InputOffset(), Err: err})
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: name, Offset: 0, Err: fmt.Errorf("want a JSON array of objects")})
	}
	return &jsonArray{dec: dec, name: name, opt: opt}, nil
}

func (j *jsonArray) Next() (baserate.Article, error) {
	if j.done || !j.dec.More() {
		j.done = true
		if _, err := j.dec.Token(); err != nil && err != io.EOF {
			return baserate.Article{}, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: j.name, Offset: j.dec.InputOffset(), Err: err})
		}
		return baserate.Article{}, io.EOF
	}
	off := j.dec.InputOffset()
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		// The decoder cannot resynchronize inside an array: the stream ends.
		j.done = true
		return baserate.Article{}, baserate.E("source", baserate.KindInvalid, &baserate.PosError{File: j.name, Offset: off, Path: fmt.Sprintf("$[%d]", j.n), Err: err})
	}
	j.n++
	// The element was read whole: a bad one is a bad record, and the
	// next can be read.
	bad := func(err error) error {
		return &RecordError{Err: &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: j.name, Offset: off, Path: fmt.Sprintf("$[%d]", j.n-1), Err: err}}}
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return baserate.Article{}, bad(fmt.Errorf("want an object, not %s", jsonKind(t)))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return baserate.Article{}, bad(err)
	}
	for _, raw := range m {
		if !utf8.Valid(raw) {
			return baserate.Article{}, bad(fmt.Errorf("invalid UTF-8"))
		}
	}
	a := toArticle(jsonGetter(m), j.opt, j.n)
	if a.Text == "" {
		if err := noText(m, j.opt); err != nil {
			return baserate.Article{}, bad(err)
		}
	}
	return a, nil
}

// jsonKind names the kind of a JSON value that is no object, with the
// value when it is short: "a number (5)", "a string (\"x\")", "null".
func jsonKind(v []byte) string {
	kind := "a number"
	switch {
	case len(v) == 0:
		return "nothing"
	case v[0] == '"':
		kind = "a string"
	case v[0] == '[':
		return "an array"
	case string(v) == "null":
		return "null"
	case string(v) == "true", string(v) == "false":
		kind = "a boolean"
	}
	if len(v) > 20 || !utf8.Valid(v) {
		return kind
	}
	return fmt.Sprintf("%s (%s)", kind, v)
}
