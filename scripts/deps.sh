#!/usr/bin/env bash
# Installs the Debian packages mediad needs, and only those that are missing.
# Idempotent: a second run installs nothing. Usage: scripts/deps.sh [build|test|bench]
#   build  C libraries the cgo codecs link against (libjpeg-turbo, libwebp, FFmpeg) and fonts
#   test   build + the oracles the tests compare against (chromium, ffmpeg, fonts)
#   bench  test + the peers the benchmarks run side by side
set -euo pipefail
mode=${1:-build}

# Fonts are runtime needs: canvas text falls back to them so Latin and Chinese render on a bare machine;
# libopenal-data carries the KEMAR HRTF set the PannerNode loads at run time (LGPL data, not embedded).
build_pkgs=(pkg-config gcc libturbojpeg0-dev libjpeg62-turbo-dev libwebp-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
  fonts-noto-cjk fonts-dejavu-core fonts-noto-color-emoji libopenal-data)
test_pkgs=(chromium ffmpeg)
# Real photographs for the image benchmarks come from a Debian wallpaper package.
# GNU time measures the peers' peak RSS.
bench_pkgs=(libvips-tools plasma-workspace-wallpapers fonts-droid-fallback time nodejs npm)

want=("${build_pkgs[@]}")
case "$mode" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # nodejs/npm may come from outside Debian (e.g. a preinstalled Node); accept the command.
  case "$p" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "deps: no apt-get here; install these packages by hand: ${missing[*]}" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "deps: not root and no sudo; install by hand: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
