package server

import "net/http"

type chartFunc func(r *http.Request) (any, error)
