package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	// The tests run the baserate binary, which go test does not see as a
	// dependency; importing what it serves ties the test cache to it.
	_ "github.com/baserate/baserate/claim"
	_ "github.com/baserate/baserate/factsheet"
	_ "github.com/baserate/baserate/server"
	_ "github.com/baserate/baserate/store/ingest"
	_ "github.com/baserate/baserate/web"
)

var updateScreenshots = flag.Bool("screenshots", false, "copy the page screenshots into docs/screenshots")

// baseURL is the address of the server under test, started by TestMain.
var baseURL string

// repoRoot is the module root (the parent of this package's directory).
var repoRoot = func() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}()

// TestMain builds the baserate binary, starts "baserate serve" on a free
// loopback port and runs the tests against it: the real server, as a user
// starts it.
func TestMain(m *testing.M) {
	flag.Parse()
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "baserate-e2e-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "baserate")
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	build := exec.Command(gobin, "build", "-o", bin, "./cmd/baserate")
	build.Dir = repoRoot
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return 0, fmt.Errorf("building baserate: %w", err)
	}
	srv := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return 0, err
	}
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		return 0, err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			srv.Process.Kill()
		}
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`serving (http://\S+?)/ `)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case baseURL = <-urls:
	case <-time.After(60 * time.Second):
		return 0, fmt.Errorf("server did not report its address within 60s")
	}
	code := m.Run()
	if browserCancel != nil {
		browserCancel()
	}
	return code, nil
}

// chromiumPath finds Debian's chromium; in CI its absence fails the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("BASERATE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium is not installed (the browser tests fail instead of skipping when CI is set)")
	return ""
}

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

// browser returns a context for one shared headless Chromium, started with
// the flags this machine needs (no sandbox as root, no background
// networking: the machine has no network) and a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	browserOnce.Do(func() {
		profile, err := os.MkdirTemp("", "baserate-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(exe),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1280, 900),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("force-color-profile", "srgb"),
			chromedp.Flag("hide-scrollbars", true),
		}
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			acancel()
			os.RemoveAll(profile)
			browserErr = fmt.Errorf("starting chromium: %w", err)
			return
		}
		browserCtx = ctx
		browserCancel = func() { cancel(); acancel(); os.RemoveAll(profile) }
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// tab is one browser tab with the console errors and exceptions it saw.
type tab struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel2)
	tb := &tab{ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			switch m.Type {
			case "error", "warning", chromedp.ConsoleException:
				tb.mu.Lock()
				tb.errors = append(tb.errors, string(m.Type)+": "+m.Text+" "+m.URL)
				tb.mu.Unlock()
			}
		}
	}()
	return tb
}

func (tb *tab) consoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errors...)
}

// load navigates to path and waits until the page script has settled
// every chart (body[data-charts]).
func (tb *tab) load(t *testing.T, path string) {
	t.Helper()
	if err := chromedp.Do(tb.ctx,
		chromedp.Navigate(baseURL+path),
		chromedp.WaitReady(`body[data-charts]`),
	); err != nil {
		t.Fatalf("loading %s: %v (console: %q)", path, err, tb.consoleErrors())
	}
}

type pageState struct {
	Charts     string   `json:"charts"`
	Violations string   `json:"violations"`
	Figures    int      `json:"figures"`
	SVGs       int      `json:"svgs"`
	Errors     []string `json:"errors"`
	Sources    int      `json:"sources"`
	Overflow   []string `json:"overflow"`
}

// checkPage asserts what every page must have: every chart rendered as
// SVG, no CSP violation, no console error, and a sources section.
func (tb *tab) checkPage(t *testing.T, path string, wantCharts int) {
	t.Helper()
	js := `({
		charts: document.body.dataset.charts,
		violations: document.body.dataset.cspViolations || "",
		figures: document.querySelectorAll('figure[data-chart]').length,
		svgs: document.querySelectorAll('figure[data-chart][data-rendered=true] .vis svg').length,
		errors: [...document.querySelectorAll('figure[data-chart][data-error]')].map(f => f.id + ': ' + f.dataset.error),
		sources: document.querySelectorAll('footer .sources').length,
		// Texts of a chart's SVG (labels, values, titles) that reach past
		// the SVG's left or right edge are cut off on the page.
		overflow: [...document.querySelectorAll('figure[data-chart][data-rendered=true] .vis svg')].flatMap(svg => {
			const box = svg.getBoundingClientRect();
			return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '').map(t => [t, t.getBoundingClientRect()])
				.filter(([t, r]) => r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5))
				.map(([t, r]) => svg.closest('figure').id + ': "' + t.textContent + '" spans ' + Math.round(r.left - box.left) + '-' + Math.round(r.right - box.left) + ' of ' + Math.round(box.width) + 'px');
		}),
	})`
	state, err := chromedp.Run(tb.ctx, chromedp.Evaluate[pageState](js))
	if err != nil {
		t.Fatal(err)
	}
	if state.Charts != "rendered" {
		t.Errorf("%s: charts %q: %v", path, state.Charts, state.Errors)
	}
	if state.Figures < wantCharts {
		t.Errorf("%s: %d charts, want at least %d", path, state.Figures, wantCharts)
	}
	if state.SVGs != state.Figures {
		t.Errorf("%s: %d of %d charts rendered as SVG", path, state.SVGs, state.Figures)
	}
	if state.Violations != "" {
		t.Errorf("%s: Content-Security-Policy violations:\n%s", path, state.Violations)
	}
	if errs := tb.consoleErrors(); len(errs) > 0 {
		t.Errorf("%s: console errors: %q", path, errs)
	}
	if state.Sources != 1 {
		t.Errorf("%s: no sources section", path)
	}
	for _, o := range state.Overflow {
		t.Errorf("%s: chart text cut off at the SVG's edge: %s", path, o)
	}
}

// screenshot saves a full-page PNG as a test artifact, under
// $BASERATE_E2E_ARTIFACTS (default $TMPDIR/baserate-e2e-screenshots), and
// with -screenshots also into docs/screenshots.
func (tb *tab) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("BASERATE_E2E_ARTIFACTS")
	if dir == "" {
		// Kept after the test, unlike t.TempDir, so a CI run leaves them.
		dir = filepath.Join(os.TempDir(), "baserate-e2e-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", p, len(png))
	if *updateScreenshots && !t.Failed() {
		dst := filepath.Join(repoRoot, "docs", "screenshots", name+".png")
		if err := os.WriteFile(dst, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// getJSON fetches an API path from the server under test.
func getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(baseURL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}
