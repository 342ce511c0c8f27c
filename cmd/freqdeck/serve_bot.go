package main

import (
	"context"

	"github.com/freqdeck/freqdeck/server/rpc"
	"github.com/freqdeck/freqdeck/server/rpctest"
)

// newServeBot builds the bot behind `freqdeck serve` and returns a function
// that stops it. Until the dry-run bot (server/dryrun) lands, it is the
// in-memory rpctest fake answering the documented example values; dbPath is
// unused by it.
func newServeBot(_ context.Context, dbPath string) (rpc.Bot, func(), error) {
	_ = dbPath
	return rpctest.New(), func() {}, nil
}
