package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"baserate": func() { os.Exit(run(context.Background(), os.Args[1:], stdEnv())) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script/*.txtar.
// $SHARED points at ../shared (the real data); scripts that use it must
// not skip in CI.
func TestScripts(t *testing.T) {
	shared, _ := filepath.Abs("../../../shared")
	root, _ := filepath.Abs("../..")
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("ROOT", root)
			return nil
		},
	})
}
