#!/usr/bin/env bash
# Pins the base images of the repository's Dockerfiles to the digest their tag names today:
#   FROM eclipse-temurin:17-jdk AS build   becomes   FROM eclipse-temurin:17-jdk@sha256:<digest> AS build
# The tag stays for the reader (and for Renovate, which refreshes both, see renovate.json); Docker pulls the digest,
# so a rebuild gets the same bytes until someone refreshes the pin on purpose. A digest is never written by hand:
# this script asks the registry (the index digest, the same for every platform).
#
#   .ci/pin-digests.sh           pin every FROM that has no digest yet
#   .ci/pin-digests.sh --refresh pin every FROM again to what its tag names now (picks up base image fixes)
#   .ci/pin-digests.sh --check   list the FROM lines without a digest; exit 1 if there are any
#
# Needs a reachable registry and one of crane (go-containerregistry), docker buildx or skopeo. The project's
# development machines reach no image registry, so the Dockerfiles are not pinned yet (docs/deploy.md, 3. The
# images, "What the images are made of"); ContainerImagesTest lists the unpinned ones and fails on any other.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=pin
case "${1:-}" in
  '') ;;
  --refresh) mode=refresh ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--refresh|--check]" >&2; exit 2 ;;
esac

# FROM [--platform=...] image:tag[@sha256:...] [AS stage]: the image reference is the first word after the options.
from_line='^FROM[[:space:]]+(--[^[:space:]]+[[:space:]]+)*([^[:space:]@]+:[^[:space:]@]+)(@sha256:[0-9a-f]{64})?([[:space:]].*)?$'

# The index digest of image:tag, asked of its registry.
digest_of() {
  local ref=$1
  if command -v crane >/dev/null 2>&1; then
    crane digest "$ref"
  elif command -v docker >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1; then
    docker buildx imagetools inspect "$ref" --format '{{json .Manifest}}' \
      | grep -o '"digest":"sha256:[0-9a-f]\{64\}"' | head -1 | cut -d'"' -f4
  elif command -v skopeo >/dev/null 2>&1; then
    # The digest of the raw manifest (the index for a multi-platform image) is what a pull by digest names.
    echo "sha256:$(skopeo inspect --raw "docker://$ref" | sha256sum | cut -d' ' -f1)"
  else
    echo "pin-digests: needs crane, docker buildx or skopeo" >&2
    return 1
  fi
}

unpinned=0
out=
trap 'rm -f "$out"' EXIT
while IFS= read -r dockerfile; do
  out=$(mktemp)
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ $from_line ]]; then
      ref=${BASH_REMATCH[2]}
      pin=${BASH_REMATCH[3]}
      if [ -z "$pin" ]; then
        echo "$dockerfile: unpinned FROM $ref"
        unpinned=$((unpinned + 1))
      fi
      if [ "$mode" = refresh ] || { [ "$mode" = pin ] && [ -z "$pin" ]; }; then
        digest=$(digest_of "$ref")
        [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "pin-digests: no digest for $ref" >&2; exit 1; }
        line=${line/"$ref$pin"/"$ref@$digest"}
        echo "$dockerfile: FROM $ref@$digest"
      fi
    fi
    printf '%s\n' "$line" >>"$out"
  done <"$dockerfile"
  if [ "$mode" = check ]; then rm -f "$out"; else cat "$out" >"$dockerfile"; rm -f "$out"; fi
done < <(git ls-files -- 'Dockerfile' '*/Dockerfile')

if [ "$mode" = check ] && [ "$unpinned" -gt 0 ]; then
  echo "pin-digests: $unpinned FROM line(s) without a digest (run .ci/pin-digests.sh where a registry is reachable)" >&2
  exit 1
fi
