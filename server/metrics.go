package server

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics live in a registry of the Server's own, so two Servers in one process (or
// in one test binary) never collide and an embedder's default registry is left alone.
type serverMetrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	bytesIn   *prometheus.CounterVec
	bytesOut  *prometheus.CounterVec
	pixels    *prometheus.CounterVec
	rejected  *prometheus.CounterVec
	notModify *prometheus.CounterVec
}

func newMetrics(lim *limiter) *serverMetrics {
	m := &serverMetrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_http_requests_total", Help: "HTTP requests answered, by route and status code.",
	}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "mediad_http_request_duration_seconds",
		Help:    "Time from arrival to the end of the answer, by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"route"})
	m.bytesIn = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_http_request_bytes_total", Help: "Request body bytes read, by route.",
	}, []string{"route"})
	m.bytesOut = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_http_response_bytes_total", Help: "Response body bytes written, by route.",
	}, []string{"route"})
	m.pixels = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_decoded_pixels_total", Help: "Pixels of the source images (and rendered canvases) processed, by route.",
	}, []string{"route"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_rejected_total", Help: "Requests refused for capacity: overloaded (429), queue_timeout, timeout, shutting_down (503).",
	}, []string{"reason"})
	m.notModify = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "mediad_not_modified_total", Help: "Requests answered 304 from If-None-Match, by route.",
	}, []string{"route"})
	inFlight := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "mediad_jobs_in_flight", Help: "Operations running on a worker.",
	}, func() float64 { return float64(lim.inFlight()) })
	queued := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "mediad_queue_depth", Help: "Admitted requests waiting for a worker.",
	}, func() float64 { return float64(lim.waiting.Load()) })
	m.reg.MustRegister(m.requests, m.latency, m.bytesIn, m.bytesOut, m.pixels, m.rejected, m.notModify,
		inFlight, queued,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
