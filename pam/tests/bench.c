/*
 * Verification cost per login: EIP-191 hash + signature parse + recovery +
 * constant-time compare, as done by the module, averaged over many runs; then
 * the OPNet path: SHA-256 + parse + BIP-340 verification (tweaked key), and
 * with the internal key named (tweak check + verification).
 * Usage: bench [ITERATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/opnet.h"
#include "../src/sha256.h"
#include "../src/taproot.h"
#include "../src/siwe.h"
#include "../tools/signer.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* One OPNet login message signed as an OPNet wallet signs it; us per verification. */
static double bench_opnet(const uint8_t key[32], int iters, int internal)
{
    char addr[TAPROOT_TEXT], msg[SIWE_MAX_MESSAGE], text[260], hex[129], pubhex[67];
    uint8_t sig[64], pub[33], digest[32];
    struct taproot_addr q;
    signer_opnet_address(key, "bc", addr);
    taproot_parse(addr, strlen(addr), &q);
    struct siwe_fields f = {.domain = "vm1.example.org", .address = addr, .bitcoin = 1, .user = "alice",
                            .machine = "vm1", .chain_id = 1, .nonce = "abcdEFGH12345678",
                            .issued_at = time(NULL), .expires_at = time(NULL) + 300};
    int len = siwe_build(&f, msg, sizeof msg), ok = 0;
    signer_opnet_sign(key, (const uint8_t *)msg, (size_t)len, !internal, sig, pub);
    hex_encode(sig, 64, hex);
    hex_encode(pub, 33, pubhex);
    snprintf(text, sizeof text, internal ? "%s:%s" : "%.0s%s", pubhex, hex);
    double t0 = now_us();
    for (int i = 0; i < iters; i++) {
        struct opnet_sig s;
        sha256((const uint8_t *)msg, (size_t)len, digest);
        ok += opnet_sig_parse(text, strlen(text), &s) == SIG_OK && opnet_verify(digest, &s, q.key) == SIG_OK;
    }
    double per = (now_us() - t0) / iters;
    return ok == iters ? per : -1;
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 2000;
    uint8_t key[32], want[20], got[20], sig[65], digest[32];
    char msg[SIWE_MAX_MESSAGE], hex[140] = "0x", addr[ETH_ADDR_TEXT];
    signer_parse_key("0123456789012345678901234567890123456789012345678901234567890123", key);
    signer_address(key, want);
    eth_eip55(want, addr);
    struct siwe_fields f = {.domain = "vm1.example.org", .address = addr, .user = "alice",
                            .machine = "vm1", .chain_id = 1, .nonce = "abcdEFGH12345678",
                            .issued_at = time(NULL), .expires_at = time(NULL) + 300};
    int len = siwe_build(&f, msg, sizeof msg);
    signer_sign(key, (const uint8_t *)msg, (size_t)len, sig);
    hex_encode(sig, 65, hex + 2);
    int ok = 0;
    double t0 = now_us();
    for (int i = 0; i < iters; i++) {
        struct eth_sig s;
        eth_eip191_hash((const uint8_t *)msg, (size_t)len, digest);
        ok += eth_sig_parse(hex, strlen(hex), &s) == SIG_OK && eth_recover(digest, &s, got) == SIG_OK &&
              ct_equal(got, want, 20);
    }
    double per = (now_us() - t0) / iters;
    printf("verification: %.1f us per login (%d iterations, %d ok)\n", per, iters, ok);
    double tweaked = bench_opnet(key, iters, 0), internal = bench_opnet(key, iters, 1);
    printf("opnet verification: %.1f us per login (tweaked key), %.1f us (internal key named)\n",
           tweaked, internal);
    return ok == iters && tweaked > 0 && internal > 0 ? 0 : 1;
}
