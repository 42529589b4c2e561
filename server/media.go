package server

import (
	"context"
	"net/http"

	"github.com/baserate/baserate"
)

// MediaIndex is the media engine's index over coded corpora.
// TODO(server): wire the media index once media/index lands.
type MediaIndex interface{}

func bundledMedia() MediaIndex { return nil }

// MediaNaming is how often coverage of an offence family names an origin.
type MediaNaming struct{}

func (s *Server) mediaNaming(ctx context.Context, family string) *MediaNaming { return nil }

func (s *Server) apiMediaIndex(w http.ResponseWriter, r *http.Request) {
	s.writeProblem(w, r, baserate.E("", baserate.KindNotFound, "no media index in this build"))
}
