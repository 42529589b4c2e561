package server

func (s *Server) enginePageRoutes() {}
