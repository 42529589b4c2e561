package server

import (
	"context"
	"sync"
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
// not inherit the other request's cancellation.
func TestCacheWaiterIgnoresOthersCancellation(t *testing.T) {
	c := newCache(16)
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
	got := make(chan error, 1)
	go func() {
		v, err := c.get("k", func() (any, error) { return "sheet", nil })
		if err == nil && v != "sheet" {
			t.Errorf("got %v", v)
		}
		got <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the second caller wait on the first
	close(release)
	wg.Wait()
	if err := <-got; err != nil {
		t.Errorf("the waiting request failed with the other's error: %v", err)
	}
}
