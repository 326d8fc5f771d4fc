/**
 * A repository's avatar: an 8×8 PNG in one colour derived from the seeded repository id, so the
 * binary resource is the same bytes on every run with the same seed, and small enough to eyeball.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 8;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function repoAvatarPng(repoId: number): Buffer {
  const rgb = [(repoId >> 16) & 0xff, (repoId >> 8) & 0xff, repoId & 0xff];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.from([0, ...Array.from({ length: SIZE }, () => rgb).flat()]);
  const pixels = Buffer.concat(Array.from({ length: SIZE }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}
