package raster

import (
	"syscall"
	"testing"
	"time"
)

// cpuClock measures the CPU time the process spends (user + system, all
// threads, so garbage collection counts too). On a shared machine wall time
// per op swings with other people's load; CPU time per op does not, so every
// benchmark reports both.
type cpuClock struct{ start time.Duration }

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{processCPU()} }

// report adds cpu-ns/op and returns the CPU seconds per op.
func (c cpuClock) report(b *testing.B) float64 {
	d := processCPU() - c.start
	per := float64(d.Nanoseconds()) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	return per / 1e9
}
