package fetch

import (
	"context"
	"encoding/json"

	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/baserate/baserate"
)

// Client downloads files. The zero value uses http.DefaultClient, logs
// nothing and shows no progress.
type Client struct {
	// HTTP is the client requests go through; nil means http.DefaultClient.
	HTTP *http.Client
	// Log receives debug messages; nil discards them.
	Log *slog.Logger
	// Progress, when set, receives a one-line progress report, rewritten
	// in place with '\r' at most every 200ms (usually os.Stderr).
	Progress io.Writer
	// UserAgent is sent with every request.
	UserAgent string
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Request describes one download.
type Request struct {
	Method string // GET when empty
	URL    string
	Header http.Header
	// Body is sent with POST requests. Since a resumed download sends
	// the request again, it is a byte slice, not a reader.
	Body []byte
}

// Result says what a download did.
type Result struct {
	Path    string // the file written
	Bytes   int64  // its size
	Resumed int64  // bytes that were already there from an earlier try
	Status  int    // the last HTTP status
	Type    string // the Content-Type of the response
}

// partMeta is stored beside a .part file so a resumed download can check
// that the server still has the same file (If-Range).
type partMeta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// Download fetches req into path. It writes to path+".part" and renames
// it to path when complete, so path never holds a partial file. When a
// .part file is left from an interrupted try, it asks the server for the
// rest (Range, If-Range with the ETag or Last-Modified it saw) and
// appends; a server that ignores the range sends the whole file, which
// replaces the part.
func (c *Client) Download(ctx context.Context, req Request, path string) (*Result, error) {
	const op = "fetch"
	part := path + ".part"
	metaPath := part + ".json"
	var have int64
	var meta partMeta
	if fi, err := os.Stat(part); err == nil {
		if b, err := os.ReadFile(metaPath); err == nil && json.Unmarshal(b, &meta) == nil && meta.URL == req.URL {
			have = fi.Size()
		}
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if req.Body != nil {
		body = strings.NewReader(string(req.Body))
	}
	hr, err := http.NewRequestWithContext(ctx, method, req.URL, body)
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, err)
	}
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	if c.UserAgent != "" {
		hr.Header.Set("User-Agent", c.UserAgent)
	}
	if have > 0 {
		hr.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
		if meta.ETag != "" {
			hr.Header.Set("If-Range", meta.ETag)
		} else if meta.LastModified != "" {
			hr.Header.Set("If-Range", meta.LastModified)
		}
		c.log().Debug("resuming", "url", req.URL, "have", have)
	}
	resp, err := c.http().Do(hr)
	if err != nil {
		return nil, baserate.E(op, baserate.KindOther, fmt.Errorf("%s: %w", redact(req.URL), err))
	}
	defer resp.Body.Close()
	res := &Result{Path: path, Status: resp.StatusCode, Type: resp.Header.Get("Content-Type")}
	total := int64(-1)
	flags := os.O_CREATE | os.O_WRONLY
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		start, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			return nil, baserate.E(op, baserate.KindOther, fmt.Sprintf("%s: the server resumed at %q, not at byte %d", redact(req.URL), resp.Header.Get("Content-Range"), have))
		}
		total = size
		flags |= os.O_APPEND
		res.Resumed = have
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0:
		// The part is already whole.
		if _, size, ok := contentRange(resp.Header.Get("Content-Range")); ok && size == have {
			if err := os.Rename(part, path); err != nil {
				return nil, baserate.E(op, baserate.KindOther, err)
			}
			os.Remove(metaPath)
			res.Bytes, res.Resumed = have, have
			return res, nil
		}
		os.Remove(part)
		return nil, baserate.E(op, baserate.KindOther, fmt.Sprintf("%s: the server refused to resume; the partial file was removed, try again", redact(req.URL)))
	case resp.StatusCode == http.StatusOK:
		flags |= os.O_TRUNC
		total = resp.ContentLength
	default:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		kind := baserate.KindOther
		switch resp.StatusCode {
		case http.StatusNotFound:
			kind = baserate.KindNotFound
		case http.StatusUnauthorized, http.StatusForbidden:
			kind = baserate.KindDenied
		case http.StatusBadRequest:
			kind = baserate.KindInvalid
		}
		return nil, baserate.E(op, kind, fmt.Sprintf("%s: %s: %s", redact(req.URL), resp.Status, strings.TrimSpace(string(b))))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, baserate.E(op, baserate.KindOther, err)
	}
	meta = partMeta{URL: req.URL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if b, err := json.Marshal(meta); err == nil {
		os.WriteFile(metaPath, b, 0o644)
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return nil, baserate.E(op, baserate.KindOther, err)
	}
	pw := &progress{w: c.Progress, name: filepath.Base(path), done: res.Resumed, total: total}
	n, err := io.Copy(f, io.TeeReader(resp.Body, pw))
	pw.finish()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// The part stays for the next try.
		return nil, baserate.E(op, baserate.KindOther, fmt.Errorf("%s: interrupted after %d bytes (run again to resume): %w", redact(req.URL), res.Resumed+n, err))
	}
	res.Bytes = res.Resumed + n
	if total >= 0 && res.Bytes != total {
		return nil, baserate.E(op, baserate.KindOther, fmt.Sprintf("%s: got %d of %d bytes (run again to resume)", redact(req.URL), res.Bytes, total))
	}
	if err := os.Rename(part, path); err != nil {
		return nil, baserate.E(op, baserate.KindOther, err)
	}
	os.Remove(metaPath)
	return res, nil
}

// contentRange parses "bytes 100-199/200" into the start and total size.
func contentRange(s string) (start, size int64, ok bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "bytes"))
	rng, tot, found := strings.Cut(s, "/")
	if !found {
		return 0, 0, false
	}
	size, err := strconv.ParseInt(strings.TrimSpace(tot), 10, 64)
	if err != nil {
		return 0, 0, false
	}
	if strings.TrimSpace(rng) == "*" {
		return 0, size, true
	}
	a, _, _ := strings.Cut(rng, "-")
	start, err = strconv.ParseInt(strings.TrimSpace(a), 10, 64)
	return start, size, err == nil
}

// redact hides credentials in a URL's query for messages.
func redact(u string) string {
	for _, k := range []string{"password=", "token=", "username="} {
		if i := strings.Index(u, k); i >= 0 {
			j := strings.IndexByte(u[i:], '&')
			if j < 0 {
				u = u[:i+len(k)] + "***"
			} else {
				u = u[:i+len(k)] + "***" + u[i+j:]
			}
		}
	}
	return u
}

// progress writes "name: 1.2 MB of 3.4 MB (35%)" lines, rewritten in place.
type progress struct {
	w     io.Writer
	name  string
	done  int64
	total int64
	last  time.Time
	shown bool
}

func (p *progress) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	if p.w != nil && time.Since(p.last) >= 200*time.Millisecond {
		p.show()
	}
	return len(b), nil
}

func (p *progress) show() {
	p.last = time.Now()
	p.shown = true
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %s of %s (%d%%)   ", p.name, size(p.done), size(p.total), p.done*100/p.total)
	} else {
		fmt.Fprintf(p.w, "\r%s: %s   ", p.name, size(p.done))
	}
}

func (p *progress) finish() {
	if p.w == nil {
		return
	}
	p.show()
	fmt.Fprintln(p.w)
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
