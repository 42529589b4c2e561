// Package districts fits count models across the German districts (Kreise)
// from the bundled data, to answer one question of the migration debate:
// does the foreign share of a district's population predict its recorded
// crime once age structure, urbanization and income are controlled and the
// Länder are compared with themselves?
//
// For a year of the PKS district tables (2020, 2022) and one of their
// offence keys, [Fit] builds the district frame (cases and non-German
// suspects from KR-F-01-T01, residents by nationality and age at the end of
// the previous year from the Regionaldatenbank, settlement area and income
// from the Deutschlandatlas) and fits nested negative binomial (NB2)
// specifications with package stat/glm, standard errors clustered by Land
// (CR1). The result carries the foreign share's incidence-rate ratio in
// each specification, the full model's table, the model of non-German
// suspects per foreign resident, and the caveats that limit what the
// numbers can say. It reads only the bundle; examples/kreise fits the same
// full model from ../shared.
package districts
