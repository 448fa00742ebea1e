// Command benchrun runs mediad's scenario benchmarks side by side with the peers a user
// would pick instead, on the same inputs in the same run, and writes bench/results/latest.md
// (a table of medians, ratios, spreads and peak RSS) and bench/results/latest.png (a bar
// chart of the ratios drawn with mediad's own canvas package).
//
// Peers: github.com/fogleman/gg and github.com/disintegration/imaging in this process;
// @napi-rs/canvas (Skia) and node-web-audio-api in one long-lived Node process, timed inside
// it; Chromium's canvas and OfflineAudioContext timed inside the page; vipsthumbnail/vips,
// the ffmpeg command and the mediad CLI as whole processes (wall time, peak RSS from GNU
// time); a running `mediad serve` under concurrent compress requests against one
// vipsthumbnail process per job. The runner installs the Node peers itself (npm install in bench/node) and skips a
// peer that cannot be had, saying why in the table's notes.
//
// Every scenario warms each engine up once, then runs them interleaved — A B C, C B A, … —
// so that load drifting on a shared machine hits all of them alike, and reports the median
// of the repetitions with its spread (half the interquartile range over the median).
//
//	go run ./cmd/benchrun -reps 7            # from bench/peers
//	go run ./cmd/benchrun -only 'poster|star' -reps 5
package main
