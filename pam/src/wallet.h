/*
 * The two wallet forms a login can name: an Ethereum address ("0x" + 40 hex,
 * EIP-191 signatures) or an OPNet wallet's Taproot address (bech32m "bc1p...",
 * BIP-340 signatures by its output key). The form selects the scheme.
 */
#ifndef PAM_WEB3_WALLET_H
#define PAM_WEB3_WALLET_H

#include <stddef.h>
#include <stdint.h>

#include "taproot.h"

enum wallet_scheme { WALLET_EVM = 1, WALLET_OPNET = 2 };

#define WALLET_TEXT TAPROOT_TEXT /* longer than an EIP-55 address */

struct wallet_id {
    int scheme;
    uint8_t id[32]; /* EVM: the 20-byte address, zero padded; OPNet: x-only output key Q */
    char hrp[TAPROOT_HRP_MAX + 1]; /* OPNet: network prefix, shown back as given */
};

/* Either form, nothing around it. Returns 0 or -1 (out zeroed). */
int wallet_parse(const char *s, size_t len, struct wallet_id *out);

/* EIP-55 or lower-case bech32m text. Returns 0 or -1. */
int wallet_text(const struct wallet_id *w, char out[WALLET_TEXT]);

/* Same scheme and same key or address, in constant time; 1 when equal. */
int wallet_equal(const struct wallet_id *a, const struct wallet_id *b);

#endif
