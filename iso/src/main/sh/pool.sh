#!/bin/sh
# Usage: pool.sh CACHE POOL DEB...
# Fills POOL with the given .debs and every package of the recursive Depends closure of their
# Depends (Recommends not followed) except those every Debian system has (Priority required),
# so it completes even a minbase system, at the versions this host's apt knows, then writes Packages(.gz).
# Downloads (apt-get download, Debian's mirror) go to CACHE and are reused while their SHA-256 matches.
set -eu
cache=$1 pool=$2; shift 2
rm -rf "$pool" && mkdir -p "$cache" "$pool"
roots=$(for d in "$@"; do dpkg-deb -f "$d" Depends; done | tr ',|' '\n\n' | sed 's/(.*)//; s/[[:space:]]//g' \
  | grep -v -e '^blockhost' -e '^$' | LC_ALL=C sort -u)
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances $roots | grep -v -e '^ ' -e '^<' | LC_ALL=C sort -u)
need=$(apt-cache show --no-all-versions $closure | awk '
  /^Package: / { p = $2 } /^Priority: / { pr = $2 }
  /^$/ { if (p != "" && pr != "required") print p; p = ""; pr = "" }
  END { if (p != "" && pr != "required") print p }' | LC_ALL=C sort -u)
# 'URI' file size SHA256:hash, one per package
apt-get download --print-uris $need | tr -d "'" > "$pool.uris"
missing=""
while read -r uri file size hash; do
  if ! [ -f "$cache/$file" ] || ! echo "${hash#SHA256:}  $cache/$file" | sha256sum -c --status; then
    missing="$missing $(echo "$file" | sed 's/_.*//')"
  fi
done < "$pool.uris"
if [ -n "$missing" ]; then
  (cd "$cache" && apt-get download -q $missing)
  for p in $missing; do
    grep " ${p}_" "$pool.uris" | while read -r uri file size hash; do
      echo "${hash#SHA256:}  $cache/$file" | sha256sum -c --status || { echo "pool: $file does not match $hash" >&2; exit 1; }
    done
  done
fi
# pool file names as on the mirror (no epoch), so no Filename needs URL quoting
while read -r uri file size hash; do
  dest=$(echo "$file" | sed 's/_[0-9]*%3a/_/')
  ln -f "$cache/$file" "$pool/$dest" 2>/dev/null || cp "$cache/$file" "$pool/$dest"
  echo "$uri $dest"
done < "$pool.uris" > "$pool.files"
mv "$pool.files" "$pool.uris"
# the index: apt's own records of the downloaded packages (Filename pointed at the pool), then ours
apt-cache show --no-all-versions $need | awk -v uris="$pool.uris" '
  BEGIN { while ((getline l < uris) > 0) { split(l, f, " "); p = f[2]; sub(/_.*/, "", p); file[p] = f[2] } }
  /^Package: / { pkg = $2 }
  /^Filename: / { $0 = "Filename: ./" file[pkg] }
  { print }' > "$pool/Packages"
rm -f "$pool.uris"
ours=$(mktemp -d) && cp "$@" "$ours/" && cp "$@" "$pool/"
(cd "$ours" && dpkg-scanpackages . /dev/null 2>/dev/null) >> "$pool/Packages"
rm -rf "$ours"
gzip -9nc "$pool/Packages" > "$pool/Packages.gz"
echo "pool: $(ls "$pool" | grep -c '\.deb$') packages, $(du -sm "$pool" | cut -f1) MiB"
