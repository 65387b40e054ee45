#include "prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "siwe.h"

#define BLANKS " \t\r\n"

static void free_responses(struct pam_response *resp, int n)
{
    if (!resp)
        return;
    for (int i = 0; i < n; i++) {
        if (resp[i].resp) {
            explicit_bzero(resp[i].resp, strlen(resp[i].resp));
            free(resp[i].resp);
        }
    }
    free(resp);
}

/* One conversation call; the answer to the last message (a prompt) goes to *answer. */
static int converse(pam_handle_t *pamh, const struct pam_message *m, int n, char **answer)
{
    const struct pam_conv *conv = NULL;
    const struct pam_message *mp[4];
    struct pam_response *resp = NULL;
    *answer = NULL;
    for (int i = 0; i < n; i++)
        mp[i] = &m[i];
    if (pam_get_item(pamh, PAM_CONV, (const void **)&conv) != PAM_SUCCESS || !conv || !conv->conv)
        return PAM_CONV_ERR;
    int rc = conv->conv(n, mp, &resp, conv->appdata_ptr);
    if (rc == PAM_SUCCESS && resp && resp[n - 1].resp) {
        *answer = resp[n - 1].resp;
        resp[n - 1].resp = NULL;
    } else if (rc == PAM_SUCCESS) {
        rc = PAM_CONV_ERR;
    }
    free_responses(resp, n);
    return rc;
}

/* A wallet address (wallet.h) with blanks around. */
static int parse_wallet(const char *text, struct wallet_id *wallet)
{
    text += strspn(text, BLANKS);
    size_t n = strcspn(text, BLANKS);
    if (text[n + strspn(text + n, BLANKS)] != '\0')
        return -1;
    return wallet_parse(text, n, wallet);
}

int prompt_wallet(pam_handle_t *pamh, const char *user, const char *machine,
                  struct wallet_id *wallet)
{
    char intro[600];
    snprintf(intro, sizeof intro,
             "Wallet login to %s@%s.\nStep 1 of 2: enter the address of the wallet that owns "
             "this VM (Ethereum: 0x followed by 40 hex digits; OPNet: its Taproot address, bc1p...).",
             user, machine);
    struct pam_message first[2] = {{PAM_TEXT_INFO, intro}, {PAM_PROMPT_ECHO_ON, PROMPT_WALLET}};
    struct pam_message again[2] = {
        {PAM_ERROR_MSG, "That is not a wallet address: it must be 0x followed by 40 hex digits "
                        "(a mixed-case address must have a valid checksum) or a Taproot address "
                        "(bc1p..., tb1p..., bcrt1p... or opt1p...). Try again."},
        {PAM_PROMPT_ECHO_ON, PROMPT_WALLET}};
    for (int i = 0; i < PROMPT_WALLET_TRIES; i++) {
        char *answer = NULL;
        int rc = converse(pamh, i == 0 ? first : again, 2, &answer);
        if (rc != PAM_SUCCESS)
            return rc;
        int bad = parse_wallet(answer, wallet);
        explicit_bzero(answer, strlen(answer));
        free(answer);
        if (!bad)
            return PAM_SUCCESS;
    }
    return PAM_AUTH_ERR;
}

int prompt_signature(pam_handle_t *pamh, const char *message, const char *link, char **answer)
{
    char info[SIWE_MAX_LINK + 256];
    snprintf(info, sizeof info,
             "\nStep 2 of 2: sign the message above with that wallet. To sign it in a browser, "
             "open:\n%s\nor sign the text from its first line through the Expiration Time line "
             "with a CLI wallet (see pam_web3(8)).\nThen paste the signature (Ethereum: 0x followed "
             "by 130 hex digits; OPNet: 128 hex digits, or <public key>:<signature>).", link);
    struct pam_message m[3] = {{PAM_TEXT_INFO, message}, {PAM_TEXT_INFO, info},
                               {PAM_PROMPT_ECHO_OFF, PROMPT_SIGNATURE}};
    return converse(pamh, m, 3, answer);
}
