package main

import (
	"encoding/json"
	"flag"
	"os"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
)

// coderFlags are the flags that choose how media code and media eval
// decide roles and crime: the built-in role and crime models (the
// default), the rules alone, or a role or crime model from a file (made by
// media/detect/cmd/rolemodel -fit or cmd/crimemodel -fit).
type coderFlags struct {
	rulesOnly  bool
	roleModel  string
	crimeModel string
}

func (cf *coderFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&cf.rulesOnly, "rules-only", false, "decide roles and crime by the rules alone, without the role and crime models")
	fs.StringVar(&cf.roleModel, "role-model", "", "decide roles with the role model in `FILE` instead of the built-in one")
	fs.StringVar(&cf.crimeModel, "crime-model", "", "revisit the crime decision with the crime model in `FILE` instead of the built-in one")
}

// coder builds the coder the flags ask for.
func (cf *coderFlags) coder() (*detect.Coder, error) {
	if cf.rulesOnly && (cf.roleModel != "" || cf.crimeModel != "") {
		return nil, usagef("--rules-only excludes --role-model and --crime-model")
	}
	if cf.rulesOnly {
		return detect.NewRules()
	}
	c, err := detect.New()
	if err != nil {
		return nil, err
	}
	if cf.roleModel != "" {
		rm := new(detect.RoleModel)
		if err := readModel(cf.roleModel, rm); err != nil {
			return nil, err
		}
		c = c.WithRoleModel(rm)
	}
	if cf.crimeModel != "" {
		cm := new(detect.CrimeModel)
		if err := readModel(cf.crimeModel, cm); err != nil {
			return nil, err
		}
		c = c.WithCrimeModel(cm)
	}
	return c, nil
}

// readModel decodes the JSON model file name into m and checks that it
// fits the coder; errors name the file.
func readModel(name string, m interface{ Check() error }) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return baserate.E("media", baserate.KindNotFound, err)
	}
	if err := json.Unmarshal(b, m); err != nil {
		return baserate.Invalid(name, 0, "%v", err)
	}
	if err := m.Check(); err != nil {
		return baserate.Invalid(name, 0, "%v", err)
	}
	return nil
}
