/* Keccak-256 as used by Ethereum (original Keccak padding 0x01, not SHA3-256). */
#ifndef PAM_WEB3_KECCAK_H
#define PAM_WEB3_KECCAK_H

#include <stddef.h>
#include <stdint.h>

void keccak256(const uint8_t *data, size_t len, uint8_t out[32]);

/* Incremental interface, used for the EIP-191 prefix + message. */
struct keccak_ctx {
    uint64_t lanes[25];
    size_t pos; /* bytes absorbed into the current block */
};

void keccak256_init(struct keccak_ctx *ctx);
void keccak256_update(struct keccak_ctx *ctx, const uint8_t *data, size_t len);
void keccak256_final(struct keccak_ctx *ctx, uint8_t out[32]);

#endif
