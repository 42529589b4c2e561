package server

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A computation that panics must not leave its key in flight: the next
// request for the key would wait for ever.
func TestCachePanicReleasesKey(t *testing.T) {
	c := newCache(16)
	func() {
		defer func() { recover() }()
		c.get("k", func() (any, error) { panic("boom") })
	}()
	done := make(chan any, 1)
	go func() {
		v, _ := c.get("k", func() (any, error) { return 42, nil })
		done <- v
	}()
	select {
	case v := <-done:
		if v != 42 {
			t.Errorf("got %v after the panic, want 42", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the key stays in flight after a panic")
	}
}

// A request that waits for another's computation of the same answer does
// not inherit the other request's cancellation: it computes the answer
// itself. The cache's waiting hook tells when the second request has found
// the first's computation in flight, so the first ends only after that.
func TestCacheWaiterIgnoresOthersCancellation(t *testing.T) {
	c := newCache(16)
	waiting := make(chan struct{}, 1)
	c.waiting = func(string) {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}
	started, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.get("k", func() (any, error) {
			close(started)
			<-release
			return nil, context.Canceled // the first client went away
		})
	}()
	<-started
	type result struct {
		v   any
		err error
	}
	got := make(chan result, 1)
	var runs atomic.Int32
	go func() {
		v, err := c.get("k", func() (any, error) {
			runs.Add(1)
			return "sheet", nil
		})
		got <- result{v, err}
	}()
	<-waiting // the second request waits on the first's computation
	close(release)
	wg.Wait()
	r := <-got
	if r.err != nil {
		t.Fatalf("the waiting request failed with the other's error: %v", r.err)
	}
	if r.v != "sheet" || runs.Load() != 1 {
		t.Errorf("the waiting request got %v, its computation ran %d times; want sheet, computed once", r.v, runs.Load())
	}
}
