// Makes op-vm's prebuilt binary load on glibc 2.36 (Debian 12). It was linked against glibc 2.39 for two
// weak symbols only (pidfd_getpid, pidfd_spawnp): their symbol versions are cleared (.gnu.version entry
// -> 1, "global") and the GLIBC_2.39 version requirement is marked weak (VER_FLG_WEAK in
// .gnu.version_r), so the loader resolves them to nothing instead of refusing the library.
// Idempotent; changes nothing else. Usage: node patch-opvm.mjs <file.node>
import { readFileSync, writeFileSync } from 'node:fs';

const WEAK_SYMBOLS = new Set(['pidfd_getpid', 'pidfd_spawnp']);
const WEAK_VERSION = 'GLIBC_2.39';
const SHT_DYNSYM = 11;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;
const VER_FLG_WEAK = 2;

const file = process.argv[2];
const b = readFileSync(file);
if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) throw new Error(`${file}: not a little-endian ELF64`);

const shoff = Number(b.readBigUInt64LE(0x28));
const shentsize = b.readUInt16LE(0x3a);
const shnum = b.readUInt16LE(0x3c);
const sections = [];
for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({
        type: b.readUInt32LE(o + 4),
        offset: Number(b.readBigUInt64LE(o + 0x18)),
        size: Number(b.readBigUInt64LE(o + 0x20)),
        link: b.readUInt32LE(o + 0x28),
        info: b.readUInt32LE(o + 0x2c),
        entsize: Number(b.readBigUInt64LE(o + 0x38)),
    });
}
const str = (sec, at) => {
    const start = sec.offset + at;
    return b.toString('latin1', start, b.indexOf(0, start));
};

const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);
const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
if (!dynsym || !versym || !verneed) throw new Error(`${file}: no dynamic symbol versions`);
const dynstr = sections[dynsym.link];

let cleared = 0;
for (let i = 0; i < dynsym.size / dynsym.entsize; i++) {
    const name = str(dynstr, b.readUInt32LE(dynsym.offset + i * dynsym.entsize));
    if (WEAK_SYMBOLS.has(name)) {
        b.writeUInt16LE(1, versym.offset + i * 2);
        cleared++;
    }
}

let weakened = 0;
let need = verneed.offset;
for (let n = 0; n < verneed.info; n++) {
    let aux = need + b.readUInt32LE(need + 8);
    for (let a = 0; a < b.readUInt16LE(need + 2); a++) {
        if (str(sections[verneed.link], b.readUInt32LE(aux + 8)) === WEAK_VERSION) {
            b.writeUInt16LE(b.readUInt16LE(aux + 4) | VER_FLG_WEAK, aux + 4);
            weakened++;
        }
        aux += b.readUInt32LE(aux + 12);
    }
    need += b.readUInt32LE(need + 12);
}
writeFileSync(file, b);
console.log(`${file}: ${cleared} symbol version(s) cleared, ${weakened} ${WEAK_VERSION} requirement(s) made weak`);
