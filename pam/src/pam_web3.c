/*
 * pam_web3: SSH keyboard-interactive login by wallet signature.
 *
 * The user's GECOS names a wallet. The module asks for a wallet address,
 * shows a fresh EIP-4361 message for that address, reads a signature of it
 * and checks the signer: EIP-191 recovery for an Ethereum address, BIP-340
 * Schnorr by the Taproot output key for an OPNet wallet (opnet.h). It succeeds only if the signer is the given
 * address and the given address is the GECOS wallet; a wrong address fails
 * exactly like a wrong signature, so the owner's wallet is never revealed.
 * Every parse error fails closed.
 */
#define PAM_SM_AUTH
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "config.h"
#include "eth.h"
#include "gecos.h"
#include "opnet.h"
#include "sha256.h"
#include "prompt.h"
#include "siwe.h"

struct w3_args {
    const char *config;      /* config=PATH */
    const char *passwd_file; /* passwd=PATH: accounts from a passwd(5) file (test build only) */
    int debug;
};

struct w3_login {
    const char *user;
    uid_t uid;
    struct gecos_wallet wallet;      /* the account's wallet (GECOS) */
    struct wallet_id claimed;        /* the address the client gave */
    char address[WALLET_TEXT];       /* claimed, as shown in the message */
    char nonce[SIWE_NONCE_LEN + 1];
    time_t expires_at;
    int msg_len;
    char message[SIWE_MAX_MESSAGE];
    char link[SIWE_MAX_LINK];
};

static int parse_args(pam_handle_t *pamh, int argc, const char **argv, struct w3_args *a)
{
    a->config = W3_DEFAULT_CONFIG;
    a->passwd_file = NULL;
    a->debug = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "debug") == 0)
            a->debug = 1;
        else if (strncmp(argv[i], "config=", 7) == 0 && argv[i][7] == '/')
            a->config = argv[i] + 7;
#ifdef PAM_WEB3_TESTING
        else if (strncmp(argv[i], "passwd=", 7) == 0 && argv[i][7] == '/')
            a->passwd_file = argv[i] + 7;
#endif
        else {
            pam_syslog(pamh, LOG_ERR, "unknown or malformed module argument");
            return -1;
        }
    }
    return 0;
}

/* Copy uid and GECOS out of a passwd entry, then parse the wallet binding. */
static int take_entry(const struct passwd *pw, struct w3_login *login, int *found)
{
    *found = 1;
    login->uid = pw->pw_uid;
    return gecos_parse(pw->pw_gecos, &login->wallet);
}

#ifdef PAM_WEB3_TESTING
static int lookup_in_file(const char *path, struct w3_login *login, int *found)
{
    struct passwd pw, *res;
    char buf[4096];
    int rc = -1;
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    while (fgetpwent_r(f, &pw, buf, sizeof buf, &res) == 0) {
        if (strcmp(pw.pw_name, login->user) == 0) {
            rc = take_entry(&pw, login, found);
            break;
        }
    }
    fclose(f);
    return rc;
}
#endif

/* Fills uid and wallet. *found tells unknown users apart from bad GECOS. */
static int lookup_user(const struct w3_args *a, struct w3_login *login, int *found)
{
    struct passwd pw, *res = NULL;
    char buf[16384];
    *found = 0;
#ifdef PAM_WEB3_TESTING
    if (a->passwd_file)
        return lookup_in_file(a->passwd_file, login, found);
#else
    (void)a;
#endif
    if (getpwnam_r(login->user, &pw, buf, sizeof buf, &res) != 0 || !res)
        return -1;
    return take_entry(&pw, login, found);
}

static int build_challenge(const struct w3_config *cfg, struct w3_login *login, time_t now)
{
    if (wallet_text(&login->claimed, login->address) != 0 || siwe_nonce(login->nonce) != 0)
        return -1;
    login->expires_at = now + cfg->ttl_seconds;
    struct siwe_fields f = {
        .domain = cfg->host, .address = login->address, .user = login->user,
        .bitcoin = login->claimed.scheme == WALLET_OPNET,
        .machine = cfg->machine, .chain_id = cfg->chain_id, .nonce = login->nonce,
        .issued_at = now, .expires_at = login->expires_at};
    login->msg_len = siwe_build(&f, login->message, sizeof login->message);
    if (login->msg_len < 0)
        return -1;
    return siwe_link(cfg->signing_url, login->message, login->link, sizeof login->link) < 0 ? -1 : 0;
}

/* Debug-only, redacted view of what was received. */
static void debug_sig(pam_handle_t *pamh, const struct w3_args *a, const char *answer, int err)
{
    if (a->debug)
        pam_syslog(pamh, LOG_DEBUG, "signature (%zu chars, starts \"%.4s...\"): %s",
                   strlen(answer), answer, eth_sig_strerror(err));
}

/* EIP-191 signature recovering to the claimed address. Returns SIG_OK or why not. */
static int check_evm(const struct w3_login *login, const char *answer)
{
    struct eth_sig sig;
    uint8_t digest[32] = {0}, signer[ETH_ADDR_LEN] = {0};
    int err = eth_sig_parse(answer, strlen(answer), &sig);
    if (err == SIG_OK) {
        eth_eip191_hash((const uint8_t *)login->message, (size_t)login->msg_len, digest);
        err = eth_recover(digest, &sig, signer);
    }
    if (err == SIG_OK && !ct_equal(signer, login->claimed.id, ETH_ADDR_LEN))
        err = SIG_INVALID;
    explicit_bzero(&sig, sizeof sig);
    explicit_bzero(digest, sizeof digest);
    explicit_bzero(signer, sizeof signer);
    return err;
}

