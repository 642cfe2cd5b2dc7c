import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tokens carry 32 random bytes (256 bits), base64url: 43 characters, shown once. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Keyed digest (HMAC-SHA256, hex). Only this is stored, and lookups go by it. */
export function tokenDigest(token: string, pepper: string): string {
  return createHmac('sha256', pepper).update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A token as presented is 20–200 URL-safe characters; anything else is rejected before hashing. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_\-.~+/=]{16,200}$/;
