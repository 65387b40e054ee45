/*
 * Taproot (BIP-341) addresses of OPNet wallets: bech32m (BIP-350) witness
 * version 1 with a 32-byte program, the x-only output key Q. Networks by
 * prefix: bc (mainnet), tb (testnet/signet), bcrt (regtest), opt (OPNet testnet).
 */
#ifndef PAM_WEB3_TAPROOT_H
#define PAM_WEB3_TAPROOT_H

#include <stddef.h>
#include <stdint.h>

#define TAPROOT_HRP_MAX 4
#define TAPROOT_TEXT 72 /* longest accepted address (bcrt: 64 chars) + NUL, rounded up */

struct taproot_addr {
    char hrp[TAPROOT_HRP_MAX + 1]; /* lower case */
    uint8_t key[32];               /* x-only output key Q */
};

/*
 * Strict parser: one of the prefixes above, all lower or all upper case,
 * witness version 1, exactly 32 program bytes, zero padding bits, valid
 * bech32m checksum. Returns 0 or -1 (out zeroed).
 */
int taproot_parse(const char *s, size_t len, struct taproot_addr *out);

/* Lower-case address text. Returns its length or -1 (unknown prefix). */
int taproot_format(const struct taproot_addr *a, char out[TAPROOT_TEXT]);

#endif
