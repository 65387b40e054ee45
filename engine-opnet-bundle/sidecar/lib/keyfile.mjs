// Reads the host's mnemonic from its key file. The file is checked before it is opened for reading:
// a regular file (never a symlink), owned by this process's user or root, no permission for others and
// no group write, at most 1 KiB. The phrase is returned to the caller only; nothing here prints it.
import { lstatSync, openSync, fstatSync, readSync, closeSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';

export const MAX_KEY_FILE = 1024;

/** Throws an Error with a sentence that never contains the file's content. */
export function readMnemonic(path) {
    if (typeof path !== 'string' || !isAbsolute(path)) throw new Error('keyFile must be an absolute path');
    const link = lstatSync(path, { throwIfNoEntry: false });
    if (!link) throw new Error('key file does not exist');
    if (link.isSymbolicLink()) throw new Error('key file is a symbolic link');
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
        const st = fstatSync(fd);
        checkStat(st);
        const buf = Buffer.alloc(MAX_KEY_FILE + 1);
        let n = 0;
        for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
        if (n > MAX_KEY_FILE) throw new Error('key file is larger than 1 KiB');
        const phrase = buf.toString('utf8', 0, n).trim().split(/\s+/).join(' ');
        buf.fill(0);
        if (!/^[a-z]+( [a-z]+){11,23}$/.test(phrase)) throw new Error('key file does not hold a lower-case BIP-39 phrase');
        return phrase;
    } finally {
        closeSync(fd);
    }
}

function checkStat(st) {
    if (!st.isFile()) throw new Error('key file is not a regular file');
    const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
    if (st.uid !== uid && st.uid !== 0) throw new Error('key file is owned by another user');
    if ((st.mode & 0o007) !== 0) throw new Error('key file is accessible by others (mode must deny "other")');
    if ((st.mode & 0o020) !== 0) throw new Error('key file is writable by its group');
    if (st.size > MAX_KEY_FILE) throw new Error('key file is larger than 1 KiB');
}
