package genesis

import (
	"regexp"
	"slices"

	"github.com/baserate/baserate"
)

// timeForms are the ways GENESIS writes a time ("2023", "2023-12-31",
// "31.12.2023", "2023-12"), each with a function that turns it into a key
// that sorts as the time: year, month and day, zero where not given.
var timeForms = []struct {
	re  *regexp.Regexp
	key func(m []string) string
}{
	{regexp.MustCompile(`^(\d{4})$`), func(m []string) string { return m[1] + "0000" }},
	{regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`), func(m []string) string { return m[1] + m[2] + m[3] }},
	{regexp.MustCompile(`^(\d{2})\.(\d{2})\.(\d{4})$`), func(m []string) string { return m[3] + m[2] + m[1] }},
	{regexp.MustCompile(`^(\d{4})-(\d{2})$`), func(m []string) string { return m[1] + m[2] + "00" }},
}

func timeKey(id string) (string, bool) {
	for _, f := range timeForms {
		if m := f.re.FindStringSubmatch(id); m != nil {
			return f.key(m), true
		}
	}
	return "", false
}

// timeOrder puts the categories of d, a time dimension whose ids all read
// as times, in time order: a GENESIS file lists its rows in any order
// (1989, 1999, 2003, 2021 after 2021), and a time axis out of order draws
// a zigzag. It returns where each old category went, to move the values
// with it, or nil when d is unchanged (not a time dimension, an id that is
// not a time, or already in order). Unlike PX and JSON-stat, a GENESIS
// file declares no order of its own.
func timeOrder(d *baserate.Dimension) []int {
	if d.Role != baserate.RoleTime {
		return nil
	}
	keys := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		k, ok := timeKey(c.ID)
		if !ok {
			return nil
		}
		keys[i] = k
	}
	order := make([]int, len(keys)) // order[new] = old
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	moved := make([]int, len(order)) // moved[old] = new
	same := true
	for n, o := range order {
		moved[o] = n
		same = same && n == o
	}
	if same {
		return nil
	}
	// A clone, not the categories swapped in place: d caches the index of
	// each id, which would go stale.
	nd := d.Clone()
	for n, o := range order {
		nd.Categories[n] = d.Categories[o]
	}
	*d = *nd
	return moved
}
