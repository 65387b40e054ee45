#include "signer.h"

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/opnet.h"
#include "../src/prompt.h"
#include "../src/sha256.h"
#include "../src/taproot.h"

#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_recovery.h>
#include <secp256k1_schnorrsig.h>
#include <sys/random.h>
#include <stdio.h>
#include <string.h>

#define SIWE_HEAD " wants you to sign in with your "
#define SIWE_LAST "\nExpiration Time: "

int signer_parse_key(const char *text, uint8_t key[32])
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text += 2;
    size_t n = strspn(text, "0123456789abcdefABCDEF");
    if (n != 64 || strspn(text + n, " \t\r\n") != strlen(text + n))
        return -1;
    if (hex_decode(text, key, 32) != 0)
        return -1;
    return secp256k1_ec_seckey_verify(secp256k1_context_static, key) ? 0 : -1;
}

int signer_load_key(const char *path, uint8_t key[32])
{
    char buf[256];
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    int rc = signer_parse_key(buf, key);
    explicit_bzero(buf, sizeof buf);
    return rc;
}

int signer_sign(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t sig[65])
{
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_ecdsa_recoverable_signature rs;
    uint8_t digest[32];
    int recid = 0;
    eth_eip191_hash(msg, len, digest);
    int ok = ctx && secp256k1_ecdsa_sign_recoverable(ctx, &rs, digest, key, NULL, NULL) &&
             secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, sig, &recid, &rs);
    sig[64] = (uint8_t)(27 + recid);
    if (ctx)
        secp256k1_context_destroy(ctx);
    return ok ? 0 : -1;
}

int signer_address(const uint8_t key[32], uint8_t addr[20])
{
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_pubkey pk;
    uint8_t pub[65];
    size_t publen = sizeof pub;
    int ok = ctx && secp256k1_ec_pubkey_create(ctx, &pk, key) &&
             secp256k1_ec_pubkey_serialize(ctx, pub, &publen, &pk, SECP256K1_EC_UNCOMPRESSED);
    if (ok)
        eth_pubkey_address(pub, addr);
    if (ctx)
        secp256k1_context_destroy(ctx);
    return ok ? 0 : -1;
}

/* Keypair of key, BIP-341 tweaked when asked; pub gets the internal key (compressed). */
static int opnet_keypair(const secp256k1_context *ctx, const uint8_t key[32], int tweak,
                         secp256k1_keypair *kp, uint8_t pub[33])
{
    secp256k1_pubkey pk;
    secp256k1_xonly_pubkey x;
    uint8_t px[32], q[32], t[32];
    size_t publen = 33;
    if (!secp256k1_keypair_create(ctx, kp, key) || !secp256k1_keypair_pub(ctx, &pk, kp) ||
        !secp256k1_ec_pubkey_serialize(ctx, pub, &publen, &pk, SECP256K1_EC_COMPRESSED) ||
        !secp256k1_keypair_xonly_pub(ctx, &x, NULL, kp) || !secp256k1_xonly_pubkey_serialize(ctx, px, &x))
        return -1;
    if (!tweak)
        return 0;
    sha256_tagged("TapTweak", px, 32, t);
    if (!secp256k1_keypair_xonly_tweak_add(ctx, kp, t) || !secp256k1_keypair_xonly_pub(ctx, &x, NULL, kp) ||
        !secp256k1_xonly_pubkey_serialize(ctx, q, &x) || opnet_output_key(px, t) != 0)
        return -1;
    return memcmp(q, t, 32) == 0 ? 0 : -1; /* the keypair's tweak agrees with the verifier's */
}

int signer_opnet_sign(const uint8_t key[32], const uint8_t *msg, size_t len, int tweak,
                      uint8_t sig[64], uint8_t pub[33])
{
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_keypair kp;
    uint8_t digest[32], aux[32];
    sha256(msg, len, digest);
    int ok = ctx && getrandom(aux, sizeof aux, 0) == (ssize_t)sizeof aux &&
             opnet_keypair(ctx, key, tweak, &kp, pub) == 0 &&
             secp256k1_schnorrsig_sign32(ctx, sig, digest, &kp, aux);
    explicit_bzero(&kp, sizeof kp);
    if (ctx)
        secp256k1_context_destroy(ctx);
    return ok ? 0 : -1;
}

int signer_opnet_address(const uint8_t key[32], const char *hrp, char out[72])
{
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_keypair kp;
    secp256k1_xonly_pubkey x;
    struct taproot_addr a = {{0}, {0}};
    uint8_t pub[33];
    int ok = ctx && strlen(hrp) <= TAPROOT_HRP_MAX && opnet_keypair(ctx, key, 1, &kp, pub) == 0 &&
             secp256k1_keypair_xonly_pub(ctx, &x, NULL, &kp) &&
             secp256k1_xonly_pubkey_serialize(ctx, a.key, &x);
    if (ok)
        memcpy(a.hrp, hrp, strlen(hrp) + 1);
    explicit_bzero(&kp, sizeof kp);
    if (ctx)
        secp256k1_context_destroy(ctx);
    return ok && taproot_format(&a, out) > 0 ? 0 : -1;
}

const char *signer_extract(const char *text, size_t *len)
{
    const char *head = strstr(text, SIWE_HEAD);
    if (!head)
        return NULL;
    const char *start = head;
    while (start > text && start[-1] != ' ' && start[-1] != '\n')
        start--; /* back to the beginning of the domain */
    const char *last = strstr(head, SIWE_LAST);
    if (!last || start == head)
        return NULL;
    const char *end = last + 1 + strcspn(last + 1, "\r\n");
    *len = (size_t)(end - start);
    return start;
}

int signer_is_wallet_prompt(const char *text)
{
    static const char marker[] = PROMPT_WALLET;
    size_t n = strlen(text), m = sizeof marker - 2; /* without its trailing blank */
    while (n > 0 && strchr(" \t\r\n", text[n - 1]))
        n--;
    return n >= m && memcmp(text + n - m, marker, m) == 0;
}
