#!/bin/sh
# Run every pam_web3 test suite (unit, package, pamtester + sshd, fuzz) and
# end with exactly one line "pam: N passed, N failed". Exit 1 on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
B=build
LOGS=$B/test-logs
FUZZ_SECONDS=${FUZZ_SECONDS:-12}
rm -rf "$LOGS" "$B/work" && mkdir -p "$LOGS" "$B/work"

vectors_dir() {
    for d in "${VECTORS_DIR:-}" ../shared/vectors ../../shared/vectors; do
        [ -n "$d" ] && [ -f "$d/ethers/hashes.json" ] && { echo "$d"; return; }
    done
    echo ../shared/vectors # missing: the vector cases fail, never skip
}

suite_unit() {
    "$B/unit-tests" "$PWD/$B/test/pam_web3.so" "$PWD/$B/pam_web3.so" "$(vectors_dir)" "$PWD/$B/work" \
        2>"$LOGS/unit.err"
    grep -v '^unit:' "$LOGS/unit.err" >&2
}

suite_deb() {
    deb=$(ls "$B"/libpam-web3_*.deb 2>/dev/null | head -n1)
    list=$(dpkg-deb -c "$deb" 2>/dev/null)
    ok=1
    for f in security/pam_web3.so ./etc/pam_web3.conf ./etc/ssh/sshd_config.d/pam_web3.conf \
        ./etc/pam.d/web3-auth ./usr/share/doc/libpam-web3/README.md \
        ./usr/share/doc/libpam-web3/pam_web3.8.md; do
        echo "$list" | grep -q "$f" || { echo "  missing $f in $deb" >&2; ok=0; }
    done
    dpkg-deb -f "$deb" Package Depends 2>/dev/null | grep -q "libsecp256k1" || ok=0
    # The packaged module is the production build: no test-only passwd= option inside.
    so=$(echo "$list" | grep -o '\./lib/[^ ]*/security/pam_web3.so')
    dpkg-deb --fsys-tarfile "$deb" | tar -xO "$so" >"$B/work/packaged.so" 2>/dev/null
    [ -s "$B/work/packaged.so" ] || ok=0
    grep -aq 'passwd=' "$B/work/packaged.so" && \
        { echo "  the packaged pam_web3.so has the test-only passwd= option" >&2; ok=0; }
    cmp -s "$B/pam_web3.so" "$B/test/pam_web3.so" && ok=0
    [ $ok = 1 ] && echo "PASS: deb/package_contents" || echo "FAIL: deb/package_contents"
}

# Two builds from the same sources, later in time, give the same bytes (templates reuse it).
suite_deb_reproducible() {
    r1=$(mktemp -d) r2=$(mktemp -d)
    cp "$B/pam_web3.so" "$r1/" && cp "$B/pam_web3.so" "$r2/"
    debian/build-deb.sh "$r1" 0.1.0 >/dev/null && sleep 1 && debian/build-deb.sh "$r2" 0.1.0 >/dev/null
    if cmp -s "$r1"/libpam-web3_*.deb "$r2"/libpam-web3_*.deb; then echo "PASS: deb/reproducible"
    else echo "FAIL: deb/reproducible"; fi
    rm -rf "$r1" "$r2"
}

suite_sys() {
    python3 tests/systest.py "$B" "$B/syswork" 2>"$LOGS/sys.err"
    [ -s "$LOGS/sys.err" ] && sed 's/^/  /' "$LOGS/sys.err" >&2
    return 0
}

# Replay the checked-in seed corpus once (regression), then fuzz briefly.
fuzz_one() {
    f=$1
    if "$B/fuzz/$f" -runs=0 "fuzz/corpus/$f" >"$LOGS/$f.regress" 2>&1; then
        echo "PASS: fuzz/${f}_regression"
    else
        echo "FAIL: fuzz/${f}_regression"
    fi
    mkdir -p "$B/fuzz/corpus-$f" "$B/fuzz/artifacts"
    if "$B/fuzz/$f" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=1024 \
        -artifact_prefix="$B/fuzz/artifacts/$f-" "$B/fuzz/corpus-$f" "fuzz/corpus/$f" \
        >"$LOGS/$f.run" 2>&1; then
        echo "PASS: fuzz/${f}_${FUZZ_SECONDS}s"
    else
        echo "FAIL: fuzz/${f}_${FUZZ_SECONDS}s (see $LOGS/$f.run)"
    fi
}

suite_fuzz() {
    if [ ! -x "$B/fuzz/fuzz_config" ]; then
        echo "SKIP: fuzz/all (clang with libFuzzer not available)"
        return
    fi
    for f in fuzz_config fuzz_signature fuzz_message; do
        fuzz_one "$f" >"$LOGS/$f.result" &
    done
    wait
    cat "$LOGS"/fuzz_*.result
}

{
    suite_unit
    suite_deb
    suite_deb_reproducible
    suite_sys
    suite_fuzz
} | tee "$LOGS/all.out"

passed=$(grep -c '^PASS:' "$LOGS/all.out")
failed=$(grep -c '^FAIL:' "$LOGS/all.out")
skipped=$(grep -c '^SKIP:' "$LOGS/all.out")
[ "$skipped" -gt 0 ] && echo "pam: $skipped skipped"
echo "pam: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
