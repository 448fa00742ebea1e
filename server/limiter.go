package server

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// limiter bounds work in two stages. Tickets (Jobs+Queue of them) are taken on
// arrival, before the body is read, so at most that many bodies are ever held in
// memory; workers (Jobs of them) are taken just before the operation runs.
type limiter struct {
	tickets chan struct{}
	workers chan struct{}
	jobs    int
	waiting atomic.Int64 // holding a ticket, waiting for a worker
	// avgJob is a moving average of the job duration in nanoseconds, for Retry-After.
	avgJob atomic.Int64
}

var (
	errQueueTimeout = errors.New("no worker became free in time")
)

func newLimiter(jobs, queue int) *limiter {
	return &limiter{
		tickets: make(chan struct{}, jobs+queue),
		workers: make(chan struct{}, jobs),
		jobs:    jobs,
	}
}

// admit takes a ticket without waiting; false means the service is full.
func (l *limiter) admit() bool {
	select {
	case l.tickets <- struct{}{}:
		return true
	default:
		return false
	}
}

func (l *limiter) leave() { <-l.tickets }

// acquire waits for a worker for at most wait, or until ctx ends.
func (l *limiter) acquire(ctx context.Context, wait time.Duration) error {
	select {
	case l.workers <- struct{}{}:
		return nil
	default:
	}
	l.waiting.Add(1)
	defer l.waiting.Add(-1)
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case l.workers <- struct{}{}:
		return nil
	case <-t.C:
		return errQueueTimeout
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// release frees a worker and folds the job's duration into the average.
func (l *limiter) release(d time.Duration) {
	<-l.workers
	old := l.avgJob.Load()
	if old == 0 {
		l.avgJob.Store(int64(d))
	} else {
		l.avgJob.Store(old + (int64(d)-old)/8)
	}
}

func (l *limiter) inFlight() int { return len(l.workers) }

// retryAfter estimates in whole seconds (1..60) when the queue ahead will have
// drained: the waiting jobs times the average job time, spread over the workers.
func (l *limiter) retryAfter() int {
	wait := time.Duration(l.avgJob.Load()) * time.Duration(l.waiting.Load()+1) / time.Duration(l.jobs)
	s := int((wait + time.Second - 1) / time.Second)
	return min(max(s, 1), 60)
}
