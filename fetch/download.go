package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
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
	// Stall is how long a request waits for the server to answer, or
	// for the next bytes of a download, before it gives up (a partial
	// download stays for the next try). Zero means DefaultStall.
	Stall time.Duration
	// Retries is how often a request answered 429 Too Many Requests or
	// 503 Service Unavailable is sent again, after the wait the server
	// asks for with Retry-After (or 2s, 4s, 8s, ... without one). Zero
	// means 3; a negative number means never.
	Retries int
	// MaxWait bounds one such wait: a server that asks for a longer one
	// gets an error saying when to try again. Zero means DefaultMaxWait.
	MaxWait time.Duration
}

// Defaults for the Client's limits. Eurostat may take several minutes
// to start answering for a whole dataset, hence the long stall.
const (
	DefaultStall   = 10 * time.Minute
	DefaultMaxWait = 2 * time.Minute
)

func (c *Client) stall() time.Duration {
	if c.Stall > 0 {
		return c.Stall
	}
	return DefaultStall
}

func (c *Client) retries() int {
	switch {
	case c.Retries < 0:
		return 0
	case c.Retries == 0:
		return 3
	}
	return c.Retries
}

func (c *Client) maxWait() time.Duration {
	if c.MaxWait > 0 {
		return c.MaxWait
	}
	return DefaultMaxWait
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
	// Private names the headers that carry credentials (GENESIS's
	// username and password). A redirect to another host, or from https
	// to http, is refused instead of sending them there.
	Private []string
	// Check, when set, looks at the complete download while it is still
	// at its temporary path, before it is renamed into place: an API that
	// reports errors with status 200 is caught here. An error discards
	// the download and is returned; a file already at the final path is
	// left as it was.
	Check func(path string, res *Result) error
}

