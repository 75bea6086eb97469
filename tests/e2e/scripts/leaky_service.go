// leaky_service is a small Go service with all three incident kinds at
// once, for the scripts' test against a real net/http/pprof: it burns CPU
// in main.burnCPU, keeps every buffer main.grow allocates, and starts
// goroutines in main.leakOne that block forever sending on a channel
// nobody reads. It serves /debug/pprof/ on 127.0.0.1 on a free port,
// writes the address to the file named by its first argument, and exits
// after the number of seconds in its second (default 90).
package main

import (
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var (
	mu       sync.Mutex
	retained [][]byte
	sink     = make(chan int) // nobody receives: every send blocks forever
	result   uint64
)

// grow keeps 64 KiB every 20 ms: a heap that grows at every snapshot.
func grow() {
	for {
		mu.Lock()
		retained = append(retained, make([]byte, 64<<10))
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
}

func leakOne(i int) { sink <- i }

// leak starts a goroutine that never ends every 20 ms.
func leak() {
	for i := 0; ; i++ {
		go leakOne(i)
		time.Sleep(20 * time.Millisecond)
	}
}

// burnCPU spins about a third of the time, so the CPU profile has it
// without taking a whole core from the other tests.
func burnCPU() {
	x := uint64(1)
	for {
		end := time.Now().Add(3 * time.Millisecond)
		for time.Now().Before(end) {
			for i := 0; i < 10000; i++ {
				x = x*6364136223846793005 + 1442695040888963407
			}
		}
		atomic.StoreUint64(&result, x)
		time.Sleep(7 * time.Millisecond)
	}
}

func main() {
	runtime.MemProfileRate = 1 // every allocation, so growth is exact
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	lifetime := 90
	if len(os.Args) > 2 {
		lifetime, _ = strconv.Atoi(os.Args[2])
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[1]+".tmp", []byte(l.Addr().String()), 0o644); err != nil {
		panic(err)
	}
	os.Rename(os.Args[1]+".tmp", os.Args[1])
	go grow()
	go leak()
	go burnCPU()
	time.AfterFunc(time.Duration(lifetime)*time.Second, func() { os.Exit(0) })
	http.Serve(l, nil)
}
