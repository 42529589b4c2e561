package ingest

import (
	"context"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/store"
)

// BundledTables lists the tables of package bundle under the ids the store
// gives them.
var BundledTables = []struct {
	ID   string
	Load func() (*baserate.Table, error)
}{
	{"pks-suspects", bundle.SuspectTotals},
	{"pks-suspects-by-age", bundle.SuspectsByAge},
	{"pks-2024-suspects-by-sex-age", bundle.Suspects2024BySexAge},
	{"destatis-population", bundle.Population},
	{"destatis-population-by-age", bundle.PopulationByAge},
}

// Bundle stores the bundled official tables in st, in one transaction,
// replacing earlier copies.
func Bundle(ctx context.Context, st *store.Store) error {
	return st.Update(ctx, store.UpdateOptions{Replace: true, Origin: "bundle"}, func(tx *store.Tx) error {
		for _, b := range BundledTables {
			t, err := b.Load()
			if err != nil {
				return err
			}
			t = t.Clone()
			t.ID = b.ID
			if t.Source == "" {
				t.Source = bundle.Attribution
			}
			if err := tx.PutTable(t); err != nil {
				return err
			}
		}
		return nil
	})
}
