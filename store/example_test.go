package store_test

import (
	"context"
	"fmt"
	"log"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/store"
)

// An update is one transaction: both tables appear together, or neither.
func Example() {
	ctx := context.Background()
	s, err := store.Open(ctx, "", store.Options{}) // "" = in memory
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	pop := baserate.New("pop", baserate.NewDimension("citizenship", "deutsch", "nichtdeutsch"))
	pop.Values = []float64{71347057, 12108988}
	sus := baserate.New("suspects", baserate.NewDimension("citizenship", "deutsch", "nichtdeutsch"))
	sus.Values = []float64{1322571, 694981}
	err = s.Update(ctx, store.UpdateOptions{Origin: "example"}, func(tx *store.Tx) error {
		if err := tx.PutTable(pop); err != nil {
			return err
		}
		return tx.PutTable(sus)
	})
	if err != nil {
		log.Fatal(err)
	}
	t, err := s.Table(ctx, "suspects")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.At("nichtdeutsch"))
	// Output: 694981
}
