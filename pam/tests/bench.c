/*
 * Verification cost per login: EIP-191 hash + signature parse + recovery +
 * constant-time compare, as done by the module, averaged over many runs.
 * Usage: bench [ITERATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/siwe.h"
#include "../tools/signer.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
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
    return ok == iters ? 0 : 1;
}