/* BIP-340 signature of SHA-256(message) by the claimed Taproot output key. */
static int check_opnet(const struct w3_login *login, const char *answer)
{
    struct opnet_sig sig;
    uint8_t digest[32];
    int err = opnet_sig_parse(answer, strlen(answer), &sig);
    if (err == SIG_OK) {
        sha256((const uint8_t *)login->message, (size_t)login->msg_len, digest);
        err = opnet_verify(digest, &sig, login->claimed.id);
    }
    explicit_bzero(&sig, sizeof sig);
    explicit_bzero(digest, sizeof digest);
    return err;
}

static int verify(pam_handle_t *pamh, const struct w3_args *a, const struct w3_login *login,
                  const char *answer)
{
    int err = login->claimed.scheme == WALLET_OPNET ? check_opnet(login, answer)
                                                    : check_evm(login, answer);
    debug_sig(pamh, a, answer, err);
    /* Always compared: a wrong address costs what a wrong signature costs. */
    int claimed_is_owner = wallet_equal(&login->claimed, &login->wallet.wallet);
    int match = (err == SIG_OK) & claimed_is_owner;
    int fresh = time(NULL) <= login->expires_at;
    if (!match && err == SIG_OK)
        pam_syslog(pamh, LOG_NOTICE, "the wallet given for %s is not the account's wallet", login->user);
    else if (!match)
        pam_syslog(pamh, LOG_NOTICE, "signature rejected for %s", login->user);
    else if (!fresh)
        pam_syslog(pamh, LOG_NOTICE, "expired sign-in message for %s", login->user);
    return match && fresh ? PAM_SUCCESS : PAM_AUTH_ERR;
}

/* Checks that need no user interaction; returns PAM_SUCCESS to go on. */
static int prepare(pam_handle_t *pamh, const struct w3_args *a, struct w3_login *login)
{
    int found;
    if (lookup_user(a, login, &found) != 0) {
        pam_syslog(pamh, LOG_NOTICE, found ? "no valid wallet in GECOS of %s" : "unknown user %s",
                   login->user);
        return found ? PAM_AUTH_ERR : PAM_USER_UNKNOWN;
    }
    return PAM_SUCCESS;
}

/* The challenge for the address the client gave, whatever it is. */
static int challenge(pam_handle_t *pamh, const struct w3_args *a, const struct w3_config *cfg,
                     struct w3_login *login)
{
    if (build_challenge(cfg, login, time(NULL)) != 0) {
        pam_syslog(pamh, LOG_ERR, "cannot build sign-in message for %s", login->user);
        return PAM_AUTH_ERR;
    }
    if (a->debug)
        pam_syslog(pamh, LOG_DEBUG, "challenge for %s, nonce %.2s..., expires %ld", login->user,
                   login->nonce, (long)login->expires_at);
    return PAM_SUCCESS;
}

static int authenticate(pam_handle_t *pamh, const struct w3_args *a, const struct w3_config *cfg,
                        struct w3_login *login)
{
    char *answer = NULL;
    int rc = prepare(pamh, a, login);
    if (rc != PAM_SUCCESS)
        return rc;
    rc = prompt_wallet(pamh, login->user, cfg->machine, &login->claimed);
    if (rc == PAM_AUTH_ERR) {
        pam_syslog(pamh, LOG_NOTICE, "no valid wallet address given for %s", login->user);
        return rc;
    }
    if (rc == PAM_SUCCESS && (rc = challenge(pamh, a, cfg, login)) != PAM_SUCCESS)
        return rc;
    if (rc == PAM_SUCCESS)
        rc = prompt_signature(pamh, login->message, login->link, &answer);
    if (rc != PAM_SUCCESS) {
        pam_syslog(pamh, LOG_NOTICE, "conversation failed for %s", login->user);
        return rc;
    }
    rc = verify(pamh, a, login, answer);
    explicit_bzero(answer, strlen(answer));
    free(answer);
    return rc;
}

PAM_EXTERN int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    struct w3_args a;
    struct w3_config cfg;
    struct w3_login *login;
    char err[256];
    (void)flags;
    if (parse_args(pamh, argc, argv, &a) != 0)
        return PAM_SERVICE_ERR;
    if (config_load(a.config, &cfg, err, sizeof err) != 0) {
        pam_syslog(pamh, LOG_ERR, "configuration %s rejected: %s", a.config, err);
        return PAM_SERVICE_ERR;
    }
    if ((login = calloc(1, sizeof *login)) == NULL)
        return PAM_BUF_ERR;
    int rc = pam_get_user(pamh, &login->user, NULL);
    if (rc == PAM_SUCCESS)
        rc = authenticate(pamh, &a, &cfg, login);
    if (rc == PAM_SUCCESS)
        pam_syslog(pamh, LOG_INFO, "wallet login accepted for %s", login->user);
    explicit_bzero(login, sizeof *login);
    free(login);
    return rc;
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
    (void)pamh;
    (void)flags;
    (void)argc;
    (void)argv;
    return PAM_SUCCESS;
}
