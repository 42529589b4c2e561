package server

import "net/http"

// Engines are the statistics engines the server presents.
type Engines struct{}

func (s *Server) engineRoutes() []route { return nil }

func (s *Server) enginePageRoutes() {}

type chartFunc func(r *http.Request) (any, error)
