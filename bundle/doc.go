// Package bundle embeds a small subset of the official German tables that
// the fact sheets need, so that baserate answers without ../shared: BKA PKS
// suspects by citizenship, offence key, year and age (1987–2024), PKS 2024
// suspects by sex and age, Destatis population by citizenship (12411) and
// by citizenship, sex and single year of age, per district (2020, 2022)
// suspects, recorded cases, population by citizenship and age group and
// the Deutschlandatlas covariates of the district models, each key's name
// per year and the years a key changed what it counts, the offence
// families of the media codebook mapped to PKS keys, and the caveats that
// concern these data, each with its source.
//
// The files under data/ are derived from the originals by the generator in
// bundle/gen (see data/PROVENANCE.md); the tests check them against the
// originals. The data are under the Datenlizenz Deutschland – Namensnennung
// 2.0 (data/LICENSE.md), which asks for attribution.
//
// The whole data directory is embedded, so other packages may add their
// own subfolders (data/media is the media engine's).
package bundle
