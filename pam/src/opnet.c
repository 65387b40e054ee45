#include "opnet.h"

#include "eth.h"
#include "hex.h"
#include "sha256.h"

#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <string.h>

#define SCHNORR_PREFIX "schnorr:"

static int parse_key(const char *s, size_t n, struct opnet_sig *out)
{
    if (n != 64 && n != 66)
        return SIG_BAD_LENGTH;
    out->key_len = n / 2;
    if (hex_decode(s, out->key, out->key_len) != 0)
        return SIG_BAD_HEX;
    if (n == 66 && out->key[0] != 0x02 && out->key[0] != 0x03)
        return SIG_BAD_KEY;
    out->has_key = 1;
    return SIG_OK;
}

static int parse_parts(const char *p, size_t len, struct opnet_sig *out)
{
    const char *colon = memchr(p, ':', len);
    if (colon) {
        size_t klen = (size_t)(colon - p);
        int rc = parse_key(p, klen, out);
        if (rc != SIG_OK)
            return rc;
        len -= klen + 1;
        p = colon + 1;
    }
    if (len != 128)
        return SIG_BAD_LENGTH;
    return hex_decode(p, out->sig, sizeof out->sig) == 0 ? SIG_OK : SIG_BAD_HEX;
}

int opnet_sig_parse(const char *text, size_t len, struct opnet_sig *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return SIG_BAD_LENGTH;
    sig_trim(&text, &len);
    if (len >= strlen(SCHNORR_PREFIX) && memcmp(text, SCHNORR_PREFIX, strlen(SCHNORR_PREFIX)) == 0) {
        text += strlen(SCHNORR_PREFIX);
        len -= strlen(SCHNORR_PREFIX);
        if (!memchr(text, ':', len))
            len = 0; /* the prefixed form always names the key */
    }
    int rc = parse_parts(text, len, out);
    if (rc != SIG_OK)
        memset(out, 0, sizeof *out);
    return rc;
}

int bip340_verify(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64])
{
    secp256k1_xonly_pubkey pk;
    const secp256k1_context *ctx = secp256k1_context_static;
    return secp256k1_xonly_pubkey_parse(ctx, &pk, pub) &&
           secp256k1_schnorrsig_verify(ctx, sig, msg, len, &pk);
}

/* x-only form of P (32 bytes given, or compressed 33). */
static int internal_xonly(const struct opnet_sig *s, uint8_t x[32])
{
    secp256k1_pubkey full;
    if (s->key_len == 32)
        memcpy(x, s->key, 32);
    else if (!secp256k1_ec_pubkey_parse(secp256k1_context_static, &full, s->key, 33))
        return -1;
    else
        memcpy(x, s->key + 1, 32);
    secp256k1_xonly_pubkey pk;
    return secp256k1_xonly_pubkey_parse(secp256k1_context_static, &pk, x) ? 0 : -1;
}

int opnet_output_key(const uint8_t p[32], uint8_t q[32])
{
    const secp256k1_context *ctx = secp256k1_context_static;
    secp256k1_xonly_pubkey pk, xq;
    secp256k1_pubkey out;
    uint8_t t[32];
    sha256_tagged("TapTweak", p, 32, t);
    int ok = secp256k1_xonly_pubkey_parse(ctx, &pk, p) &&
             secp256k1_xonly_pubkey_tweak_add(ctx, &out, &pk, t) &&
             secp256k1_xonly_pubkey_from_pubkey(ctx, &xq, NULL, &out) &&
             secp256k1_xonly_pubkey_serialize(ctx, q, &xq);
    return ok ? 0 : -1;
}

int opnet_verify(const uint8_t digest[32], const struct opnet_sig *sig, const uint8_t q[32])
{
    secp256k1_xonly_pubkey pk;
    uint8_t p[32], tweaked[32] = {0};
    if (!secp256k1_xonly_pubkey_parse(secp256k1_context_static, &pk, q))
        return SIG_BAD_KEY;
    if (bip340_verify(q, digest, 32, sig->sig))
        return SIG_OK;
    if (!sig->has_key)
        return SIG_INVALID;
    if (internal_xonly(sig, p) != 0 || opnet_output_key(p, tweaked) != 0)
        return SIG_BAD_KEY;
    int linked = ct_equal(tweaked, q, 32);
    return linked && bip340_verify(p, digest, 32, sig->sig) ? SIG_OK : SIG_INVALID;
}
