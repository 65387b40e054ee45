/*
 * Wallet binding stored in the GECOS field: "wallet=<address>[,nft=<id>]",
 * the address an Ethereum "0x" + 40 hex or an OPNet Taproot "bc1p..." (wallet.h).
 */
#ifndef PAM_WEB3_GECOS_H
#define PAM_WEB3_GECOS_H

#include <stdint.h>

#include "wallet.h"

struct gecos_wallet {
    struct wallet_id wallet;
    int has_nft;
    uint64_t nft; /* token id when has_nft */
};

/* Strict: the whole field must match; returns 0 or -1. */
int gecos_parse(const char *gecos, struct gecos_wallet *out);

#endif
