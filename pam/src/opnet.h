/*
 * OPNet wallet sign-in: BIP-340 Schnorr over SHA-256(message), as OP_WALLET's
 * signData(hex, "schnorr") and @btc-vision/transaction's MessageSigner make
 * it, checked against the Taproot output key Q of the account's address.
 */
#ifndef PAM_WEB3_OPNET_H
#define PAM_WEB3_OPNET_H

#include <stddef.h>
#include <stdint.h>

struct opnet_sig {
    uint8_t sig[64];  /* BIP-340 r_x || s */
    int has_key;      /* the answer named the wallet's internal key P */
    uint8_t key[33];  /* P: compressed (33) or x-only (32) */
    size_t key_len;
};

/*
 * Parse "[0x]<128 hex>" (a signature by Q itself) or
 * "[schnorr:]<66 or 64 hex key P>:<128 hex>" (a signature by P or by Q, with
 * P named), blanks around allowed. Returns SIG_OK, SIG_BAD_LENGTH, SIG_BAD_HEX
 * or SIG_BAD_KEY (eth.h); out zeroed on error.
 */
int opnet_sig_parse(const char *text, size_t len, struct opnet_sig *out);

/*
 * SIG_OK when sig is a valid BIP-340 signature of digest under q, or (with P
 * named) under P and the BIP-341 key-path tweak of P is q. SIG_BAD_KEY when q
 * or P is not a point, SIG_INVALID otherwise.
 */
int opnet_verify(const uint8_t digest[32], const struct opnet_sig *sig, const uint8_t q[32]);

/* BIP-341 output key (x-only) of an internal key given x-only. Returns 0 or -1. */
int opnet_output_key(const uint8_t p[32], uint8_t q[32]);

/* Plain BIP-340 verification of a message of any length; 1 when valid. */
int bip340_verify(const uint8_t pub[32], const uint8_t *msg, size_t len, const uint8_t sig[64]);

#endif
