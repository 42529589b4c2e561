package factsheet

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/pks"
	"github.com/baserate/baserate/stat/rate"
)

// Mapping declares how the dimensions and categories of input tables are
// read. Whatever it leaves open is found by name (data/vocabulary.csv),
// by the JSON-stat role (time, geo) or by the categories a dimension has.
type Mapping struct {
	// Roles gives a dimension (by id) a role: RoleYear, RoleOffence,
	// RoleCitizenship, RoleAge, RoleSex, RoleArea, or RoleNone.
	Roles map[string]string
	// Categories maps, per dimension id, category ids to canonical ids:
	// "deutsch", "nichtdeutsch" or "total" for citizenship; "m", "f" or
	// "total" for sex; "total" or an age label for age; "DE" or an area id
	// for area.
	Categories map[string]map[string]string
	// Select fixes a dimension that plays no role to one category.
	Select map[string]string
	// Ages says how age labels "a-b" are read (PKS "0-6" is 0 to under 6,
	// ESP "5-9" is 5 to 9); AgeAuto tells from the labels.
	Ages rate.AgeConvention
	// Rescale scales the population by age of each citizenship to its
	// total from a table without age, as the register of foreigners' age
	// profile is rescaled to the official population estimate.
	Rescale bool
}

// ParseMapping reads mapping entries as the CLI takes them: "DIM=ROLE"
// gives a dimension a role ("-" for none) and "DIM:CAT=ID" maps a
// category; selections are "DIM=CAT". Each entry may hold several,
// separated by commas.
func ParseMapping(maps, selects []string) (Mapping, error) {
	m := Mapping{Roles: map[string]string{}, Categories: map[string]map[string]string{}, Select: map[string]string{}}
	bad := func(format string, args ...any) error {
		return baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf(format, args...))
	}
	for _, entry := range maps {
		for _, kv := range strings.Split(entry, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return m, bad("--map wants DIM=ROLE or DIM:CAT=ID, not %q", kv)
			}
			if dim, cat, isCat := strings.Cut(k, ":"); isCat {
				if dim == "" || cat == "" {
					return m, bad("--map wants DIM:CAT=ID, not %q", kv)
				}
				if m.Categories[dim] == nil {
					m.Categories[dim] = map[string]string{}
				}
				m.Categories[dim][cat] = v
				continue
			}
			if v != RoleNone && !slices.Contains(Roles, v) {
				return m, bad("--map %s: unknown role %q (roles: %s, or - for none)", kv, v, strings.Join(Roles, ", "))
			}
			m.Roles[k] = v
		}
	}
	for _, entry := range selects {
		for _, kv := range strings.Split(entry, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			if !ok || k == "" || v == "" {
				return m, bad("--select wants DIM=CAT, not %q", kv)
			}
			m.Select[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m, nil
}

// Input is a table and the file it was read from (named in errors).
type Input struct {
	File  string
	Table *baserate.Table
}

// TableSource answers fact sheets from tables read from files in any
// format: tables of suspects by year, offence key and citizenship (and
// optionally age, sex and area), and tables of population by year and
// citizenship (and optionally age, sex and area). See [NewTableSource].
type TableSource struct {
	suspects, population []*view
	rescale              bool
}

var _ Source = (*TableSource)(nil)

// NewTableSource reads the roles of the dimensions of every table by m
// and checks them. Suspects tables need a citizenship dimension and should
// have year and offence dimensions; population tables need a citizenship
// dimension and should have a year dimension (a table without one is taken
// to hold the year asked for, with a warning). Several tables may share
// the work, such as T40 (German) and T50 (non-German suspects), or a
// population total from one table and its age structure from another.
// Every other dimension must have one category or be fixed by m.Select.
// A table that has citizenship totals and non-German counts but no German
// ones gives German counts as their difference.
func NewTableSource(suspects, population []Input, m Mapping) (*TableSource, error) {
	if len(suspects) == 0 || len(population) == 0 {
		return nil, baserate.E("factsheet", baserate.KindInvalid, "need at least one table of suspects and one of population")
	}
	ts := &TableSource{rescale: m.Rescale}
	used := map[string]bool{}
	for _, in := range suspects {
		v, err := newView(in, m, "suspects", used)
		if err != nil {
			return nil, err
		}
		ts.suspects = append(ts.suspects, v)
	}
	for _, in := range population {
		v, err := newView(in, m, "population", used)
		if err != nil {
			return nil, err
		}
		if _, ok := v.roles[RoleOffence]; ok {
			return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: a population table with an offence dimension (%q)", in.File, v.dimID(RoleOffence)))
		}
		ts.population = append(ts.population, v)
	}
	var unused []string
	for d := range m.Roles {
		if !used[d] {
			unused = append(unused, "--map "+d+"="+m.Roles[d])
		}
	}
	for d, cats := range m.Categories {
		for c, id := range cats {
			if !used[d+":"+c] {
				unused = append(unused, "--map "+d+":"+c+"="+id)
			}
		}
	}
	for d, c := range m.Select {
		if !used[d] {
			unused = append(unused, "--select "+d+"="+c)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("no input table has the dimension or category named in %s", strings.Join(unused, ", ")))
	}
	return ts, nil
}

// view is an input table with the roles of its dimensions resolved.
type view struct {
	in    Input
	roles map[string]int    // role → dimension position
	canon map[int][]string  // dimension position → canonical id per category ("" unused)
	fixed map[int]int       // dimension position → category position
	free  []int             // dimensions declared to play no role, not fixed
	age   rate.AgePartition // of the age dimension
}

func (v *view) dim(role string) *baserate.Dimension {
	k, ok := v.roles[role]
	if !ok {
		return nil
	}
	return v.in.Table.Dims[k]
}

func (v *view) dimID(role string) string {
	if d := v.dim(role); d != nil {
		return d.ID
	}
	return ""
}

func sample(d *baserate.Dimension) string {
	ids := d.IDs()
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(", ... (%d in all)", len(ids))
	}
	return strings.Join(ids, ", ")
}

func newView(in Input, m Mapping, kind string, used map[string]bool) (*view, error) {
	t := in.Table
	bad := func(format string, args ...any) error {
		return baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: ", in.File)+fmt.Sprintf(format, args...))
	}
	v := &view{in: in, roles: map[string]int{}, canon: map[int][]string{}, fixed: map[int]int{}}
	roleOf := make([]string, len(t.Dims))
	claim := func(k int, role, why string) error {
		if j, ok := v.roles[role]; ok {
			// A dimension with one category says nothing: the other one
			// takes the role.
			if why == "by name" && t.Dims[k].Size() == 1 {
				return nil
			}
			if why == "by name" && t.Dims[j].Size() == 1 && m.Roles[t.Dims[j].ID] == "" {
				roleOf[j] = ""
				v.roles[role], roleOf[k] = k, role
				return nil
			}
			return bad("dimensions %q and %q both look like the %s (%s); say which with --map %s=%s --map %s=-", t.Dims[j].ID, t.Dims[k].ID, role, why, t.Dims[k].ID, role, t.Dims[j].ID)
		}
		v.roles[role], roleOf[k] = k, role
		return nil
	}
	// Declared roles first, then names, JSON-stat roles and categories.
	for k, d := range t.Dims {
		r, ok := m.Roles[d.ID]
		if !ok {
			continue
		}
		used[d.ID] = true
		if r == RoleNone {
			roleOf[k] = RoleNone
			continue
		}
		if err := claim(k, r, "declared"); err != nil {
			return nil, err
		}
	}
	voc := vocabulary()
	for k, d := range t.Dims {
		if roleOf[k] != "" {
			continue
		}
		r := voc.dims[fold(d.ID)]
		if r == "" {
			r = voc.dims[fold(d.Label)]
		}
		if r == "" {
			continue
		}
		if _, taken := v.roles[r]; taken && m.Roles[t.Dims[v.roles[r]].ID] != "" {
			continue // declared elsewhere
		}
		if err := claim(k, r, "by name"); err != nil {
			return nil, err
		}
	}
	for k, d := range t.Dims {
		if roleOf[k] != "" {
			continue
		}
		var r string
		switch {
		case d.Role == baserate.RoleTime:
			r = RoleYear
		case d.Role == baserate.RoleGeo:
			r = RoleArea
		case hasCanon(d, m.Categories[d.ID], RoleCitizenship, "deutsch", "nichtdeutsch"):
			r = RoleCitizenship
		case hasCanon(d, m.Categories[d.ID], RoleSex, "m", "f"):
			r = RoleSex
		}
		if _, taken := v.roles[r]; r == "" || taken {
			continue
		}
		if err := claim(k, r, "by its categories"); err != nil {
			return nil, err
		}
	}
	if _, ok := v.roles[RoleCitizenship]; !ok {
		return nil, bad("no dimension of table %s is the citizenship (dimensions: %s); name it with --map DIM=citizenship and its categories with --map DIM:CAT=deutsch, --map DIM:CAT=nichtdeutsch", t.ID, dimList(t))
	}
	// Dimensions without a role: one category, or fixed by --select.
	for k, d := range t.Dims {
		if roleOf[k] != "" && roleOf[k] != RoleNone {
			if c, ok := m.Select[d.ID]; ok {
				used[d.ID] = true
				return nil, bad("--select %s=%s: dimension %q is the %s; --select is for dimensions with no role", d.ID, c, d.ID, roleOf[k])
			}
			continue
		}
		if c, ok := m.Select[d.ID]; ok {
			used[d.ID] = true
			j := d.Index(c)
			if j < 0 {
				return nil, bad("--select %s=%s: dimension %q has no category %q (it has %s)", d.ID, c, d.ID, c, sample(d))
			}
			v.fixed[k] = j
			continue
		}
		if roleOf[k] == RoleNone && d.Size() > 1 {
			v.free = append(v.free, k) // declared redundant: its categories must not split values
			continue
		}
		if d.Size() != 1 {
			return nil, bad("dimension %q (%d categories: %s) plays no role in a %s table; fix one category with --select %s=%s, or give it a role with --map %s=ROLE (%s)",
				d.ID, d.Size(), sample(d), kind, d.ID, d.Categories[0].ID, d.ID, strings.Join(Roles, ", "))
		}
		v.fixed[k] = 0
	}
	// Canonical categories.
	for role, k := range v.roles {
		d := t.Dims[k]
		explicit := m.Categories[d.ID]
		ids := make([]string, d.Size())
		seen := map[string]string{}
		for j, c := range d.Categories {
			id, ok := explicit[c.ID]
			switch {
			case ok:
				used[d.ID+":"+c.ID] = true
				if err := checkCanon(role, id); err != nil {
					return nil, bad("--map %s:%s=%s: %v", d.ID, c.ID, id, err)
				}
			case role == RoleCitizenship || role == RoleSex || role == RoleArea:
				if id = voc.cats[role][fold(c.ID)]; id == "" {
					id = voc.cats[role][fold(c.Label)]
				}
				if id == "" && role == RoleArea {
					id = c.ID
				}
			default:
				id = c.ID
			}
			if id != "" && role != RoleYear && role != RoleOffence {
				if first, dup := seen[id]; dup {
					return nil, bad("categories %q and %q of dimension %q both mean %q; map one of them with --map %s:CAT=ID", first, c.ID, d.ID, id, d.ID)
				}
				seen[id] = c.ID
			}
			ids[j] = id
		}
		v.canon[k] = ids
	}
	if k, ok := v.roles[RoleAge]; ok {
		labels := v.canon[k]
		p, err := rate.ParseAgeBands(labels, m.Ages)
		if err != nil {
			return nil, bad("dimension %q: %v", t.Dims[k].ID, err)
		}
		v.age = p
		ids := make([]string, len(labels))
		for n, j := range p.Index {
			ids[j] = p.Bands[n].PKSLabel()
		}
		if p.Total >= 0 {
			ids[p.Total] = "total"
		}
		v.canon[k] = ids // overlapping subtotals are left out
	}
	return v, nil
}

// hasCanon reports whether d has categories meaning each of want, by the
// declared mapping explicit or the vocabulary.
func hasCanon(d *baserate.Dimension, explicit map[string]string, role string, want ...string) bool {
	voc := vocabulary()
	found := map[string]bool{}
	for _, c := range d.Categories {
		if id, ok := explicit[c.ID]; ok {
			found[id] = true
			continue
		}
		id := voc.cats[role][fold(c.ID)]
		if id == "" {
			id = voc.cats[role][fold(c.Label)]
		}
		found[id] = true
	}
	for _, w := range want {
		if !found[w] {
			return false
		}
	}
	return true
}

func checkCanon(role, id string) error {
	switch role {
	case RoleCitizenship:
		if id != pks.German && id != pks.NonGerman && id != "total" {
			return fmt.Errorf("citizenship categories map to %s, %s or total", pks.German, pks.NonGerman)
		}
	case RoleSex:
		if id != "m" && id != "f" && id != "total" {
			return fmt.Errorf("sex categories map to m, f or total")
		}
	case RoleYear, RoleOffence:
		return fmt.Errorf("categories of the %s are matched as they are; map the dimension instead", role)
	}
	return nil
}

func dimList(t *baserate.Table) string {
	var s []string
	for _, d := range t.Dims {
		s = append(s, fmt.Sprintf("%s (%d)", d.ID, d.Size()))
	}
	return strings.Join(s, ", ")
}

// part is what one table holds for one citizenship in one query: values
// by sex ("" when the table has no sex dimension) and age ("" when it has
// no age dimension), with "total" for totals.
type part struct {
	v            *view
	vals         map[[2]string]float64
	hasSex       bool
	hasAge       bool
	label, date  string // offence label, year category
	yearAssumed  bool
	areaAssumed  bool
	offenceFixed bool
}

func (p *part) sexTotal() string {
	if p.hasSex {
		return "total"
	}
	return ""
}

func (p *part) ageTotal() string {
	if p.hasAge {
		return "total"
	}
	return ""
}

// value returns the value at sex and age, summing m and f or the age
// bands when the table has no total.
func (p *part) value(sex, age string) (float64, bool) {
	if x, ok := p.vals[[2]string{sex, age}]; ok {
		return x, !math.IsNaN(x)
	}
	if sex == "total" && p.hasSex {
		m, ok1 := p.value("m", age)
		f, ok2 := p.value("f", age)
		return m + f, ok1 && ok2
	}
	if age == "total" && p.hasAge {
		s := 0.0
		for _, b := range p.v.age.Bands {
			x, ok := p.value(sex, b.PKSLabel())
			if !ok {
				return 0, false
			}
			s += x
		}
		return s, true
	}
	return 0, false
}

func (p *part) total() (float64, bool) { return p.value(p.sexTotal(), p.ageTotal()) }

func yearMatch(c baserate.Category, ys string) bool {
	return c.ID == ys || strings.HasPrefix(c.ID, ys+"-") || strings.HasPrefix(c.ID, ys+"M12") || c.Label == ys
}

// collect gathers the cells of v for q by canonical citizenship. A table
// that lacks the year, offence or area asked for gives nothing and says
// why.
func (v *view) collect(q Query) (map[string]*part, string, []baserate.Warning, error) {
	t := v.in.Table
	want := map[int]int{}
	for k, j := range v.fixed {
		want[k] = j
	}
	ys := strconv.Itoa(q.Year)
	base := part{v: v}
	var warns []baserate.Warning
	if d := v.dim(RoleYear); d != nil {
		var hits []int
		for j, c := range d.Categories {
			if yearMatch(c, ys) {
				hits = append(hits, j)
			}
		}
		switch len(hits) {
		case 0:
			return nil, fmt.Sprintf("%s: dimension %q has no category for %d (it has %s)", v.in.File, d.ID, q.Year, sample(d)), nil, nil
		case 1:
		default:
			return nil, "", nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: dimension %q has several categories for %d (%s, %s); keep one with --select or name the year dimension", v.in.File, d.ID, q.Year, d.Categories[hits[0]].ID, d.Categories[hits[1]].ID))
		}
		want[v.roles[RoleYear]] = hits[0]
		base.date = d.Categories[hits[0]].ID
	} else {
		base.yearAssumed = true
		warns = append(warns, baserate.Warning{Code: "input-no-year", Message: fmt.Sprintf("%s has no year dimension; its numbers were taken to be for %d.", v.in.File, q.Year)})
	}
	if d := v.dim(RoleOffence); d != nil {
		j := d.Index(q.Offence)
		if j < 0 {
			return nil, fmt.Sprintf("%s: dimension %q has no offence key %q", v.in.File, d.ID, q.Offence), nil, nil
		}
		want[v.roles[RoleOffence]] = j
		base.label = d.Categories[j].Label
	} else {
		base.offenceFixed = true
	}
	area := q.area()
	if d := v.dim(RoleArea); d != nil {
		ids := v.canon[v.roles[RoleArea]]
		j := -1
		for n, id := range ids {
			if id == area || strings.EqualFold(d.Categories[n].Label, area) {
				j = n
				break
			}
		}
		if j < 0 {
			return nil, fmt.Sprintf("%s: dimension %q has no area %q (it has %s)", v.in.File, d.ID, area, sample(d)), nil, nil
		}
		want[v.roles[RoleArea]] = j
	} else if area != "DE" {
		return nil, fmt.Sprintf("%s has no area dimension (taken to be for Germany, DE)", v.in.File), nil, nil
	}
	ck := v.roles[RoleCitizenship]
	sk, hasSex := v.roles[RoleSex]
	ak, hasAge := v.roles[RoleAge]
	out := map[string]*part{}
	// Walk only the cells of the fixed categories: an odometer over the
	// dimensions that are not fixed.
	pos := make([]int, len(t.Dims))
	var vary []int
	for k := range t.Dims {
		if j, ok := want[k]; ok {
			pos[k] = j
		} else {
			vary = append(vary, k)
		}
	}
	if len(t.Values) == 0 {
		return nil, fmt.Sprintf("%s: the table has no cells", v.in.File), nil, nil
	}
	visit := func(pos []int) error {
		x := t.Values[t.Offset(pos)]
		cit := v.canon[ck][pos[ck]]
		if cit == "" {
			return nil
		}
		var key [2]string
		if hasSex {
			if key[0] = v.canon[sk][pos[sk]]; key[0] == "" {
				return nil
			}
		}
		if hasAge {
			if key[1] = v.canon[ak][pos[ak]]; key[1] == "" {
				return nil
			}
		}
		p := out[cit]
		if p == nil {
			p = &part{}
			*p = base
			p.vals, p.hasSex, p.hasAge = map[[2]string]float64{}, hasSex, hasAge
			out[cit] = p
		}
		if old, dup := p.vals[key]; dup && len(v.free) > 0 {
			if math.IsNaN(x) {
				return nil
			}
			if !math.IsNaN(old) {
				return baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: several values for citizenship %s%s (dimension %q splits them; fix one category with --select)", v.in.File, cit, keyDesc(key), t.Dims[v.free[0]].ID))
			}
		}
		p.vals[key] = x
		return nil
	}
	for {
		if err := visit(pos); err != nil {
			return nil, "", nil, err
		}
		i := len(vary) - 1
		for ; i >= 0; i-- {
			k := vary[i]
			if pos[k]++; pos[k] < t.Dims[k].Size() {
				break
			}
			pos[k] = 0
		}
		if i < 0 {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Sprintf("%s: no cells for citizenship %s or %s", v.in.File, pks.German, pks.NonGerman), nil, nil
	}
	return out, "", warns, nil
}

// gather collects the parts of every view for q, by citizenship, keeping
// tables with and without age apart.
type gathered struct {
	noAge, withAge map[string]*part
	why            []string
	warnings       []baserate.Warning
}

func gather(views []*view, q Query, what string) (*gathered, error) {
	g := &gathered{noAge: map[string]*part{}, withAge: map[string]*part{}}
	for _, v := range views {
		parts, why, warns, err := v.collect(q)
		if err != nil {
			return nil, err
		}
		if why != "" {
			g.why = append(g.why, why)
			continue
		}
		g.warnings = append(g.warnings, warns...)
		for cit, p := range parts {
			dst := g.noAge
			if p.hasAge {
				dst = g.withAge
			}
			if other, dup := dst[cit]; dup {
				return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s of citizenship %s for %d are in both %s and %s; give each once", what, cit, q.Year, other.v.in.File, v.in.File))
			}
			dst[cit] = p
		}
	}
	return g, nil
}

// totals returns the totals of German and non-German, preferring tables
// without age, and deriving German counts as total minus non-German.
func (g *gathered) totals(what string, q Query) (de, nd float64, from map[string]*part, derived bool, err error) {
	from = map[string]*part{}
	get := func(cit string) (float64, bool, error) {
		p := g.noAge[cit]
		if p == nil {
			p = g.withAge[cit]
		}
		if p == nil {
			return 0, false, nil
		}
		x, ok := p.total()
		if !ok {
			return 0, false, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: the %s total of citizenship %s for %d is missing", p.v.in.File, what, cit, q.Year))
		}
		if x < 0 {
			return 0, false, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: negative %s total %v for citizenship %s in %d", p.v.in.File, what, x, cit, q.Year))
		}
		from[cit] = p
		return x, true, nil
	}
	de, okDE, err := get(pks.German)
	if err != nil {
		return
	}
	nd, okND, err := get(pks.NonGerman)
	if err != nil {
		return
	}
	if !okDE && okND {
		var all float64
		var okAll bool
		if all, okAll, err = get("total"); err != nil {
			return
		}
		if okAll {
			de, okDE, derived = all-nd, true, true
			if de < 0 {
				err = baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: fewer %s in all (%v) than non-German (%v) for %d", from["total"].v.in.File, what, all, nd, q.Year))
				return
			}
		}
	}
	if !okDE || !okND {
		var miss []string
		if !okDE {
			miss = append(miss, pks.German)
		}
		if !okND {
			miss = append(miss, pks.NonGerman)
		}
		why := ""
		if len(g.why) > 0 {
			why = " (" + strings.Join(g.why, "; ") + ")"
		}
		err = baserate.E("factsheet", baserate.KindNotFound, fmt.Sprintf("the input tables have no %s of citizenship %s for key %s in %d, area %s%s", what, strings.Join(miss, " and "), q.Offence, q.Year, q.area(), why))
	}
	return
}

// byAge builds a citizenship × [sex ×] age table from the age parts of
// both citizenships, summed into the age bands they share.
func byAge(id string, de, nd *part, withSex bool) (*baserate.Table, error) {
	common, gd, gn, err := rate.CommonAgeBands(de.v.age, nd.v.age)
	if err != nil {
		return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Errorf("the age bands of %s and %s cannot be matched: %w", de.v.in.File, nd.v.in.File, err))
	}
	labels := make([]string, len(common))
	for j, b := range common {
		labels[j] = b.PKSLabel()
	}
	dims := []*baserate.Dimension{baserate.NewDimension("citizenship", pks.German, pks.NonGerman)}
	sexes := []string{""}
	if withSex {
		dims = append(dims, baserate.NewDimension("sex", "m", "f"))
		sexes = []string{"m", "f"}
	}
	dims = append(dims, baserate.NewDimension("age", labels...))
	t := baserate.New(id, dims...)
	off := 0
	for i, p := range []*part{de, nd} {
		groups := [][][]int{gd, gn}[i]
		for _, sex := range sexes {
			s := sex
			if s == "" {
				s = p.sexTotal()
			}
			for j := range common {
				sum := 0.0
				for _, b := range groups[j] {
					label := p.v.age.Bands[b].PKSLabel()
					x, ok := p.value(s, label)
					if !ok {
						return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: no value for sex %s, age %s", p.v.in.File, orAll(s), label))
					}
					if x < 0 {
						return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("%s: negative value %v for sex %s, age %s", p.v.in.File, x, orAll(s), label))
					}
					sum += x
				}
				t.Values[off] = sum
				off++
			}
		}
	}
	return t, nil
}

