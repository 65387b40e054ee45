/* EIP-4361 (Sign-In with Ethereum) message construction for SSH logins. */
#ifndef PAM_WEB3_SIWE_H
#define PAM_WEB3_SIWE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SIWE_NONCE_LEN 16
#define SIWE_MAX_MESSAGE 2048
#define SIWE_MAX_LINK 8192

struct siwe_fields {
    const char *domain;  /* configured host (authority) */
    const char *address; /* EIP-55 address, "0x" + 40; with bitcoin, a Taproot address */
    int bitcoin;         /* OPNet wallet: "Bitcoin account", no Chain ID line */
    const char *user;    /* login name shown in the statement */
    const char *machine; /* machine name shown in the statement */
    uint64_t chain_id;
    const char *nonce; /* >= 8 alphanumerics */
    time_t issued_at;
    time_t expires_at;
};

/* 16 random alphanumerics from getrandom(2), unbiased. Returns 0 or -1. */
int siwe_nonce(char out[SIWE_NONCE_LEN + 1]);

/*
 * Validates every field, then writes the message. Returns its length or -1.
 * The OPNet form is the same text with "Bitcoin" for "Ethereum" and without
 * the Chain ID line (the address prefix names the network).
 */
int siwe_build(const struct siwe_fields *f, char *out, size_t cap);

/* base + ('?' or '&') + "message=" + percent-encoded message. Returns length or -1. */
int siwe_link(const char *base, const char *msg, char *out, size_t cap);

/* RFC 3339 UTC timestamp "YYYY-MM-DDTHH:MM:SSZ". Returns 0 or -1. */
int siwe_time(time_t t, char out[32]);

#endif
