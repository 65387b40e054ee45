// Decrypted connection details on the EVM buyer pages: the kit's renderer (/kit/details.js, shared with the OPNet
// pages) with noble's SHA-256 for the host key fingerprint and this page's copyable code blocks.
import { sha256 } from '@noble/hashes/sha2.js';
import { renderDetails as render, sshCommand } from '/kit/details.js';
import { copyable } from './ui.js';

export { sshCommand };

/** A section element with the details; the caller puts it into the page. */
export function renderDetails(details) {
  return render(details, { sha256, copyable });
}
