/* SHA-256 (FIPS 180-4) and BIP-340 tagged hashes, for the OPNet (Schnorr) scheme. */
#ifndef PAM_WEB3_SHA256_H
#define PAM_WEB3_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256_ctx {
    uint32_t h[8];
    uint8_t block[64];
    size_t fill;    /* bytes in block */
    uint64_t total; /* bytes hashed so far */
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const uint8_t *data, size_t len);
/* Writes the digest and wipes the context. */
void sha256_final(struct sha256_ctx *c, uint8_t out[32]);
void sha256(const uint8_t *data, size_t len, uint8_t out[32]);
/* BIP-340 tagged hash: SHA-256(SHA-256(tag) || SHA-256(tag) || data). */
void sha256_tagged(const char *tag, const uint8_t *data, size_t len, uint8_t out[32]);

#endif