func keyDesc(k [2]string) string {
	s := ""
	if k[0] != "" {
		s += ", sex " + k[0]
	}
	if k[1] != "" {
		s += ", age " + k[1]
	}
	return s
}

func orAll(s string) string {
	if s == "" || s == "total" {
		return "all"
	}
	return s
}

// sexByAge reports whether p has m and f values for every age band.
func (p *part) sexByAge() bool {
	if !p.hasSex {
		return false
	}
	for _, b := range p.v.age.Bands {
		for _, s := range []string{"m", "f"} {
			if x, ok := p.vals[[2]string{s, b.PKSLabel()}]; !ok || math.IsNaN(x) {
				return false
			}
		}
	}
	return true
}

func describe(p *part) string {
	t := p.v.in.Table
	s := p.v.in.File
	if t.Label != "" {
		s += " (" + t.Label + ")"
	}
	return s
}

// Suspects returns the suspects of q from the input tables.
func (ts *TableSource) Suspects(ctx context.Context, q Query) (*Suspects, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, err := gather(ts.suspects, q, "suspects")
	if err != nil {
		return nil, err
	}
	de, nd, from, derived, err := g.totals("suspects", q)
	if err != nil {
		return nil, err
	}
	s := &Suspects{German: de, NonGerman: nd, Warnings: g.warnings}
	for _, p := range from {
		if s.Label == "" {
			s.Label = p.label
		}
		s.Caveats = baserate.MergeCaveats(s.Caveats, p.v.in.Table.Caveats...)
		if p.offenceFixed {
			s.Warnings = append(s.Warnings, baserate.Warning{Code: "input-no-offence", Message: fmt.Sprintf("%s has no offence dimension; its numbers were taken to be of key %s.", p.v.in.File, q.Offence)})
		}
	}
	if derived {
		s.Warnings = append(s.Warnings, baserate.Warning{Code: "german-derived", Message: fmt.Sprintf("German suspects are all suspects minus non-German suspects (%s).", from["total"].v.in.File)})
	}
	ad, an := g.withAge[pks.German], g.withAge[pks.NonGerman]
	if ad == nil || an == nil {
		s.NoAge = "No age breakdown: the input tables have no suspects by age for both citizenships."
		return s, nil
	}
	if s.ByAge, err = byAge("suspects-by-age", ad, an, false); err != nil {
		return nil, err
	}
	if ad.sexByAge() && an.sexByAge() {
		if s.BySexAge, err = byAge("suspects-by-sex-age", ad, an, true); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Population returns the population for q from the input tables: totals
// from the tables without age where there are any, the structure by age
// (and sex) from those with age.
func (ts *TableSource) Population(ctx context.Context, q Query) (*Population, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, err := gather(ts.population, q, "population")
	if err != nil {
		return nil, err
	}
	de, nd, from, derived, err := g.totals("population", q)
	if err != nil {
		return nil, err
	}
	p := &Population{German: de, NonGerman: nd, Warnings: g.warnings}
	if derived {
		p.Warnings = append(p.Warnings, baserate.Warning{Code: "german-derived", Message: fmt.Sprintf("The German population is the total minus the non-German population (%s).", from["total"].v.in.File)})
	}
	p.Denominator = denominator(from, de, nd, "")
	for _, pt := range from {
		p.Caveats = baserate.MergeCaveats(p.Caveats, pt.v.in.Table.Caveats...)
	}
	ad, an := g.withAge[pks.German], g.withAge[pks.NonGerman]
	if ad == nil || an == nil {
		p.NoStructure = "No age breakdown: the input tables have no population by age for both citizenships, so no age-standardized ratio is given."
		return p, nil
	}
	withSex := ad.sexByAge() && an.sexByAge()
	if p.Structure, err = byAge("population-by-age", ad, an, withSex); err != nil {
		return nil, err
	}
	sums := [2]float64{}
	n := len(p.Structure.Values) / 2
	for i, x := range p.Structure.Values {
		sums[i/n] += x
	}
	totals := [2]float64{de, nd}
	what := "by age"
	if withSex {
		what = "by sex and age"
	}
	var notes []string
	for i, cit := range []string{pks.German, pks.NonGerman} {
		if sums[i] <= 0 {
			return nil, baserate.E("factsheet", baserate.KindInvalid, fmt.Sprintf("the population %s of citizenship %s for %d adds up to %v", what, cit, q.Year, sums[i]))
		}
		if ts.rescale {
			f := totals[i] / sums[i]
			for j := i * n; j < (i+1)*n; j++ {
				p.Structure.Values[j] *= f
			}
			if f != 1 {
				notes = append(notes, fmt.Sprintf("%s %s (%s) rescaled to the total %s", cit, what, count(sums[i]), count(totals[i])))
			}
			continue
		}
		if d := math.Abs(sums[i]-totals[i]) / totals[i]; d > 0.001 {
			p.Warnings = append(p.Warnings, baserate.Warning{Code: "structure-total-differs",
				Message: fmt.Sprintf("The population %s of citizenship %s adds up to %s, %.1f%% off the total %s used for the crude rates; rescale it with --rescale-ages if it is only an age profile.", what, cit, count(sums[i]), 100*(sums[i]-totals[i])/totals[i], count(totals[i]))})
		}
	}
	p.StructureDenominator = denominator(map[string]*part{pks.German: ad, pks.NonGerman: an}, sums[0], sums[1], what)
	if len(notes) > 0 {
		p.StructureDenominator.Description += " " + strings.Join(notes, "; ") + "."
		p.StructureCaveats = append(p.StructureCaveats, baserate.Caveat{Code: "structure-rescaled",
			Message: "The population by age was rescaled to the population total used for the crude rates: " + strings.Join(notes, "; ") + ".",
			Source:  "baserate factsheet --rescale-ages"})
	}
	for _, pt := range []*part{ad, an} {
		p.StructureCaveats = baserate.MergeCaveats(p.StructureCaveats, pt.v.in.Table.Caveats...)
	}
	return p, nil
}

func denominator(from map[string]*part, de, nd float64, what string) Denominator {
	var srcs, dates []string
	for _, cit := range []string{pks.German, pks.NonGerman, "total"} {
		p := from[cit]
		if p == nil {
			continue
		}
		if d := describe(p); !slices.Contains(srcs, d) {
			srcs = append(srcs, d)
		}
		if p.date != "" && !slices.Contains(dates, p.date) {
			dates = append(dates, p.date)
		}
	}
	date := strings.Join(dates, ", ")
	if what != "" {
		what += " "
	}
	desc := fmt.Sprintf("Population %sfrom the input tables: %s Germans and %s non-Germans", what, count(de), count(nd))
	if date != "" {
		desc += " at " + date
	}
	return Denominator{Date: date, Source: strings.Join(srcs, "; "), Description: desc + "."}
}
