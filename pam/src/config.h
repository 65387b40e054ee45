/* Strict parser for /etc/pam_web3.conf ("key = value" lines). */
#ifndef PAM_WEB3_CONFIG_H
#define PAM_WEB3_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define W3_DEFAULT_CONFIG "/etc/pam_web3.conf"
#define W3_MAX_CONFIG_BYTES 65536
#define W3_MAX_LINE 1024

struct w3_config {
    char host[256];         /* SIWE domain and ssh:// URI host (required) */
    char machine[256];      /* name in the statement; default gethostname() */
    char signing_url[1024]; /* http(s) URL of the signing page (required) */
    uint64_t chain_id;      /* EIP-155 chain id (required) */
    long ttl_seconds;       /* message lifetime, default 300 */
    unsigned seen;          /* bitmask of keys present (duplicates are errors) */
};

/* Parse a whole buffer; returns 0, or -1 with a message in err. */
int config_parse(const char *buf, size_t len, struct w3_config *cfg, char *err, size_t errlen);

/*
 * Read and parse a file. The file must be a regular file owned by root or the
 * caller and not writable by group or others.
 */
int config_load(const char *path, struct w3_config *cfg, char *err, size_t errlen);

#endif