// key identifies what a request asks for: two requests with the same URL
// but different bodies (PxWeb queries, GENESIS years) are different
// downloads, and one's part must not be resumed by the other.
func (r Request) key() string {
	m := r.Method
	if m == "" {
		m = http.MethodGet
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", m, r.URL)
	h.Write(r.Body)
	return hex.EncodeToString(h.Sum(nil))
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
	Request      string `json:"request,omitempty"` // Request.key
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// resumable reports whether the part described by m can be continued with
// req: the same request, and a validator for If-Range, without which the
// server could append the rest of a newer version of the file to the
// start of an older one.
func (m partMeta) resumable(req Request) bool {
	return m.URL == req.URL && m.Request == req.key() && (m.ETag != "" || m.LastModified != "")
}

// errStalled is the cause of a request given up by the watchdog.
var errStalled = errors.New("the server sent nothing")

// watchdog cancels a request when the server sends nothing for a while.
type watchdog struct {
	t *time.Timer
	d time.Duration
}

func (w *watchdog) kick()  { w.t.Reset(w.d) }
func (w *watchdog) pause() { w.t.Stop() }

// kickReader resets the watchdog whenever bytes arrive.
type kickReader struct {
	r  io.Reader
	wd *watchdog
}

func (k kickReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 {
		k.wd.kick()
	}
	return n, err
}

// cause explains why a request failed: a stalled server or Ctrl-C rather
// than "context canceled", and without the URL that *url.Error repeats
// (it may hold credentials; the caller names the redacted URL).
func (c *Client) cause(ctx context.Context, err error) error {
	if context.Cause(ctx) == errStalled {
		return fmt.Errorf("%w for %v", errStalled, c.stall())
	}
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// send sends req, with the Range headers of a resumed download, and
// answers 429 and 503 by waiting as the server asks and sending it again.
// The response's body is read through the watchdog.
// A 429 or 503 still there after the retries is returned with a note
// saying how long the server asked to wait.
func (c *Client) send(ctx context.Context, req Request, wd *watchdog, name string, have int64, meta partMeta) (resp *http.Response, note string, err error) {
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	hc := c.redirectPolicy(req)
	for try := 0; ; try++ {
		var body io.Reader
		if req.Body != nil {
			body = bytes.NewReader(req.Body)
		}
		hr, err := http.NewRequestWithContext(ctx, method, req.URL, body)
		if err != nil {
			return nil, "", baserate.E("fetch", baserate.KindInvalid, fmt.Errorf("%s: %w", redact(req.URL), c.cause(ctx, err)))
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
			c.log().Debug("resuming", "url", redact(req.URL), "have", have)
		}
		wd.kick()
		resp, err = hc.Do(hr)
		if err != nil {
			return nil, "", baserate.E("fetch", baserate.KindOther, fmt.Errorf("%s: %w", redact(req.URL), c.cause(ctx, err)))
		}
		// The headers are an answer: the body gets a whole Stall of its
		// own, not what the wait for the headers left of one.
		wd.kick()
		resp.Body = struct {
			io.Reader
			io.Closer
		}{kickReader{resp.Body, wd}, resp.Body}
		if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
			return resp, "", nil
		}
		wait, asked := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !asked {
			wait = 2 * time.Second << try
		}
		if try >= c.retries() || wait > c.maxWait() {
			if asked {
				// The caller reports the status and body; say when to
				// come back.
				return resp, fmt.Sprintf(" (the server asks to wait %v; try again later)", wait), nil
			}
			return resp, "", nil
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		wd.pause()
		c.log().Debug("server busy, waiting", "url", redact(req.URL), "status", resp.StatusCode, "wait", wait)
		if c.Progress != nil {
			fmt.Fprintf(c.Progress, "%s: %s, trying again in %v\n", name, resp.Status, wait)
		}
		select {
		case <-ctx.Done():
			return nil, "", baserate.E("fetch", baserate.KindOther, fmt.Errorf("%s: %w", redact(req.URL), context.Cause(ctx)))
		case <-time.After(wait):
		}
	}
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		if n > 1<<31 {
			n = 1 << 31
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// redirectPolicy returns the HTTP client with a check on redirects: a
// POST that a 301, 302 or 303 would turn into a GET without its query is
// refused (the server would answer something else, such as PxWeb's
// metadata, which would be saved as the table), and so is a redirect that
// would carry the request's private headers to another host or over
// plain http.
func (c *Client) redirectPolicy(req Request) *http.Client {
	base := c.http()
	hc := *base
	hc.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		first := via[0]
		if r.Method != first.Method {
			return fmt.Errorf("the server redirects the %s to %s, which would turn it into a %s without its query; use that URL", first.Method, redact(r.URL.String()), r.Method)
		}
		if len(req.Private) > 0 && (!strings.EqualFold(r.URL.Host, first.URL.Host) || first.URL.Scheme == "https" && r.URL.Scheme != "https") {
			return fmt.Errorf("the server redirects to %s; the credentials are not sent to another host or over plain http", redact(r.URL.String()))
		}
		if base.CheckRedirect != nil {
			return base.CheckRedirect(r, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &hc
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
		if b, err := os.ReadFile(metaPath); err == nil && json.Unmarshal(b, &meta) == nil && meta.resumable(req) {
			have = fi.Size()
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	wd := &watchdog{d: c.stall()}
	wd.t = time.AfterFunc(wd.d, func() { cancel(errStalled) })
	defer wd.pause()
	resp, note, err := c.send(ctx, req, wd, filepath.Base(path), have, meta)
	if err != nil {
		return nil, err
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
			res.Bytes, res.Resumed = have, have
			if err := c.finish(req, part, path, res); err != nil {
				return nil, err
			}
			return res, nil
		}
		os.Remove(part)
		os.Remove(metaPath)
		return nil, baserate.E(op, baserate.KindOther, fmt.Sprintf("%s: the server refused to resume; the partial file was removed, try again", redact(req.URL)))
	case resp.StatusCode == http.StatusOK:
		flags |= os.O_TRUNC
		total = resp.ContentLength
	default:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		kind := baserate.KindOther
		switch resp.StatusCode {
		case http.StatusNotFound, http.StatusGone:
			kind = baserate.KindNotFound
		case http.StatusUnauthorized, http.StatusForbidden:
			kind = baserate.KindDenied
		case http.StatusBadRequest:
			kind = baserate.KindInvalid
		case http.StatusRequestEntityTooLarge:
			kind = baserate.KindTooLarge
		}
		return nil, baserate.E(op, kind, fmt.Sprintf("%s: %s%s: %s", redact(req.URL), resp.Status, note, errorBody(b)))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, baserate.E(op, baserate.KindOther, err)
	}
	meta = partMeta{URL: req.URL, Request: req.key(), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
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
	if err == nil {
		// On disk before the rename, so that a crash cannot leave a
		// renamed but empty file.
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// The part stays for the next try.
		return nil, baserate.E(op, baserate.KindOther, fmt.Errorf("%s: interrupted after %d bytes (run again to resume): %w", redact(req.URL), res.Resumed+n, c.cause(ctx, err)))
	}
	res.Bytes = res.Resumed + n
	if total >= 0 && res.Bytes != total {
		return nil, baserate.E(op, baserate.KindOther, fmt.Sprintf("%s: got %d of %d bytes (run again to resume)", redact(req.URL), res.Bytes, total))
	}
	if err := c.finish(req, part, path, res); err != nil {
		return nil, err
	}
	return res, nil
}

// finish checks a complete part and renames it into place.
func (c *Client) finish(req Request, part, path string, res *Result) error {
	if req.Check != nil {
		if err := req.Check(part, res); err != nil {
			os.Remove(part)
			os.Remove(part + ".json")
			return err
		}
	}
	if err := os.Rename(part, path); err != nil {
		return baserate.E("fetch", baserate.KindOther, err)
	}
	os.Remove(part + ".json")
	return nil
}

// errorBody makes an error answer fit on one line of a message: an HTML
// page (a proxy's or a web server's) loses its markup, and runs of white
// space become one space.
func errorBody(b []byte) string {
	t := string(b)
	if lt := strings.ToLower(strings.TrimSpace(t)); strings.HasPrefix(lt, "<!doctype html") || strings.HasPrefix(lt, "<html") {
		if i := strings.Index(lt, "<body"); i >= 0 {
			t = t[i:]
		}
		var sb strings.Builder
		in := false
		for _, r := range t {
			switch {
			case r == '<':
				in = true
				sb.WriteByte(' ')
			case r == '>':
				in = false
			case !in:
				sb.WriteRune(r)
			}
		}
		t = sb.String()
	}
	return strings.Join(strings.Fields(t), " ")
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
