// spiky_service is a Go service whose goroutines are steady for a while and
// then pile up, for spikewatch's end-to-end test against a real
// net/http/pprof: it keeps 20 idle workers (main.idleWorker), and after
// the number of seconds in its second argument starts 2000 goroutines in
// main.leakOne that block forever sending on a channel nobody reads. It
// serves /debug/pprof/ on 127.0.0.1 on a free port, writes the address to
// the file named by its first argument, and exits after the number of
// seconds in its third (default 60): the target dies mid-watch. With a
// fourth argument it listens on that address instead (a restart on the
// same port).
package main

import (
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"time"
)

var (
	sink  = make(chan int) // nobody receives: every send blocks forever
	ticks = make(chan int)
)

func leakOne(i int) { sink <- i }

func idleWorker() {
	for range ticks {
	}
}

func arg(i, def int) int {
	if len(os.Args) > i {
		if v, err := strconv.Atoi(os.Args[i]); err == nil {
			return v
		}
	}
	return def
}

func main() {
	spikeAfter, lifetime := arg(2, 5), arg(3, 60)
	addr := "127.0.0.1:0"
	if len(os.Args) > 4 {
		addr = os.Args[4]
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[1]+".tmp", []byte(l.Addr().String()), 0o644); err != nil {
		panic(err)
	}
	os.Rename(os.Args[1]+".tmp", os.Args[1])
	for i := 0; i < 20; i++ {
		go idleWorker()
	}
	time.AfterFunc(time.Duration(spikeAfter)*time.Second, func() {
		for i := 0; i < 2000; i++ {
			go leakOne(i)
		}
	})
	time.AfterFunc(time.Duration(lifetime)*time.Second, func() { os.Exit(0) })
	http.Serve(l, nil)
}
