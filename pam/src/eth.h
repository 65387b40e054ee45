/* Ethereum helpers: EIP-191 hashing, signature parsing, recovery, EIP-55. */
#ifndef PAM_WEB3_ETH_H
#define PAM_WEB3_ETH_H

#include <stddef.h>
#include <stdint.h>

#define ETH_ADDR_LEN 20
#define ETH_ADDR_TEXT 43 /* "0x" + 40 + NUL */

enum sig_error {
    SIG_OK = 0,
    SIG_BAD_LENGTH = -1,
    SIG_BAD_HEX = -2,
    SIG_BAD_V = -3,
    SIG_R_RANGE = -4, /* r == 0 or r >= n */
    SIG_S_RANGE = -5, /* s == 0 or s >= n */
    SIG_HIGH_S = -6,  /* s > n/2 (malleable form) */
    SIG_RECOVER = -7, /* no public key for this (r, s, v) */
    SIG_BAD_KEY = -8, /* OPNet: the given public key is not a valid point */
    SIG_INVALID = -9, /* OPNet: the Schnorr signature does not verify */
};

struct eth_sig {
    uint8_t rs[64]; /* r || s, big-endian */
    int recid;      /* 0 or 1 */
};

/* keccak256("\x19Ethereum Signed Message:\n" || decimal(len) || msg) */
void eth_eip191_hash(const uint8_t *msg, size_t len, uint8_t out[32]);

/* Parse "[0x]<130 hex>" with optional surrounding blanks; strict range checks. */
int eth_sig_parse(const char *text, size_t len, struct eth_sig *sig);

/* Recover the signer address of a 32-byte digest. Returns SIG_OK or SIG_RECOVER. */
int eth_recover(const uint8_t digest[32], const struct eth_sig *sig, uint8_t addr[ETH_ADDR_LEN]);

/* Address of an uncompressed public key (65 bytes, 0x04 prefix). */
void eth_pubkey_address(const uint8_t pub[65], uint8_t addr[ETH_ADDR_LEN]);

/* EIP-55 mixed-case checksum form, "0x" included. */
void eth_eip55(const uint8_t addr[ETH_ADDR_LEN], char out[ETH_ADDR_TEXT]);

/*
 * Parse "0x" + 40 hex digits. All-lower or all-upper hex is accepted as is;
 * mixed case must be a valid EIP-55 checksum. Returns 0 or -1.
 */
int eth_addr_parse(const char *s, size_t len, uint8_t addr[ETH_ADDR_LEN]);

/* Trim blanks and an optional 0x/0X prefix; leaves [*p, *p + *len). */
void sig_trim(const char **p, size_t *len);

/* Constant-time equality of two buffers of n bytes; 1 when equal. */
int ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

/* Human-readable name of a sig_error (for debug logs and tests). */
const char *eth_sig_strerror(int err);

#endif
