package server

import (
	"context"
	"errors"
	"sync"

	"github.com/baserate/baserate"
)

// cache keeps computed answers (encoded JSON, CSV, rendered charts) by
// key. Results from the engines are pure functions of the request and the
// store, so they stay valid until the store changes (Flush). When full, an
// arbitrary half is dropped: the key space (offence x year x format) is
// small, and this keeps memory bounded without bookkeeping per hit.
// Concurrent misses for the same key compute once.
type cache struct {
	mu       sync.Mutex
	max      int
	m        map[string]any
	inflight map[string]*call

	// waiting, if set (by tests), is called when a caller has found key
	// in flight and is about to wait for that computation's end.
	waiting func(key string)
}

type call struct {
	done chan struct{}
	val  any
	err  error
}

func newCache(max int) *cache {
	return &cache{max: max, m: make(map[string]any), inflight: make(map[string]*call)}
}

// get returns the value for key, computing it with fn on a miss. Errors
// are not cached. A caller that waited for another's computation of the
// same key computes it itself when that one ended with its own request's
// context (cancelled or past its deadline), which says nothing about
// this request. A panic in fn releases the waiters (with an error) and
// goes on up to the caller.
func (c *cache) get(key string, fn func() (any, error)) (any, error) {
	for {
		c.mu.Lock()
		if v, ok := c.m[key]; ok {
			c.mu.Unlock()
			return v, nil
		}
		if cl, ok := c.inflight[key]; ok {
			c.mu.Unlock()
			if c.waiting != nil {
				c.waiting(key)
			}
			<-cl.done
			if errors.Is(cl.err, context.Canceled) || errors.Is(cl.err, context.DeadlineExceeded) {
				continue
			}
			return cl.val, cl.err
		}
		cl := &call{done: make(chan struct{})}
		c.inflight[key] = cl
		c.mu.Unlock()
		c.compute(key, cl, fn)
		return cl.val, cl.err
	}
}

// compute runs fn for the call cl of key, stores a success and releases
// the waiters, also when fn panics.
func (c *cache) compute(key string, cl *call, fn func() (any, error)) {
	done := false
	defer func() {
		if !done {
			cl.val, cl.err = nil, errComputePanicked
		}
		c.mu.Lock()
		delete(c.inflight, key)
		if cl.err == nil {
			if len(c.m) >= c.max {
				n := 0
				for k := range c.m {
					delete(c.m, k)
					if n++; n >= c.max/2 {
						break
					}
				}
			}
			c.m[key] = cl.val
		}
		c.mu.Unlock()
		close(cl.done)
	}()
	cl.val, cl.err = fn()
	done = true
}

// errComputePanicked is what waiters get when the computation they waited
// for panicked (the panic itself reaches the computing request).
var errComputePanicked = baserate.E("cache", baserate.KindInternal, "the computation of this answer failed")

func (c *cache) flush() {
	c.mu.Lock()
	c.m = make(map[string]any)
	c.mu.Unlock()
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// rawCache maps the raw query of a request to its encoded answer, so that
// a repeated request is answered without parsing its parameters or
// building a key: the lookup is the raw query string itself. It holds
// only successful answers, which also sit in the main cache under their
// canonical key; when full it starts over.
type rawCache struct {
	mu  sync.RWMutex
	max int
	m   map[string]*body
}

func newRawCache(max int) *rawCache { return &rawCache{max: max, m: make(map[string]*body)} }

func (c *rawCache) get(raw string) *body {
	c.mu.RLock()
	b := c.m[raw]
	c.mu.RUnlock()
	return b
}

func (c *rawCache) put(raw string, b *body) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[raw] = b
	c.mu.Unlock()
}

func (c *rawCache) flush() {
	c.mu.Lock()
	clear(c.m)
	c.mu.Unlock()
}
