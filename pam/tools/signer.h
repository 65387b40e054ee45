/* Test-key signing helpers (tests and the web3-sign tool only, never the module). */
#ifndef PAM_WEB3_SIGNER_H
#define PAM_WEB3_SIGNER_H

#include <stddef.h>
#include <stdint.h>

/* Read "[0x]<64 hex>" (blanks around allowed) from a file. Returns 0 or -1. */
int signer_load_key(const char *path, uint8_t key[32]);
/* Parse a hex private key from a string. Returns 0 or -1. */
int signer_parse_key(const char *text, uint8_t key[32]);
/* EIP-191 personal_sign: r || s || v with v in {27, 28}. Returns 0 or -1. */
int signer_sign(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t sig[65]);
/*
 * OPNet wallet (BIP-340 over SHA-256(msg), as @btc-vision/transaction's
 * MessageSigner): tweak = 1 signs with the BIP-341 tweaked key (what the
 * Taproot address holds), 0 with the internal key. pub gets the compressed
 * internal key. Returns 0 or -1.
 */
int signer_opnet_sign(const uint8_t key[32], const uint8_t *msg, size_t len, int tweak,
                      uint8_t sig[64], uint8_t pub[33]);
/* Taproot address (bech32m, prefix hrp) of the key. Returns 0 or -1. */
int signer_opnet_address(const uint8_t key[32], const char *hrp, char out[72]);
/* Address of the key. Returns 0 or -1. */
int signer_address(const uint8_t key[32], uint8_t addr[20]);
/*
 * Find the sign-in message inside text shown by a PAM conversation (possibly
 * prefixed, e.g. "(user@host) " by OpenSSH). Sets *len; NULL when absent.
 */
const char *signer_extract(const char *text, size_t *len);
/* Does the text end with pam_web3's wallet address prompt (blanks after it allowed)? */
int signer_is_wallet_prompt(const char *text);

#endif
