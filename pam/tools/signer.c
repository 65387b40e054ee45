#include "signer.h"

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/prompt.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <string.h>

#define SIWE_HEAD " wants you to sign in with your Ethereum account:\n"
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
