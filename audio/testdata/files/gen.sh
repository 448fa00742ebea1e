#!/bin/sh
# Regenerates the small encoded fixtures used by the decoder tests (needs ffmpeg with libmp3lame).
set -e
cd "$(dirname "$0")"
ff="ffmpeg -hide_banner -loglevel error -y"
$ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=0.1" -c:a libmp3lame -b:a 128k sine440-mono-44k.mp3
$ff -f lavfi -i "sine=frequency=1000:sample_rate=48000:duration=0.25" -f lavfi -i "sine=frequency=500:sample_rate=48000:duration=0.25" -filter_complex amerge -c:a libmp3lame -b:a 192k sine-stereo-48k.mp3
$ff -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=0.1" -f lavfi -i "sine=frequency=880:sample_rate=44100:duration=0.1" -filter_complex amerge -c:a flac -sample_fmt s16 sine-stereo-16.flac
$ff -f lavfi -i "sine=frequency=300:sample_rate=48000:duration=0.1" -c:a flac -sample_fmt s32 -bits_per_raw_sample 24 sine-mono-24.flac
