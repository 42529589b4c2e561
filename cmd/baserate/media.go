package main

// cmdMedia groups the media engine's subcommands, each in a file of its own.
var cmdMedia = &command{
	name:  "media",
	short: "code crime texts for suspects' named origin and measure over-representation",
	usage: "baserate media <code|eval|index> [flags]",
	subs:  []*command{cmdMediaCode, cmdMediaEval, cmdMediaIndex},
}
