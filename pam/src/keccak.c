/*
 * Keccak-f[1600] and the Keccak-256 sponge, written from the Keccak reference
 * (FIPS 202 sections 3.2 and 5, with the pre-standard padding byte 0x01 that
 * Ethereum uses). The round constants and rotation offsets are derived at
 * first use from the specification's LFSR and (x, y) walk instead of being
 * typed in, so a transcription error cannot hide in a table.
 */
#include "keccak.h"

#include <pthread.h>
#include <string.h>

#define KECCAK_ROUNDS 24
#define RATE_BYTES 136 /* 1600 - 2 * 256 bits */

static uint64_t round_constants[KECCAK_ROUNDS];
static unsigned rotations[25];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* rc(t) from FIPS 202 algorithm 5: one output bit of an 8-bit LFSR. */
static unsigned lfsr_bit(unsigned t)
{
    unsigned r = 1;
    for (unsigned i = 0; i < t % 255; i++) {
        r <<= 1;
        if (r & 0x100)
            r ^= 0x171; /* feedback into bits 0, 4, 5, 6 and drop bit 8 */
    }
    return r & 1;
}

static void build_tables(void)
{
    for (unsigned ir = 0; ir < KECCAK_ROUNDS; ir++) {
        uint64_t rc = 0;
        for (unsigned j = 0; j <= 6; j++)
            if (lfsr_bit(j + 7 * ir))
                rc |= (uint64_t)1 << ((1u << j) - 1);
        round_constants[ir] = rc;
    }
    unsigned x = 1, y = 0;
    rotations[0] = 0;
    for (unsigned t = 0; t < 24; t++) {
        rotations[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
        unsigned nx = y, ny = (2 * x + 3 * y) % 5;
        x = nx;
        y = ny;
    }
}

static inline uint64_t rotl(uint64_t v, unsigned n)
{
    return n == 0 ? v : (v << n) | (v >> (64 - n));
}

static void theta(uint64_t a[25])
{
    uint64_t c[5], d;
    for (unsigned x = 0; x < 5; x++)
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (unsigned x = 0; x < 5; x++) {
        d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
        for (unsigned y = 0; y < 25; y += 5)
            a[x + y] ^= d;
    }
}

/* rho and pi together: B[y, 2x+3y] = rot(A[x, y], r[x, y]), then chi. */
static void rho_pi_chi(uint64_t a[25])
{
    uint64_t b[25];
    for (unsigned x = 0; x < 5; x++)
        for (unsigned y = 0; y < 5; y++)
            b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], rotations[x + 5 * y]);
    for (unsigned y = 0; y < 25; y += 5)
        for (unsigned x = 0; x < 5; x++)
            a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
}

static void keccak_f1600(uint64_t a[25])
{
    for (unsigned ir = 0; ir < KECCAK_ROUNDS; ir++) {
        theta(a);
        rho_pi_chi(a);
        a[0] ^= round_constants[ir];
    }
}

/* Lanes are little-endian: byte i of the block goes to lane i / 8. */
static void xor_byte(struct keccak_ctx *ctx, size_t i, uint8_t v)
{
    ctx->lanes[i / 8] ^= (uint64_t)v << (8 * (i % 8));
}

void keccak256_init(struct keccak_ctx *ctx)
{
    pthread_once(&tables_once, build_tables);
    memset(ctx, 0, sizeof *ctx);
}

void keccak256_update(struct keccak_ctx *ctx, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        xor_byte(ctx, ctx->pos++, data[i]);
        if (ctx->pos == RATE_BYTES) {
            keccak_f1600(ctx->lanes);
            ctx->pos = 0;
        }
    }
}

void keccak256_final(struct keccak_ctx *ctx, uint8_t out[32])
{
    xor_byte(ctx, ctx->pos, 0x01);
    xor_byte(ctx, RATE_BYTES - 1, 0x80);
    keccak_f1600(ctx->lanes);
    for (size_t i = 0; i < 32; i++)
        out[i] = (uint8_t)(ctx->lanes[i / 8] >> (8 * (i % 8)));
    explicit_bzero(ctx, sizeof *ctx);
}

void keccak256(const uint8_t *data, size_t len, uint8_t out[32])
{
    struct keccak_ctx ctx;
    keccak256_init(&ctx);
    keccak256_update(&ctx, data, len);
    keccak256_final(&ctx, out);
}
