/* Wallet binding stored in the GECOS field: "wallet=0x<40 hex>[,nft=<id>]". */
#ifndef PAM_WEB3_GECOS_H
#define PAM_WEB3_GECOS_H

#include <stdint.h>

#include "eth.h"

struct gecos_wallet {
    uint8_t addr[ETH_ADDR_LEN];
    int has_nft;
    uint64_t nft; /* token id when has_nft */
};

/* Strict: the whole field must match; returns 0 or -1. */
int gecos_parse(const char *gecos, struct gecos_wallet *out);

#endif
