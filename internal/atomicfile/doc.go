// Package atomicfile writes a file whole or not at all: the content goes
// to a temporary file in the same directory, which is renamed over the
// path only once it is complete, so that a failed or killed writer
// leaves the file as it was.
package atomicfile
