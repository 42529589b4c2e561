package main

import (
	"encoding/json"
	"flag"
	"os"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
)

// coderFlags are the flags that choose how media code and media eval
// decide roles: the built-in role model (the default), the rules alone,
// or a role model from a file (made by media/detect/cmd/rolemodel -fit).
type coderFlags struct {
	rulesOnly bool
	roleModel string
}

func (cf *coderFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&cf.rulesOnly, "rules-only", false, "decide roles by the rules alone, without the role model")
	fs.StringVar(&cf.roleModel, "role-model", "", "decide roles with the role model in `FILE` instead of the built-in one")
}

// coder builds the coder the flags ask for.
func (cf *coderFlags) coder() (*detect.Coder, error) {
	if cf.rulesOnly && cf.roleModel != "" {
		return nil, usagef("--rules-only and --role-model exclude each other")
	}
	if cf.rulesOnly {
		return detect.NewRules()
	}
	if cf.roleModel == "" {
		return detect.New()
	}
	b, err := os.ReadFile(cf.roleModel)
	if err != nil {
		return nil, baserate.E("media", baserate.KindNotFound, err)
	}
	rm := new(detect.RoleModel)
	if err := json.Unmarshal(b, rm); err != nil {
		return nil, baserate.Invalid(cf.roleModel, 0, "%v", err)
	}
	if err := rm.Check(); err != nil {
		return nil, baserate.Invalid(cf.roleModel, 0, "%v", err)
	}
	c, err := detect.NewRules()
	if err != nil {
		return nil, err
	}
	return c.WithRoleModel(rm), nil
}
